"""An item's status and satisfaction follow its merged history: a merge never moves an item back unless a step
back (退回) says so, never loses a satisfaction, and both ends agree, whatever order bundles arrive in."""

from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.domain import ItemStatus
from app.services import item_history, items
from app.session import Session
from app.sync import export, importer, keys
from tests.app.test_sync_support import as_version_1, district, station

ORDER = list(ItemStatus)
FED_BACK = ItemStatus.FED_BACK.value


def _state(s: Session, uuid: str) -> tuple[str, str | None]:
    row = items.require(s.db, uuid)
    return row["status"], row["satisfaction"]


def _content(s: Session, uuid: str) -> dict[str, Any]:
    row = items.require(s.db, uuid)
    return {k: row[k] for k in (*items.EDITABLE, "status", "satisfaction")}


def _told(s: Session, uuid: str) -> item_history.Handling:
    return item_history.derive(item_history.load(s.db, [uuid]).get(uuid, []))


def _events(s: Session, uuid: str) -> dict[str, tuple[str, str | None, str | None]]:
    rows = s.db.execute(
        "SELECT uuid, kind, from_status, to_status FROM item_events WHERE item_uuid = ?", [uuid]
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _is_back(event: tuple[str, str | None, str | None]) -> bool:
    kind, before, after = event
    return kind == "status" and ItemStatus(after).rank < ItemStatus(before or "raised").rank


def _as_older_database(s: Session) -> None:
    """As a database written before the log was stamped: no stamps, a workflow's steps all in one second
    (as ledger imports and the demo write them), and the satisfaction on the item alone."""
    with s.db.atomic():
        s.db.execute("UPDATE item_events SET lamport = NULL, at = '2026-11-02T01:00:00Z'")
        s.db.execute("DELETE FROM item_events WHERE note LIKE 'satisfaction=%'")


def _fed_back(s: Session, uuid: str, satisfaction: str) -> None:
    items.move(s, uuid, "assigned", department="区绿化市容局")
    items.move(s, uuid, "handling")
    items.move(s, uuid, "resolved", reply="已更换灯具")
    items.move(s, uuid, "fed_back", satisfaction=satisfaction)


# ---------------------------------------------------------------- the case that was measured


@pytest.mark.parametrize("older", [False, True], ids=["stamped", "older-database"])
def test_an_item_fed_back_and_edited_at_both_ends_stays_fed_back_with_its_satisfaction(
    tmp_path: Path, older: bool
) -> None:
    desk = station(tmp_path, "YP-01", months=3)  # the demo moves items all the way in one second
    if older:
        _as_older_database(desk)
    fed = [
        (uuid, satisfaction)
        for uuid, satisfaction in desk.db.execute(
            "SELECT uuid, satisfaction FROM items WHERE status = 'fed_back' AND satisfaction IS NOT NULL"
            " ORDER BY item_no"
        )
    ]
    assert fed
    office = district(tmp_path)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "up").path]).ok
    for uuid, _ in fed:
        items.edit(office, uuid, title="区人大改过的标题")  # the title at the district…
        items.edit(desk, uuid, content="家站点补充的内容")  # …the content at the station
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "up").path])
    assert run.ok and run.bundles[0].tables["items"].conflicts == len(fed)
    for uuid, satisfaction in fed:
        assert _state(office, uuid) == (FED_BACK, satisfaction)
    back = importer.import_paths(desk, [export.export_return(office, "YP-01", tmp_path / "down").path])
    assert back.ok
    for uuid, satisfaction in fed:
        assert _state(desk, uuid) == (FED_BACK, satisfaction)
        assert items.require(desk.db, uuid)["title"] == items.require(office.db, uuid)["title"]
    # Nothing was settled differently from the copies: nothing for the audit log.
    settled = office.db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'items' AND change_seq IS NULL"
    ).fetchone()[0]
    assert settled == 0


