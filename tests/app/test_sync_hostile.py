"""Hostile bundles that are not bombs: JSON nested to crash a parser, a manifest too large, members compressed
in a way that cannot be bounded, more broken or more rows than a bundle may hold, sequence numbers meant to
poison a station code, a tampered copy of a bundle already imported, a plain bundle after sealed ones, control
characters and other cells made to crash a check. Each is made for real (re-zipped, re-signed with a station's
key where the attack needs one) and refused with a clear message; a refused bundle leaves the district's
database as it was."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from app.session import Session
from app.sync import container, export, gaps, importer, keys, status
from app.sync.container import Limits
from app.sync.summary import ALREADY, IMPORTED
from tests.app import hostile
from tests.app.hostile import (
    Member,
    describe,
    member,
    signed,
    stranger,
    unzip,
    zip_bytes,
)
from tests.app.test_sync_support import district, everything, station

VISITS = "tables/visits.csv"


@pytest.fixture
def desk(tmp_path: Path) -> Session:
    return station(tmp_path, "YP-01", months=2)


@pytest.fixture
def office(tmp_path: Path) -> Session:
    return district(tmp_path)


@pytest.fixture
def first(desk: Session, tmp_path: Path) -> Path:
    return export.export_station(desk, tmp_path / "stick").path


def _refused(office: Session, data: bytes, tmp_path: Path, name: str = "YP-01-000009.liaison") -> str:
    """Import `data` as a file; it must be refused with nothing changed. Returns the reason (Chinese), which
    must also be what the import log records."""
    path = tmp_path / name
    path.write_bytes(data)
    before = everything(office)
    logged_before = office.db.execute("SELECT COUNT(*) FROM sync_import_log").fetchone()[0]
    run = importer.import_paths(office, [path])
    assert not run.ok
    reason = run.bundles[0].reason
    assert reason is not None
    assert "Traceback" not in reason.render("en") and reason.render("en") != reason.render("zh_CN")
    assert everything(office) == before
    logged = office.db.execute(
        "SELECT outcome, reason FROM sync_import_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert office.db.execute("SELECT COUNT(*) FROM sync_import_log").fetchone()[0] == logged_before + 1
    assert tuple(logged) == ("refused", reason.render("zh_CN"))
    return reason.render("zh_CN")


def _resigned(
    bundle: bytes,
    desk: Session,
    *,
    tables: dict[str, bytes] | None = None,
    **fields: object,
) -> bytes:
    """The bundle as the station's own key would sign it with these changes (what a forger holding the key,
    or a faulty program at the station, writes)."""
    files = unzip(bundle)
    manifest = json.loads(files.pop(container.MANIFEST))
    files.pop(container.SIGNATURE)
    for name, data in (tables or {}).items():
        files[name] = data
        describe(manifest, name, data)
    manifest.update(fields)
    return signed(manifest, [member(n, d) for n, d in files.items()], keys.signing_key(desk.db))


def _with_member(bundle: bytes, name: str, data: bytes) -> bytes:
    return zip_bytes([member(n, data if n == name else d) for n, d in unzip(bundle).items()])


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


# ------------------------------------------------------------------ JSON


def _nested(depth: int) -> bytes:
    return b'{"format": "liaison-desk-bundle", "x": ' + b"[" * depth + b"]" * depth + b"}"


def test_a_deeply_nested_manifest_is_refused_and_logged(first: Path, office: Session, tmp_path: Path) -> None:
    reason = _refused(
        office,
        _with_member(first.read_bytes(), container.MANIFEST, _nested(100_000)),
        tmp_path,
    )
    assert "数据包清单（manifest.json）的嵌套超过 8 层" in reason and "重新导出" in reason
    assert importer.import_paths(office, [first]).ok


def test_nesting_up_to_the_limit_parses(first: Path, office: Session, tmp_path: Path) -> None:
    # Seven levels inside the manifest's own object: parsed, and refused only for its signature.
    reason = _refused(
        office,
        _with_member(first.read_bytes(), container.MANIFEST, _nested(7)),
        tmp_path,
    )
    assert "嵌套" not in reason


def test_a_deeply_nested_envelope_is_refused_and_logged(office: Session, tmp_path: Path) -> None:
    envelope = b'{"format": "liaison-desk-sealed-bundle", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    data = zip_bytes([member(container.ENVELOPE, envelope), member(container.PAYLOAD, b"\x00" * 64)])
    reason = _refused(office, data, tmp_path)
    assert "信封（envelope.json）的嵌套超过 8 层" in reason


def test_an_oversized_manifest_is_refused(first: Path, office: Session, tmp_path: Path) -> None:
    manifest = unzip(first.read_bytes())[container.MANIFEST]
    padded = manifest[:-1] + b" " * 300_000 + manifest[-1:]  # still valid JSON, and still small zipped
    reason = _refused(office, _with_member(first.read_bytes(), container.MANIFEST, padded), tmp_path)
    assert "manifest.json" in reason and "256 KB" in reason


def test_a_member_compressed_with_bzip2_is_refused(first: Path, office: Session, tmp_path: Path) -> None:
    """zipfile inflates bzip2 without bounding one call's output; no writer of bundles uses it."""
    import bz2

    members = [
        Member(n, bz2.compress(d), len(d), 0, method=12) if n == VISITS else member(n, d)
        for n, d in unzip(first.read_bytes()).items()
    ]
    reason = _refused(office, zip_bytes(members), tmp_path)
    assert "visits.csv" in reason and "已损坏" in reason


