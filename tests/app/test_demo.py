"""Demo data on a station the clerk already set up keeps that station as it was."""

from __future__ import annotations

from datetime import date

from app import demo, identity
from app.session import Session


def _station(session: Session, code: str) -> tuple[str, str]:
    row = session.db.execute("SELECT name, kind FROM stations WHERE code = ?", [code]).fetchone()
    return row[0], row[1]


def test_demo_keeps_the_local_stations_own_name(session: Session) -> None:
    identity.init_station(
        session, code="YP-02", name="延吉新村街道代表联络站", kind="station", street="延吉新村街道"
    )
    demo.generate(session, months=2, seed=1, today=date(2023, 6, 15))
    assert _station(session, "YP-02") == ("延吉新村街道代表联络站", "station")


def test_demo_on_a_station_whose_code_is_not_a_demo_code(session: Session) -> None:
    identity.init_station(session, code="HK-09", name="虹口测试站", kind="point", street="四川北路街道")
    result = demo.generate(session, months=2, seed=1, today=date(2023, 6, 15))
    local = session.local_station_uuid()
    days = session.db.execute("SELECT COUNT(*), COUNT(DISTINCT station_uuid) FROM reception_days").fetchone()
    assert result.reception_days > 0
    assert days[0] == result.reception_days and days[1] == 1
    only = session.db.execute("SELECT DISTINCT station_uuid FROM reception_days").fetchone()[0]
    assert only == local
    assert _station(session, "HK-09") == ("虹口测试站", "point")