def test_a_version_1_bundle_imports_and_its_unstamped_history_settles_the_item(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    uuid = items.create(desk, date="2024-05-06", title="小区路灯不亮", content="")
    _fed_back(desk, uuid, "basically")
    _as_older_database(desk)
    office = district(tmp_path)
    signer = keys.signing_key(desk.db)
    first = as_version_1(export.export_station(desk, tmp_path / "up").path, signer)
    assert json.loads(zipfile.ZipFile(first).read("manifest.json"))["format_version"] == 1
    run = importer.import_paths(office, [first])
    assert run.ok, run.bundles[0].lines()
    assert {r[0] for r in office.db.execute("SELECT lamport FROM item_events")} == {None}
    items.edit(office, uuid, title="凤城三村路灯不亮")
    items.edit(desk, uuid, content="12号楼前")
    second = as_version_1(export.export_station(desk, tmp_path / "up").path, signer)
    run = importer.import_paths(office, [second])
    assert run.ok and run.bundles[0].tables["items"].conflicts == 1
    assert _state(office, uuid) == (FED_BACK, "basically")
    steps = [e["to_status"] for e in items.history(office.db, uuid) if e["kind"] in ("created", "status")]
    assert steps == ["raised", "assigned", "handling", "resolved", "fed_back"]


@pytest.mark.parametrize("version", [2, 1])
def test_a_bundle_that_overtakes_the_one_before_it_leaves_the_item_where_the_station_put_it(
    tmp_path: Path, version: int
) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    uuid = items.create(desk, date="2024-05-06", title="路灯不亮", content="")
    items.move(desk, uuid, "assigned", department="区绿化市容局")
    items.move(desk, uuid, "handling")
    items.move(desk, uuid, "resolved", reply="已报修")
    bundles = [export.export_station(desk, tmp_path / "stick").path]
    sent = [frozenset(_events(desk, uuid))]
    items.move(desk, uuid, "handling", reason="灯具仍不亮")
    bundles.append(export.export_station(desk, tmp_path / "stick").path)  # still in the post
    sent.append(frozenset(_events(desk, uuid)))
    items.edit(desk, uuid, title="凤城三村路灯不亮")
    bundles.append(export.export_station(desk, tmp_path / "stick").path)
    if version == 1:
        signer = keys.signing_key(desk.db)
        bundles = [
            as_version_1(path, signer, before)
            for path, before in zip(bundles, [frozenset(), *sent], strict=True)
        ]
    office = district(tmp_path)
    assert importer.import_paths(office, [bundles[0]]).ok
    assert _state(office, uuid) == ("resolved", None)
    for path in (bundles[2], bundles[1]):
        assert importer.import_paths(office, [path]).ok
        assert _state(office, uuid) == ("handling", None)  # never back at 落实, which the station left
    assert _events(office, uuid) == _events(desk, uuid)


def test_a_status_the_merge_takes_from_the_history_is_in_the_audit_log(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    uuid = items.create(desk, date="2024-05-06", title="路口拥堵", content="早高峰拥堵")
    office = district(tmp_path)
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "a").path]).ok
    items.move(office, uuid, "assigned", department="区交警支队")
    # The station edits twice: its copy of the row is the one kept, and that copy was never assigned.
    items.edit(desk, uuid, title="学校路口拥堵")
    items.edit(desk, uuid, title="学校路口早高峰拥堵")
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "b").path])
    assert run.ok and run.bundles[0].tables["items"].conflicts == 1
    row = items.require(office.db, uuid)
    assert (row["title"], row["status"], row["department"]) == (
        "学校路口早高峰拥堵",
        "assigned",
        "区交警支队",
    )
    entry = office.db.execute(
        "SELECT operator, action, old_values, new_values, change_seq FROM audit_log"
        " WHERE table_name = 'items' AND record_uuid = ? ORDER BY id DESC LIMIT 1",
        [uuid],
    ).fetchone()
    assert entry[:2] == ("区人大", "update") and entry[4] is None  # not a change of the clerk's, to undo
    assert json.loads(entry[2]) == {"status": "raised", "department": ""}
    assert json.loads(entry[3]) == {"status": "assigned", "department": "区交警支队"}


# ---------------------------------------------------------------- any edits, any order


