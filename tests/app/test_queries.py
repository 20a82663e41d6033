"""Listing queries against a real database file, compared with a plain Python filter over the same rows."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import UserError
from app.queries import deputies as deputy_queries
from app.queries import items as item_queries
from app.queries import reception_days as day_queries
from app.queries import text_search
from app.queries import visits as visit_queries
from app.session import Session
from db.schema_listing import ITEMS_TEXT_COLUMNS, VISITS_TEXT_COLUMNS

# A small alphabet, so that one- and two-character words hit many rows and miss many others.
CJK = "电梯停车物业加装垃圾分类噪音小区老人"
LATIN = "abAB"
PUNCT = "，。 \n"
STATUSES = ("raised", "assigned", "handling", "resolved", "fed_back")
CATEGORIES = ("城市建设", "物业管理", "交通出行", "")
COMMUNITIES = ("控江一村", "凤城三村", "")
STATIONS = (("YP-01", "控江路街道代表之家"), ("YP-02", "殷行街道代表之家"), ("YP-03", "大桥街道代表联系点"))
START = date(2024, 1, 1)


def _text(rng: random.Random, low: int, high: int) -> str:
    alphabet = CJK * 4 + LATIN + PUNCT
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _seed(session: Session, n_items: int = 400, n_visits: int = 200) -> None:
    rng = random.Random(7)
    with session.write() as w:
        station_uuids = [
            w.insert("stations", {"code": code, "name": name, "kind": "home", "street": ""})
            for code, name in STATIONS
        ]
        for i in range(n_items):
            status = rng.choice(STATUSES)
            w.insert(
                "items",
                {
                    "item_no": f"T-{i:05d}",
                    "station_uuid": rng.choice(station_uuids),
                    "date": (START + timedelta(days=rng.randrange(400))).isoformat(),
                    "title": _text(rng, 1, 12) or "题",
                    "content": _text(rng, 0, 40),
                    "category": rng.choice(CATEGORIES),
                    "community": rng.choice(COMMUNITIES),
                    "status": status,
                    "department": rng.choice(("区房管局", "街道办事处", "")),
                    "due_date": rng.choice((None, (START + timedelta(days=rng.randrange(400))).isoformat())),
                    "reply": _text(rng, 0, 8) if status in ("resolved", "fed_back") else "",
                    "satisfaction": rng.choice((None, "satisfied", "basically", "unsatisfied"))
                    if status == "fed_back"
                    else None,
                },
            )
        for _ in range(n_visits):
            w.insert(
                "visits",
                {
                    "station_uuid": rng.choice(station_uuids),
                    "date": (START + timedelta(days=rng.randrange(400))).isoformat(),
                    "visitor_name": rng.choice("王李张") + rng.choice("伟芳电车"),
                    "phone": "",
                    "community": rng.choice(COMMUNITIES),
                    "headcount": rng.choice((1, 2, 5)),
                    "raised": _text(rng, 1, 30) or "事",
                    "category": rng.choice(CATEGORIES),
                },
            )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    path: Path = tmp_path_factory.mktemp("queries") / "listing.db"
    session = Session.open(path, operator="测试员")
    _seed(session)
    session.close()
    conn = sqlite3.connect(str(path))
    yield conn
    conn.close()


def _all_rows(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    cursor = conn.execute(
        f"SELECT t.rowid AS _rowid, t.*, s.code AS station_code FROM {table} t JOIN stations s ON s.uuid = t.station_uuid"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _has_words(row: dict[str, Any], text: str | None, columns: tuple[str, ...]) -> bool:
    return all(any(w.lower() in str(row[c] or "").lower() for c in columns) for w in text_search.words(text))


def _naive_items(rows: list[dict[str, Any]], f: item_queries.ItemFilters) -> list[dict[str, Any]]:
    statuses = {f.status} if isinstance(f.status, str) else set(f.status or ())
    return [
        r
        for r in rows
        if (not statuses or r["status"] in statuses)
        and (not f.category or r["category"] == f.category)
        and (not f.community or r["community"] == f.community)
        and (not f.date_from or r["date"] >= str(f.date_from))
        and (not f.date_to or r["date"] <= str(f.date_to))
        and (not f.station_code or r["station_code"] == f.station_code)
        and _has_words(r, f.text, ITEMS_TEXT_COLUMNS)
    ]


def _sorted(rows: list[dict[str, Any]], key: str, descending: bool) -> list[int]:
    # SQLite puts NULL first in ascending order; text compares by code point like Python's str.
    ordered = sorted(
        rows, key=lambda r: (r[key] is not None, r[key] if r[key] is not None else "", r["_rowid"])
    )
    if descending:
        ordered.reverse()
    return [r["_rowid"] for r in ordered]


SEGMENTED = ("status", "satisfaction", "station")


def _segmented(
    conn: sqlite3.Connection, rows: list[dict[str, Any]], sort: str, descending: bool
) -> list[int]:
    """Status in workflow order, satisfaction best first (none last), stations by name; newest first within."""
    orders: dict[str, tuple[Any, ...]] = {
        "status": STATUSES,
        "satisfaction": ("satisfied", "basically", "unsatisfied", None),
        "station": tuple(r[0] for r in conn.execute("SELECT uuid FROM stations ORDER BY name, code")),
    }
    values = orders[sort][::-1] if descending else orders[sort]
    column = "station_uuid" if sort == "station" else sort
    newest_first = sorted(rows, key=lambda r: (r["date"], r["_rowid"]), reverse=True)
    return [r["_rowid"] for r in sorted(newest_first, key=lambda r: values.index(r[column]))]


words = st.text(alphabet=CJK + LATIN + "，", min_size=1, max_size=4)
item_filters = st.builds(
    item_queries.ItemFilters,
    status=st.one_of(st.none(), st.sampled_from(STATUSES), st.lists(st.sampled_from(STATUSES), max_size=3)),
    category=st.one_of(st.none(), st.sampled_from(CATEGORIES)),
    community=st.one_of(st.none(), st.sampled_from(COMMUNITIES)),
    text=st.one_of(st.none(), words, st.builds(lambda a, b: f"{a} {b}", words, words)),
    date_from=st.one_of(st.none(), st.dates(START, START + timedelta(days=400))),
    date_to=st.one_of(st.none(), st.dates(START, START + timedelta(days=400))),
    station_code=st.one_of(st.none(), st.sampled_from([c for c, _ in STATIONS])),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=item_filters, sort=st.sampled_from(sorted(item_queries.SORTS)), descending=st.booleans())
def test_item_listing_matches_a_plain_filter(
    seeded: sqlite3.Connection, f: item_queries.ItemFilters, sort: str, descending: bool
) -> None:
    expected = _naive_items(_all_rows(seeded, "items"), f)
    want = (
        _segmented(seeded, expected, sort, descending)
        if sort in SEGMENTED
        else _sorted(expected, sort, descending)
    )
    # Both plans for text terms (look the matches up / probe them while walking an index) give the same rows.
    for probe in (False, True):
        listing = replace(item_queries.listing(f, sort, descending), probe_rowid_sets=probe)
        assert listing.count(seeded) == len(expected)
        got = [r["_rowid"] for r in listing.all(seeded, chunk=37)]  # pages that do not divide the total
        assert got == want
        assert list(listing.ordered_rowids(seeded, len(expected))) == want
        assert list(listing.ordered_rowids(seeded, 7)) == want[:7]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.one_of(words, st.builds(lambda a, b: f"{a} {b}", words, words)),
    community=st.one_of(st.none(), st.sampled_from(COMMUNITIES)),
    date_from=st.one_of(st.none(), st.dates(START, START + timedelta(days=400))),
)
def test_visit_listing_matches_a_plain_filter(
    seeded: sqlite3.Connection, text: str, community: str | None, date_from: date | None
) -> None:
    f = visit_queries.VisitFilters(text=text, community=community, date_from=date_from)
    expected = [
        r
        for r in _all_rows(seeded, "visits")
        if _has_words(r, text, VISITS_TEXT_COLUMNS)
        and (not community or r["community"] == community)
        and (not date_from or r["date"] >= date_from.isoformat())
    ]
    listing = visit_queries.listing(f, "date", True)
    assert listing.count(seeded) == len(expected)
    assert [r["_rowid"] for r in listing.all(seeded)] == _sorted(expected, "date", True)


def test_short_words_are_answered_from_the_character_index(seeded: sqlite3.Connection) -> None:
    listing = item_queries.listing(item_queries.ItemFilters(text="电梯"))
    sql, params = listing.count_sql()
    plan = " ".join(row[-1] for row in seeded.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "items_bigrams VIRTUAL TABLE" in plan
    assert "SCAN t" not in plan  # not a scan of the items table


def test_long_words_are_answered_from_the_trigram_index(seeded: sqlite3.Connection) -> None:
    listing = item_queries.listing(item_queries.ItemFilters(text="加装电梯"))
    sql, params = listing.count_sql()
    plan = " ".join(row[-1] for row in seeded.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "items_fts VIRTUAL TABLE" in plan
    assert "SCAN t" not in plan


def test_many_text_matches_switch_to_probing(
    seeded: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.queries import listing as listing_module

    f = item_queries.ItemFilters(text="电", status="raised")
    matches = seeded.execute(
        "SELECT count(*) FROM items_bigrams WHERE items_bigrams MATCH '\"电\"*'"
    ).fetchone()[0]
    monkeypatch.setattr(listing_module, "PROBE_FROM_MATCHES", matches + 1)
    assert not item_queries.listing(f).tuned(seeded).probe_rowid_sets
    monkeypatch.setattr(listing_module, "PROBE_FROM_MATCHES", matches)
    probing = item_queries.listing(f).tuned(seeded)
    assert probing.probe_rowid_sets
    sql, params = probing.rowids_sql(0, 20)
    plan = " ".join(row[-1] for row in seeded.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "INTEGER PRIMARY KEY (rowid=?)" not in plan  # the matches are probed, not looked up one by one


def test_whitespace_and_punctuation_do_not_join_characters(session: Session) -> None:
    _seed(session, n_items=0, n_visits=0)
    station = session.db.execute("SELECT uuid FROM stations ORDER BY uuid LIMIT 1").fetchone()[0]
    with session.write() as w:
        for no, title in (("A-1", "电，梯"), ("A-2", "电 梯"), ("A-3", "电\n梯"), ("A-4", "加装电梯")):
            w.insert("items", {"item_no": no, "station_uuid": station, "date": "2024-05-01", "title": title})
    conn = session.db.conn
    found = item_queries.listing(item_queries.ItemFilters(text="电梯"), "item_no", False).all(conn)
    assert [r["item_no"] for r in found] == ["A-4"]
    found = item_queries.listing(item_queries.ItemFilters(text="电，"), "item_no", False).all(conn)
    assert [r["item_no"] for r in found] == ["A-1"]


def test_character_index_follows_edits_and_deletes(session: Session) -> None:
    _seed(session, n_items=0, n_visits=0)
    station = session.db.execute("SELECT uuid FROM stations ORDER BY uuid LIMIT 1").fetchone()[0]
    with session.write() as w:
        uuid = w.insert(
            "items", {"item_no": "B-1", "station_uuid": station, "date": "2024-05-01", "title": "停车难"}
        )
    conn = session.db.conn

    def titles(word: str) -> list[str]:
        return [r["title"] for r in item_queries.listing(item_queries.ItemFilters(text=word)).all(conn)]

    assert titles("停车") == ["停车难"]
    with session.write() as w:
        w.update("items", uuid, {"title": "加装电梯"})
    assert titles("停车") == []
    assert titles("电梯") == ["加装电梯"]
    with session.write() as w:
        w.delete("items", uuid)
    assert titles("电梯") == []


def test_short_words_fall_back_to_like_without_the_character_index(seeded: sqlite3.Connection) -> None:
    f = item_queries.ItemFilters(text="电梯 a")
    indexed = item_queries.listing(f).all(seeded)
    fallback = item_queries.listing(f, have_bigram_index=False).all(seeded)
    assert indexed and [r["uuid"] for r in indexed] == [r["uuid"] for r in fallback]
    assert text_search.has_bigram_index(seeded, "items")


def test_a_date_that_does_not_exist_is_refused_in_the_users_language() -> None:
    with pytest.raises(UserError) as refused:
        item_queries.listing(item_queries.ItemFilters(date_from="2024-02-30"))
    assert "2024-02-30" in str(refused.value)


def test_page_rows_carry_the_station(seeded: sqlite3.Connection) -> None:
    row = item_queries.listing(item_queries.ItemFilters(station_code="YP-02")).page(seeded, 0, 1)[0]
    assert (row["station_code"], row["station_name"]) == ("YP-02", "殷行街道代表之家")


def test_reception_days_count_scheduled_and_present(station_session: Session) -> None:
    from app.services import deputies as deputy_service
    from app.services import reception

    s = station_session
    station = s.local_station_uuid()
    assert station is not None
    deputies = []
    for name in ("王伟", "李芳", "张强"):
        deputies.append(deputy_service.create(s, name=name, level="district"))
        deputy_service.station_at(s, deputies[-1], station)
    day = reception.create(s, date="2024-03-15", kind="regular", deputy_uuids=deputies).uuid
    reception.mark(s, day, deputies[0], "present")
    reception.mark(s, day, deputies[1], "leave")
    reception.mark(s, day, deputies[2], "present")
    rows = day_queries.listing(day_queries.ReceptionDayFilters(station_code="YP-01")).all(s.db.conn)
    assert [(r["date"], r["scheduled_count"], r["present_count"]) for r in rows] == [("2024-03-15", 3, 2)]

    roster = deputy_queries.listing(deputy_queries.DeputyFilters(station_code="YP-01")).all(s.db.conn)
    assert [r["name"] for r in roster] == sorted(["王伟", "李芳", "张强"])
    assert {r["stations"] for r in roster} == {"控江路街道代表之家"}
    assert [
        r["name"] for r in deputy_queries.listing(deputy_queries.DeputyFilters(text="芳")).all(s.db.conn)
    ] == ["李芳"]


def test_upgrading_to_version_4_indexes_the_rows_already_there(db_path: Path) -> None:
    from db.connection import open_database
    from db.migrations import LATEST_VERSION, current_version

    old = open_database(db_path, target_version=3)
    with old.atomic():
        old.execute(
            "INSERT INTO stations (uuid, origin, created_at, updated_at, code, name) VALUES ('s1', 'YP-01', 'x', 'x',"
            " 'YP-01', '控江路街道代表之家')"
        )
        old.execute(
            "INSERT INTO items (uuid, origin, created_at, updated_at, item_no, station_uuid, date, title, content)"
            " VALUES ('i1', 'YP-01', 'x', 'x', 'YP-01-1', 's1', '2023-04-01', '加装电梯', '门洞 停车')"
        )
    old.close()

    upgraded = open_database(db_path)
    conn = upgraded.conn
    assert current_version(conn) == LATEST_VERSION
    for word in ("电梯", "梯", "停车", "加装电梯"):
        found = item_queries.listing(item_queries.ItemFilters(text=word)).all(conn)
        assert [r["item_no"] for r in found] == ["YP-01-1"], word
    assert item_queries.listing(item_queries.ItemFilters(text="洞停")).all(conn) == []  # a space between them
    upgraded.close()