# ------------------------------------------------------------------ limits


def test_too_many_broken_rows_refuse_the_bundle_whole(
    desk: Session, first: Path, office: Session, tmp_path: Path
) -> None:
    rows = _rows(unzip(first.read_bytes())[VISITS])
    junk = _csv([rows[0], *([["x"]] * 101)])
    path = tmp_path / "junk.liaison"
    path.write_bytes(_resigned(first.read_bytes(), desk, tables={VISITS: junk}))
    before = everything(office)
    run = importer.import_paths(office, [path], limits=Limits(max_refused_rows=100))
    assert not run.ok and everything(office) == before
    assert "超过 100 行不符合规则（数到 visits 第 102 行）" in run.bundles[0].reason.render("zh_CN")


def test_more_rows_than_signed_stop_the_reading(
    desk: Session, first: Path, office: Session, tmp_path: Path
) -> None:
    files = unzip(first.read_bytes())
    manifest = json.loads(files[container.MANIFEST])
    longer = files[VISITS] + files[VISITS].split(b"\n", 1)[1] * 50
    describe(manifest, VISITS, longer)
    for entry in manifest["files"]:
        if entry["name"] == VISITS:
            entry["rows"] = 1
    members = [member(n, longer if n == VISITS else d) for n, d in files.items() if n.startswith("tables/")]
    reason = _refused(office, signed(manifest, members, keys.signing_key(desk.db)), tmp_path)
    assert "visits.csv 的行数与清单不符" in reason


def test_the_allowance_grows_with_the_file_up_to_the_cap() -> None:
    limits = Limits()
    assert limits.allowance(1000) == limits.min_allowance
    assert limits.allowance(10 * 1024**2) == 32 * 10 * 1024**2
    assert limits.allowance(400 * 1024**2) == limits.max_total_bytes


# ------------------------------------------------------------------ sequence numbers


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        (50_000_000, "超前 10000 个以上"),
        (2**31, "超出允许的范围"),
        (2**63, "超出允许的范围"),
        (10**30, "超出允许的范围"),
    ],
)
def test_a_far_off_sequence_number_is_refused(
    sequence: int,
    expected: str,
    desk: Session,
    first: Path,
    office: Session,
    tmp_path: Path,
) -> None:
    assert importer.import_paths(office, [first]).ok
    reason = _refused(office, _resigned(first.read_bytes(), desk, sequence=sequence), tmp_path)
    assert expected in reason
    # Nothing was poisoned: the next bundle imports, and nothing is missing.
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "two").path])
    assert run.ok and run.gaps == {}


def test_a_new_station_starts_within_reach_of_one(first: Path, office: Session, tmp_path: Path) -> None:
    manifest, key = stranger(hostile.manifest_of(first.read_bytes()))
    members = [member(n, d) for n, d in unzip(first.read_bytes()).items() if n.startswith("tables/")]
    manifest["sequence"] = 10_001
    assert "此前收到的最大序号 0" in _refused(office, signed(manifest, members, key), tmp_path)
    manifest["sequence"] = 10_000
    path = tmp_path / "YP-99.liaison"
    path.write_bytes(signed(manifest, members, key))
    # Admitted by its number (its rows are another station's, and are refused one by one).
    assert importer.import_paths(office, [path]).ok