@dataclass
class Ends:
    station: Session
    office: Session
    uuid: str
    folder: Path
    bundles: dict[str, list[Path]] = field(default_factory=lambda: {"station": [], "office": []})

    def at(self, side: str) -> Session:
        return self.station if side == "station" else self.office

    def close(self) -> None:
        self.station.close()
        self.office.close()


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, str]]:
    """Station and office databases after a first exchange, one item between them: just raised, or fed back
    and satisfied in a database from before the log was stamped."""
    made: dict[str, tuple[Path, Path, str]] = {}
    for name in ("raised", "older-fed-back"):
        folder = tmp_path_factory.mktemp(name)
        desk = station(folder, "YP-01", months=0)
        uuid = items.create(desk, date="2024-05-06", title="小区路灯不亮", content="凤城三村路灯坏了")
        if name == "older-fed-back":
            _fed_back(desk, uuid, "satisfied")
            _as_older_database(desk)
        office = district(folder)
        assert importer.import_paths(office, [export.export_station(desk, folder / "up").path]).ok
        desk.close()
        office.close()
        made[name] = (folder / "YP-01.db", folder / "district.db", uuid)
    return made


SIDES = st.sampled_from(["station", "office"])
SATISFACTIONS = st.sampled_from(["satisfied", "basically", "unsatisfied"])
FORWARD = st.tuples(st.just("forward"), st.one_of(st.none(), SATISFACTIONS))
# What a clerk does at one end, a step forward most often: (what, value).
LOCAL = st.one_of(
    FORWARD,
    FORWARD,
    FORWARD,
    st.tuples(st.just("edit"), st.sampled_from(["title", "content", "category"])),
    st.tuples(st.just("edit"), st.sampled_from(["title", "content", "category"])),
    st.tuples(st.just("back"), st.integers(1, 4)),
    st.tuples(st.just("satisfy"), SATISFACTIONS),
)
# What travels: a bundle written at one end, or one of the bundles written for an end delivered there (again).
EXCHANGE = st.one_of(
    st.tuples(st.just("send"), SIDES, st.none()), st.tuples(st.just("deliver"), SIDES, st.integers(0, 7))
)
FWD = ("forward", None)
# A round: both ends work without hearing from each other, then some bundles travel.
ROUND = st.tuples(st.lists(LOCAL, max_size=4), st.lists(LOCAL, max_size=4), st.lists(EXCHANGE, max_size=3))


def _apply(ends: Ends, operation: tuple[str, str, Any], number: int) -> None:
    what, side, value = operation
    s = ends.at(side)
    status = ItemStatus(_state(s, ends.uuid)[0])
    if what == "forward" and status != ItemStatus.FED_BACK:
        target = ORDER[status.rank + 1]
        fields = {
            ItemStatus.ASSIGNED: {"department": f"{side}承办单位{number}"},
            ItemStatus.RESOLVED: {"reply": f"{side}办理结果{number}"},
            ItemStatus.FED_BACK: {"satisfaction": value} if value else {},
        }.get(target, {})
        items.move(s, ends.uuid, target.value, **fields)
    elif what == "back" and status != ItemStatus.RAISED:
        target = ORDER[max(0, status.rank - value)]
        items.move(s, ends.uuid, target.value, reason=f"{side}退回{number}")
    elif what == "satisfy" and status == ItemStatus.FED_BACK:
        items.set_satisfaction(s, ends.uuid, value)
    elif what == "edit":
        items.edit(s, ends.uuid, **{value: f"{side}改{number}"})
    elif what == "send":
        out = ends.folder / f"{side}-{number}"
        if side == "station":
            ends.bundles["office"].append(export.export_station(s, out).path)
        else:
            ends.bundles["station"].append(export.export_return(s, "YP-01", out).path)
    elif what == "deliver" and ends.bundles[side]:
        _deliver(ends, side, ends.bundles[side][value % len(ends.bundles[side])])
    _check_the_row_says_what_the_log_says(s, ends.uuid)


