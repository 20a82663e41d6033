"""Any order and any repetition of the same bundles gives the same district database."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services import deputies, items, reception, visits
from app.session import Session
from app.sync import export, importer
from tests.app.test_sync_support import canonical, district, give_district_key, station


def _activity(s: Session, deputy: str, shared: str) -> tuple[str, str]:
    day = reception.create(
        s, date="2024-04-10", start_time="09:00", end_time="11:00", deputy_uuids=[deputy, shared]
    )
    visit = visits.create(s, date="2024-04-10", raised="小区停车难", headcount=2, deputy_uuids=[deputy])
    item = items.from_visit(s, visit)
    return day.uuid, item


@pytest.fixture(scope="module")
def office_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The district every example imports into: a fresh copy of it each time, with the same keys."""
    office = district(tmp_path_factory.mktemp("office"))
    path = Path(str(office.path))
    office.close()
    return path


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory, office_file: Path) -> list[Path]:
    """Two stations, two bundles each, with every kind of overlap the district must untangle:
    - 王伟 is known at YP-01 by name and level only, at YP-02 by his deputy number (one person);
    - 李娜 (D0001) is on both rosters, and both stations change her phone differently (a conflict);
    - edits, a deletion and workflow moves between a station's first and second bundle;
    - YP-01's first bundle is written before it has the district's key, without visitors' names and phones;
      its second, sealed, carries them."""
    tmp = tmp_path_factory.mktemp("stations")
    out = tmp / "stick"
    paths: list[Path] = []
    office = Session.open(office_file, operator="区人大")
    a = station(tmp, "YP-01", months=0)
    b = station(tmp, "YP-02", months=0)
    give_district_key(b, office)
    visits.create(a, date="2024-04-09", visitor_name="张三", phone="13700001111", raised="楼道灯坏了")
    wang_a = deputies.create(a, name="王伟", level="municipal")
    wang_b = deputies.create(b, name="王伟", level="municipal", deputy_no="M001")
    li_a = deputies.create(a, name="李娜", level="district", deputy_no="D0001", phone="13812345678")
    li_b = deputies.create(b, name="李娜", level="district", deputy_no="D0001", phone="13812345678")
    assert li_a == li_b and wang_a != wang_b
    for s, wang in ((a, wang_a), (b, wang_b)):
        deputies.station_at(s, wang, s.local_station_uuid() or "", "2024-01-01")
        _activity(s, wang, li_a)
        paths.append(export.export_station(s, out, without_personal_data=s is a).path)
    give_district_key(a, office)
    office.close()
    # Between the first and the second bundle.
    deputies.update(a, li_a, phone="13900000001")
    deputies.update(b, li_b, phone="13900000002")
    for s, wang in ((a, wang_a), (b, wang_b)):
        _, item = _activity(s, wang, li_a)
        items.move(s, item, "assigned", department="区房管局")
        first_visit = s.db.execute("SELECT uuid FROM visits ORDER BY rowid LIMIT 1").fetchone()[0]
        visits.update(s, first_visit, community="延吉新村")
        last_visit = s.db.execute("SELECT uuid FROM visits ORDER BY rowid DESC LIMIT 1").fetchone()[0]
        for (linked,) in s.db.execute("SELECT uuid FROM items WHERE visit_uuid = ?", [last_visit]).fetchall():
            items.delete(s, linked)
        visits.delete(s, last_visit)
        paths.append(export.export_station(s, out).path)
    return paths


def _import(paths: list[Path], office_file: Path) -> dict[str, list[tuple[object, ...]]]:
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / office_file.name
        shutil.copyfile(office_file, copy)
        office = Session.open(copy, operator="区人大")
        for path in paths:
            run = importer.import_paths(office, [path])
            assert run.ok, run.bundles[0].lines()
        dump = canonical(office)
        office.close()
    return dump


@pytest.fixture(scope="module")
def reference(bundles: list[Path], office_file: Path) -> dict[str, list[tuple[object, ...]]]:
    return _import(bundles, office_file)


def test_reference_merge_is_what_we_expect(reference: dict[str, list[tuple[object, ...]]]) -> None:
    names = [
        row[6] for row in reference["deputies"]
    ]  # columns: uuid, origin, created, updated, version, no, name…
    assert sorted(r for r in names if r in ("王伟", "李娜")) == ["李娜", "王伟"]  # one each, never two
    wang = [row for row in reference["deputies"] if row[6] == "王伟"][0]
    assert wang[5] == "M001"  # the numbered record is the one kept
    # The visit first sent without its visitor's details has them from the later sealed bundle.
    assert [
        row for row in reference["visits"] if "楼道灯坏了" in row and "张三" in row and "13700001111" in row
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_order_and_repetition_gives_the_same_database(
    bundles: list[Path],
    reference: dict[str, list[tuple[object, ...]]],
    office_file: Path,
    data: st.DataObject,
) -> None:
    order = data.draw(st.permutations(bundles))
    repeats = data.draw(st.lists(st.sampled_from(bundles), max_size=4))
    sequence = list(order)
    for extra in repeats:
        sequence.insert(data.draw(st.integers(0, len(sequence))), extra)
    assert _import(sequence, office_file) == reference


def test_a_full_export_makes_the_bundles_before_it_no_longer_missing(tmp_path: Path) -> None:
    desk = station(tmp_path, "YP-01", months=0)
    office = district(tmp_path)
    give_district_key(desk, office)
    items.create(desk, date="2024-05-06", title="路灯不亮", content="")
    export.export_station(desk, tmp_path / "lost-stick")  # bundle 1: the stick is lost on the way
    items.create(desk, date="2024-05-07", title="井盖松动", content="")
    export.export_station(desk, tmp_path / "lost-stick")  # bundle 2: lost as well
    items.create(desk, date="2024-05-08", title="噪声扰民", content="")
    third = export.export_station(desk, tmp_path / "stick")
    run = importer.import_paths(office, [third.path])
    assert run.gaps == {"YP-01": [1, 2]}
    # The clerk sends everything again instead of the lost bundles.
    full = export.export_station(desk, tmp_path / "stick", full=True)
    run = importer.import_paths(office, [full.path])
    assert run.ok and run.gaps == {}
    assert importer.missing_sequences(office, "YP-01") == []
    assert office.db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 3
    # A bundle lost after the full one is missing again.
    items.create(desk, date="2024-05-09", title="楼道堆物", content="")
    export.export_station(desk, tmp_path / "lost-stick")
    items.create(desk, date="2024-05-10", title="停车难", content="")
    sixth = export.export_station(desk, tmp_path / "stick")
    assert importer.import_paths(office, [sixth.path]).gaps == {"YP-01": [5]}