def test_missing_bundles_are_ranges_however_far_apart(
    desk: Session, first: Path, office: Session, tmp_path: Path
) -> None:
    """A number committed before far-off numbers were refused costs one range, not a list of every number."""
    assert importer.import_paths(office, [first]).ok
    with office.db.atomic():
        office.db.execute(
            "INSERT INTO sync_bundles (bundle_hash, kind, sender, station_code, sequence, created_at, imported_at,"
            " operator, file_name, key_fingerprint) VALUES ('x', 'station', 'YP-01', 'YP-01', 50000000, '', '',"
            " '', '', '')"
        )
    tracemalloc.start()
    missing = gaps.missing_ranges(office.db, "YP-01")
    overview = status.district_overview(office)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert missing == [(2, 49_999_999)]
    assert [row.missing for row in overview if row.code == "YP-01"] == [[(2, 49_999_999)]]
    assert peak < 1_000_000  # a list of fifty million numbers would take gigabytes
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "two").path])
    assert run.gaps == {"YP-01": [(3, 49_999_999)]}
    assert [n.render("zh_CN") for n in run.gap_notes()] == [
        "YP-01：缺少第 3–49999999 号数据包（共 49999997 个）"
    ]
    assert [n.render("en") for n in run.gap_notes()] == [
        "YP-01: bundles 3–49999999 missing (49999997 in all)"
    ]
    assert gaps.label([(3, 7), (9, 9)]) == "3–7、9"


# ------------------------------------------------------------------ a copy altered after import


def _edit_a_cell(data: bytes) -> bytes:
    lines = data.decode("utf-8").split("\n")
    lines[1] = (
        lines[1].replace("控江", "鞍山", 1) if "控江" in lines[1] else lines[1].replace(",1,", ",2,", 1)
    )
    return "\n".join(lines).encode("utf-8")


def test_a_tampered_copy_of_an_imported_bundle_is_reported_as_tampered(
    first: Path, office: Session, tmp_path: Path
) -> None:
    genuine = first.read_bytes()
    assert importer.import_paths(office, [first]).ok
    files = unzip(genuine)
    edited = _edit_a_cell(files[VISITS])
    assert edited != files[VISITS]
    # The cell edited and re-zipped; the signed manifest untouched.
    reason = _refused(office, _with_member(genuine, VISITS, edited), tmp_path)
    assert reason.startswith("与此前导入的 YP-01 第 1 号数据包不一致：可能被篡改") and "visits.csv" in reason
    # The manifest's hash brought along too: now the signature fails, and the import before is named.
    manifest = json.loads(files[container.MANIFEST])
    describe(manifest, VISITS, edited)
    forged = zip_bytes(
        [
            member(
                n,
                container.manifest_bytes(manifest)
                if n == container.MANIFEST
                else edited
                if n == VISITS
                else d,
            )
            for n, d in files.items()
        ]
    )
    reason = _refused(office, forged, tmp_path)
    assert reason.startswith("与此前导入的 YP-01 第 1 号数据包不一致：可能被篡改") and "签名不符" in reason
    # A table dropped from the copy.
    dropped = zip_bytes([member(n, d) for n, d in files.items() if n != VISITS])
    assert "可能被篡改" in _refused(office, dropped, tmp_path)
    # The genuine file is still recognised as imported.
    again = importer.import_paths(office, [first])
    assert again.ok and again.bundles[0].outcome == ALREADY


def test_an_altered_bundle_never_imported_is_refused_as_altered(
    first: Path, office: Session, tmp_path: Path
) -> None:
    genuine = first.read_bytes()
    reason = _refused(
        office,
        _with_member(genuine, VISITS, _edit_a_cell(unzip(genuine)[VISITS])),
        tmp_path,
    )
    assert "visits.csv 与清单不符" in reason and "此前导入" not in reason


# ------------------------------------------------------------------ sealed, then plain


def _sealing_station(desk: Session, office: Session, tmp_path: Path) -> None:
    """Bundle 1 (plain) and, once the return bundle brought the district's keys, bundle 2 sealed."""
    assert importer.import_paths(office, [export.export_station(desk, tmp_path / "1").path]).ok
    assert importer.import_paths(desk, [export.export_return(office, "YP-01", tmp_path / "r").path]).ok
    sealed = export.export_station(desk, tmp_path / "2")
    assert sealed.sealed and importer.import_paths(office, [sealed.path]).ok