def _deliver(ends: Ends, side: str, path: Path) -> None:
    s = ends.at(side)
    before, known = _state(s, ends.uuid), _events(s, ends.uuid)
    run = importer.import_paths(s, [path])
    assert run.ok, run.bundles[0].lines()
    after, now = _state(s, ends.uuid), _events(s, ends.uuid)
    stepped_back = any(_is_back(event) for uuid, event in now.items() if uuid not in known)
    if ItemStatus(after[0]).rank < ItemStatus(before[0]).rank:
        assert stepped_back, f"{side}: {before} -> {after} with no step back"
    if before[0] == after[0] == FED_BACK and before[1] is not None:
        assert after[1] is not None or stepped_back, f"{side}: the satisfaction {before[1]} was lost"


def _check_the_row_says_what_the_log_says(s: Session, uuid: str) -> None:
    told = _told(s, uuid)
    status, satisfaction = _state(s, uuid)
    assert told.status == status
    if told.satisfaction_known:
        assert told.satisfaction == satisfaction


def _exchange_everything(ends: Ends) -> None:
    """Every bundle reaches its end, then one more round trip."""
    for path in ends.bundles["office"]:
        _deliver(ends, "office", path)
    for path in ends.bundles["station"]:
        _deliver(ends, "station", path)
    _deliver(ends, "office", export.export_station(ends.station, ends.folder / "last").path)
    _deliver(ends, "station", export.export_return(ends.office, "YP-01", ends.folder / "last").path)


# Each example is two databases, a dozen changes and a few bundles (about 0.1 s): 40 random ones, and always
# the cases below, keep the test to a few seconds.
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=st.sampled_from(["raised", "older-fed-back"]), rounds=st.lists(ROUND, min_size=1, max_size=4))
# The measured case: fed back before the log was stamped, the title edited at one end, the content at the other.
@example(start="older-fed-back", rounds=[([("edit", "content")], [("edit", "title")], [])])
# The office, not having heard of the station's two steps, takes one step after an edit: its step comes later
# in the history, and must not pull the item back.
@example(start="raised", rounds=[([FWD, FWD], [("edit", "title"), FWD], [])])
# Fed back with a satisfaction at the station while the office sends the item back a step.
@example(
    start="raised",
    rounds=[
        ([FWD, FWD, FWD], [], [("send", "station", None), ("deliver", "office", 0)]),
        ([("forward", "satisfied")], [("back", 1)], []),
    ],
)
# Two satisfactions given at once, at the two ends, and delivered in either order.
@example(
    start="older-fed-back",
    rounds=[
        (
            [("satisfy", "basically")],
            [("satisfy", "unsatisfied")],
            [("send", "office", None), ("send", "station", None), ("deliver", "station", 0)],
        )
    ],
)
def test_concurrent_handling_at_both_ends_never_moves_back_and_ends_the_same(
    templates: dict[str, tuple[Path, Path, str]], start: str, rounds: list[Any]
) -> None:
    station_db, office_db, uuid = templates[start]
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        shutil.copy(station_db, here / "YP-01.db")
        shutil.copy(office_db, here / "district.db")
        ends = Ends(
            Session.open(here / "YP-01.db", operator="YP-01联络员"),
            Session.open(here / "district.db", operator="区人大"),
            uuid,
            here,
        )
        try:
            number = 0
            for at_station, at_office, exchanges in rounds:
                for side, local in (("station", at_station), ("office", at_office)):
                    for what, value in local:
                        number += 1
                        _apply(ends, (what, side, value), number)
                for operation in exchanges:
                    number += 1
                    _apply(ends, operation, number)
            _exchange_everything(ends)
            assert _events(ends.station, uuid) == _events(ends.office, uuid)
            assert _state(ends.station, uuid) == _state(ends.office, uuid)
            assert _content(ends.station, uuid) == _content(ends.office, uuid)
            never_back = not any(_is_back(e) for e in _events(ends.office, uuid).values())
            if start == "older-fed-back" and never_back:
                # Never sent back: still fed back, with the satisfaction given before the log was stamped or
                # one given since.
                status, satisfaction = _state(ends.office, uuid)
                assert status == FED_BACK and satisfaction is not None
        finally:
            ends.close()
