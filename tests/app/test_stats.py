from __future__ import annotations

import pytest

from app import identity, stats
from app.errors import NotFound, UserError
from app.period import Period, from_args
from app.services import deputies, items, reception, visits
from app.session import Session


@pytest.fixture
def filled(station_session: Session) -> Session:
    s = station_session
    a = deputies.create(s, name="王建国", level="区")
    b = deputies.create(s, name="李红", level="市")
    deputies.create(s, name="张伟", level="全国")  # on the roster, stationed nowhere
    deputies.station_at(s, a, s.local_station_uuid() or "", "2020-01-01")
    deputies.station_at(s, b, s.local_station_uuid() or "", "2020-01-01")
    d1 = reception.create(s, date="2023-03-15", deputy_uuids=[a, b]).uuid
    reception.mark(s, d1, a, "present")
    reception.mark(s, d1, b, "leave")
    d2 = reception.create(s, date="2023-04-12", deputy_uuids=[a]).uuid
    reception.mark(s, d2, a, "absent")
    visits.create(
        s, date="2023-03-15", reception_day_uuid=d1, headcount=3, raised="电梯", category="城市建设"
    )
    visits.create(
        s, date="2023-03-15", reception_day_uuid=d1, headcount=1, raised="停车", category="交通出行"
    )
    visits.create(
        s, date="2023-04-12", reception_day_uuid=d2, headcount=2, raised="垃圾", category="环境卫生"
    )
    i1 = items.create(s, date="2023-03-15", title="电梯", category="城市建设")
    items.create(s, date="2023-04-12", title="垃圾", category="")
    items.move(s, i1, "assigned", department="区房管局")
    return s


def test_year_figures(filled: Session) -> None:
    figures = stats.compute(filled.db, Period.year(2023))
    assert figures == {
        "from": "2023-01-01",
        "to": "2023-12-31",
        "stations": 1,
        "reception_days": 2,
        "attendance": {"present": 1, "leave": 1, "absent": 1},
        "visits": 3,
        "person_visits": 6,
        "sentiment_items": 2,
        "items_by_status": {"raised": 1, "assigned": 1, "handling": 0, "resolved": 0, "fed_back": 0},
        "items_by_category": {"城市建设": 1, "未分类": 1},
        "satisfaction": {"satisfied": 0, "basically": 0, "unsatisfied": 0},
        "deputies": 3,
        "deputies_stationed": 2,
        "coverage": 0.6667,
    }


def test_month_and_station_scope(filled: Session) -> None:
    march = stats.compute(filled.db, Period.month("2023-03"), "yp-01")
    assert (march["reception_days"], march["visits"], march["person_visits"], march["sentiment_items"]) == (
        1,
        2,
        4,
        1,
    )
    assert march["attendance"] == {"present": 1, "leave": 1, "absent": 0}
    empty = stats.compute(filled.db, Period.year(2022))
    assert empty["visits"] == 0 and empty["items_by_category"] == {}


def test_unknown_station_and_bad_periods(filled: Session) -> None:
    with pytest.raises(NotFound):
        stats.compute(filled.db, Period.year(2023), "NOPE")
    with pytest.raises(UserError):
        from_args(month="2023-13")
    with pytest.raises(UserError):
        from_args(start="2023-05-01", end="2023-04-01")
    assert from_args(start="2023/3/1", end="2023年3月31日") == Period.month("2023-03")


def test_district_counts_every_station(session: Session) -> None:
    identity.init_district(session, name="杨浦区人大常委会")
    assert stats.compute(session.db, Period())["stations"] == 0
