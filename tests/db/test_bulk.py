from __future__ import annotations

import pytest

from app.session import Session
from db.bulk import deferred_text_indexes
from db.records import new_uuid

COLUMNS = ("station_uuid", "date", "visitor_name", "phone", "community", "headcount", "raised", "category")


def _rows(station: str, texts: list[str]) -> list[tuple[object, ...]]:
    return [
        (new_uuid(), station, "2023-03-01", "王某", "", "控江一村", 1, text, "城市建设") for text in texts
    ]


def _triggers(session: Session) -> list[tuple[str, str]]:
    return session.db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'visits' ORDER BY name"
    ).fetchall()


def _search(session: Session, index: str, query: str) -> list[str]:
    return [
        r[0]
        for r in session.db.execute(
            f"SELECT v.raised FROM {index} f JOIN visits v ON v.rowid = f.rowid WHERE {index} MATCH ? ORDER BY v.rowid",
            [query],
        ).fetchall()
    ]


def test_bulk_insert_indexes_text_exactly_as_the_triggers_do(station_session: Session) -> None:
    station = station_session.local_station_uuid() or ""
    before = _triggers(station_session)
    texts = ["小区加装电梯进度缓慢", "停车难 电梯坏了", "垃圾分类投放点异味"]
    with station_session.write() as writer:
        writer.insert(
            "visits", dict(zip(COLUMNS, _rows(station, ["先有一条：电梯维修"])[0][1:], strict=True))
        )
        writer.insert_many("visits", COLUMNS, _rows(station, texts))
    assert _triggers(station_session) == before
    assert _search(station_session, "visits_fts", '"加装电梯"') == ["小区加装电梯进度缓慢"]
    two_char = _search(station_session, "visits_bigrams", '"电梯"')
    assert two_char == ["先有一条：电梯维修", "小区加装电梯进度缓慢", "停车难 电梯坏了"]
    # After the bulk load, a single insert is indexed by the restored trigger again.
    with station_session.write() as writer:
        writer.insert("visits", dict(zip(COLUMNS, _rows(station, ["电梯又坏了"])[0][1:], strict=True)))
    assert len(_search(station_session, "visits_bigrams", '"电梯"')) == 4


def test_a_failed_bulk_load_restores_the_triggers(station_session: Session) -> None:
    station = station_session.local_station_uuid() or ""
    before = _triggers(station_session)
    with (
        pytest.raises(RuntimeError),
        station_session.db.atomic(),
        deferred_text_indexes(station_session.db, "visits"),
    ):
        station_session.db.conn.executemany(
            "INSERT INTO visits (uuid, origin, created_at, updated_at, station_uuid, date, raised)"
            " VALUES (?, 'x', 'x', 'x', ?, '2023-01-01', '电梯')",
            [(new_uuid(), station)],
        )
        raise RuntimeError("disk full")
    assert _triggers(station_session) == before
    assert station_session.db.execute("SELECT COUNT(*) FROM visits").fetchone()[0] == 0


def test_outside_a_transaction_is_refused(station_session: Session) -> None:
    with pytest.raises(RuntimeError), deferred_text_indexes(station_session.db, "visits"):
        pass