def test_a_plain_bundle_after_sealed_ones_waits_for_the_office(
    desk: Session, office: Session, tmp_path: Path
) -> None:
    _sealing_station(desk, office, tmp_path)
    with desk.db.atomic():  # an old copy of the program, or someone holding the station's signing key
        desk.db.execute("DELETE FROM sync_peer_keys WHERE peer = 'district' AND purpose = 'sealing'")
    plain = export.export_station(desk, tmp_path / "3")
    assert not plain.sealed
    reason = _refused(office, plain.path.read_bytes(), tmp_path, plain.path.name)
    assert "此前的数据包（最近第 2 号）都已加密" in reason and "liaison import --accept-unsealed" in reason
    run = importer.import_paths(office, [plain.path], accept_unsealed=True)
    assert run.ok and run.bundles[0].outcome == IMPORTED
    assert any("未加密" in note.render("zh_CN") for note in run.bundles[0].notes)
    assert office.db.execute("SELECT sequence, sealed FROM sync_bundles ORDER BY sequence").fetchall() == [
        (1, 0),
        (2, 1),
        (3, 0),
    ]


def test_plain_bundles_before_any_sealed_one_need_no_confirmation(
    desk: Session, office: Session, tmp_path: Path
) -> None:
    for n in range(2):
        assert importer.import_paths(office, [export.export_station(desk, tmp_path / str(n)).path]).ok


# ------------------------------------------------------------------ cells


def test_control_characters_are_refused_row_by_row_naming_the_column(
    desk: Session, office: Session, tmp_path: Path
) -> None:
    """Written into the station's database behind the forms' back, as a faulty program or a hand-edited
    database would: the bundle carries them, and the office refuses those rows alone."""
    visits = [r[0] for r in desk.db.execute("SELECT uuid FROM visits ORDER BY uuid LIMIT 4").fetchall()]
    with desk.db.atomic():
        for column, value, uuid in (
            ("community", "控江\x00一村", visits[0]),
            ("visitor_name", "陈\t阿姨", visits[1]),
            ("category", "物业\x1b[2J", visits[2]),
            ("raised", "第一行\r\n第二行\t（附言）", visits[3]),
        ):
            desk.db.execute(f"UPDATE visits SET {column} = ? WHERE uuid = ?", [value, uuid])
    run = importer.import_paths(office, [export.export_station(desk, tmp_path / "stick").path])
    assert run.ok
    reasons = {row.uuid: row.reason.render("zh_CN") for row in run.bundles[0].refused_rows}
    assert "community=“控江\\x00一村”：含有控制字符 U+0000" in reasons[visits[0]]
    assert "visitor_name" in reasons[visits[1]] and "U+0009" in reasons[visits[1]]
    assert "category" in reasons[visits[2]] and "U+001B" in reasons[visits[2]]
    assert visits[3] not in reasons  # a multi-line text keeps its line breaks and tabs
    assert office.db.execute("SELECT raised FROM visits WHERE uuid = ?", [visits[3]]).fetchone()[0] == (
        "第一行\r\n第二行\t（附言）"
    )
    assert (
        office.db.execute("SELECT COUNT(*) FROM visits WHERE uuid IN (?, ?, ?)", visits[:3]).fetchone()[0]
        == 0
    )


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("clock", "[" * 100_000 + "]" * 100_000, "不是版本时钟"),
        ("headcount", "²", "应为 1–10000 的整数"),
        ("headcount", "١٢", "应为 1–10000 的整数"),
        ("version", "9" * 5000, "应为 1–1000000000 的整数"),
        ("uuid", "", "不是 UUID"),
        ("date", "2024-03-01\n", "不是 ISO 日期"),
    ],
)
def test_cells_made_to_crash_a_check_refuse_their_row(
    column: str,
    value: str,
    expected: str,
    desk: Session,
    first: Path,
    office: Session,
    tmp_path: Path,
) -> None:
    rows = _rows(unzip(first.read_bytes())[VISITS])
    header = rows[0]
    if column == "uuid":
        value = rows[1][0] + "\n"
    rows[1][header.index(column)] = value
    path = tmp_path / "YP-01-000001.liaison"
    path.write_bytes(_resigned(first.read_bytes(), desk, tables={VISITS: _csv(rows)}))
    run = importer.import_paths(office, [path])
    assert run.ok
    refused = [r for r in run.bundles[0].refused_rows if r.table == "visits"]  # (and the links to it)
    assert [r.line for r in refused] == [2]
    assert expected in refused[0].reason.render("zh_CN")
