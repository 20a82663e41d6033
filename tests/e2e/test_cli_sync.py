"""The sync commands end to end, as a clerk at a station and the district office would type them."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from tests.e2e.conftest import Result


def _init_station(liaison: Callable[..., Result], db: Path, code: str, *options: str) -> Result:
    made = liaison(
        "init",
        "station",
        "--code",
        code,
        "--name",
        f"{code}代表之家",
        "--kind",
        "home",
        "--street",
        "控江路街道",
        *options,
        db_path=db,
    )
    assert made.code == 0, made.err
    assert liaison("demo", "--months", "2", "--seed", "7", db_path=db).code == 0
    return made


def _district_key(liaison: Callable[..., Result], office_db: Path, folder: Path) -> Path:
    written = liaison("keys", "export-district", "--out", str(folder), db_path=office_db)
    assert written.code == 0, written.err
    return Path(written.out.strip().splitlines()[-1])


def test_station_to_district_and_back(liaison: Callable[..., Result], tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    station_db, office_db = tmp_path / "yp01.db", tmp_path / "office.db"
    assert liaison("init", "district", "--name", "杨浦区人大常委会", db_path=office_db).code == 0
    key_file = _district_key(liaison, office_db, tmp_path)
    assert key_file.name == "区人大公钥.liaison-key"
    fingerprint = liaison("keys", "list", "--json", db_path=office_db).json()["own"]
    made = _init_station(liaison, station_db, "YP-01", "--district-key", str(key_file))
    assert fingerprint in made.out and "电话" in made.out  # to compare with the office by phone
    exported = liaison("export", "--out", str(stick), db_path=station_db)
    assert exported.code == 0, exported.err
    assert "已加密" in exported.out  # the first bundle is sealed already
    bundle = Path(exported.out.strip().splitlines()[-1])  # the last line is the path
    assert bundle.exists() and bundle.parent == stick and bundle.name == "YP-01-000001.liaison"
    assert set(zipfile.ZipFile(bundle).namelist()) == {"envelope.json", "payload.bin"}
    assert not list(stick.glob(".*.part"))  # no temporary file left behind

    dry = liaison("import", str(stick), "--dry-run", "--json", db_path=office_db)
    assert dry.code == 0 and dry.json()["bundles"][0]["outcome"] == "checked"
    assert liaison("stats", "--json", db_path=office_db).json()["visits"] == 0
    imported = liaison("import", str(stick), db_path=office_db)
    assert imported.code == 0, imported.err
    assert "已导入" in imported.out and "指纹" in imported.out and "来访登记：新增" in imported.out
    station_stats = liaison("stats", "--json", db_path=station_db).json()
    office_stats = liaison("stats", "--json", "--station", "YP-01", db_path=office_db).json()
    assert office_stats["visits"] == station_stats["visits"]
    assert office_stats["sentiment_items"] == station_stats["sentiment_items"]

    again = liaison("import", str(bundle), "--json", db_path=office_db)
    assert again.code == 0 and again.json()["bundles"][0]["outcome"] == "already"

    back = liaison("export", "--station", "YP-01", "--out", str(stick), db_path=office_db)
    assert back.code == 0, back.err
    returned = Path(back.out.strip().splitlines()[-1])
    assert returned.name == "return-YP-01-000001.liaison"
    assert "已加密给该家站点" in back.out  # the station's bundle brought its sealing key
    assert set(zipfile.ZipFile(returned).namelist()) == {"envelope.json", "payload.bin"}
    took = liaison("import", str(returned), db_path=station_db)
    assert took.code == 0, took.err
    sealed = liaison("export", "--out", str(stick), db_path=station_db)
    assert sealed.code == 0 and "已加密" in sealed.out
    keys = liaison("keys", "list", "--json", db_path=office_db).json()
    assert [(p["peer"], p["purpose"]) for p in keys["peers"]] == [("YP-01", "sealing"), ("YP-01", "signing")]
    assert keys["own"] and keys["own_sealing"]
    open_conflicts = liaison("conflicts", "list", db_path=office_db)
    assert open_conflicts.code == 0 and "没有待处理的冲突" in open_conflicts.out
    assert liaison("conflicts", "resolve", "7", "--keep", "other", db_path=office_db).code == 2

    english = liaison("import", str(stick / "YP-01-000002.liaison"), "--json", db_path=office_db, lang="en")
    assert english.code == 0 and english.json()["bundles"][0]["outcome"] == "imported"


def test_refused_bundles_exit_2_with_one_line(liaison: Callable[..., Result], tmp_path: Path) -> None:
    station_db, office_db = tmp_path / "yp01.db", tmp_path / "office.db"
    _init_station(liaison, station_db, "YP-01")
    # Plain (the station has no district key yet), so that its members can be tampered with.
    plain = liaison("export", "--out", str(tmp_path), "--without-personal-data", db_path=station_db)
    bundle = Path(plain.out.strip().splitlines()[-1])
    assert liaison("init", "district", "--name", "杨浦区人大常委会", db_path=office_db).code == 0
    data = bundle.read_bytes()
    edited = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(edited, "w") as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "tables/items.csv":
                content = content.replace("区".encode(), "县".encode(), 1)
            new.writestr(info.filename, content)
    cases = {
        "empty.liaison": b"",
        "garbage.liaison": b"not a bundle" * 50,
        "half.liaison": data[: len(data) // 2],
        "edited.liaison": edited.getvalue(),
    }
    before = liaison("stats", "--json", db_path=office_db).json()
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = liaison("import", str(path), db_path=office_db)
        assert result.code == 2, (name, result.out, result.err)
        assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1, result.err
        assert result.err.startswith("错误：") and name in result.err
    assert liaison("stats", "--json", db_path=office_db).json() == before
    english = liaison("import", str(tmp_path / "edited.liaison"), db_path=office_db, lang="en")
    assert english.code == 2 and "does not match its manifest" in english.err
    # A station's bundle cannot be imported at another station.
    other = tmp_path / "yp02.db"
    _init_station(liaison, other, "YP-02")
    wrong = liaison("import", str(bundle), db_path=other)
    assert wrong.code == 2 and len(wrong.err.strip().splitlines()) == 1


def test_new_station_key_is_refused_until_accepted(liaison: Callable[..., Result], tmp_path: Path) -> None:
    office_db = tmp_path / "office.db"
    assert liaison("init", "district", "--name", "杨浦区人大常委会", db_path=office_db).code == 0
    key_file = _district_key(liaison, office_db, tmp_path)
    first, second = tmp_path / "old-pc.db", tmp_path / "new-pc.db"
    for db in (first, second):
        _init_station(liaison, db, "YP-01", "--district-key", str(key_file))
    old = liaison("export", "--out", str(tmp_path / "a"), db_path=first).out.strip().splitlines()[-1]
    new = liaison("export", "--out", str(tmp_path / "b"), db_path=second).out.strip().splitlines()[-1]
    assert liaison("import", old, db_path=office_db).code == 0
    refused = liaison("import", new, db_path=office_db)
    assert refused.code == 2 and "liaison keys accept YP-01" in refused.err
    listed = liaison("keys", "list", db_path=office_db)
    assert "待确认" in listed.out
    assert liaison("keys", "accept", "YP-01", db_path=office_db).code == 0
    assert liaison("import", new, db_path=office_db).code == 0


def test_export_csv_opens_in_spreadsheets(liaison: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "yp01.db"
    _init_station(liaison, db, "YP-01")
    out = tmp_path / "表格"
    result = liaison("export-csv", "--out", str(out), db_path=db)
    assert result.code == 0, result.err
    visits = (out / "来访登记.csv").read_bytes()
    assert visits.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS look for
    rows = list(csv.reader(io.StringIO(visits.decode("utf-8-sig"))))
    assert rows[0][:3] == ["家站点", "日期", "来访人"]
    assert len(rows) > 1 and all(len(r[1]) == 10 and r[1][4] == "-" for r in rows[1:])
    items = list(csv.reader(io.StringIO((out / "社情民意.csv").read_text(encoding="utf-8-sig"))))
    assert {r[8] for r in items[1:]} <= {"提出", "交办", "承办", "落实", "反馈"}
    json.dumps(rows)  # plain strings throughout


def test_return_bundles_are_signed_only_until_the_station_sent_its_key(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    office_db, yp01, yp02 = tmp_path / "office.db", tmp_path / "yp01.db", tmp_path / "yp02.db"
    assert liaison("init", "district", "--name", "杨浦区人大常委会", db_path=office_db).code == 0
    key_file = _district_key(liaison, office_db, tmp_path)
    _init_station(liaison, yp01, "YP-01", "--district-key", str(key_file))
    _init_station(liaison, yp02, "YP-02", "--district-key", str(key_file))
    for db in (yp01, yp02):  # the office learns of both stations from their bundles
        bundle = liaison("export", "--out", str(tmp_path / db.stem), db_path=db).out.strip().splitlines()[-1]
        assert liaison("import", bundle, db_path=office_db).code == 0
    with_key = liaison("export", "--station", "YP-02", "--out", str(tmp_path / "back"), db_path=office_db)
    assert with_key.code == 0 and "已加密给该家站点" in with_key.out
    sealed_for_02 = Path(with_key.out.strip().splitlines()[-1])
    refused = liaison("import", str(sealed_for_02), db_path=yp01)
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "YP-02" in refused.err and "Traceback" not in refused.err
    english = liaison("import", str(sealed_for_02), db_path=yp01, lang="en")
    assert english.code == 2 and "sealed for station YP-02" in english.err

    # A district that has not yet heard a station's sealing key (a bundle from an older version) says so.
    with closing(sqlite3.connect(office_db)) as conn, conn:
        conn.execute("DELETE FROM sync_peer_keys WHERE purpose = 'sealing' AND peer = 'YP-01'")
    plain = liaison("export", "--station", "YP-01", "--out", str(tmp_path / "plain"), db_path=office_db)
    assert plain.code == 0 and "仅签名、未加密" in plain.out
    assert "tables/deputies.csv" in zipfile.ZipFile(plain.out.strip().splitlines()[-1]).namelist()


def test_a_station_without_the_district_key_keeps_visitors_details_off_the_stick(
    liaison: Callable[..., Result], tmp_path: Path
) -> None:
    station_db, office_db = tmp_path / "yp01.db", tmp_path / "office.db"
    _init_station(liaison, station_db, "YP-01")
    ((name, phone),) = sqlite3.connect(station_db).execute(
        "SELECT visitor_name, phone FROM visits WHERE visitor_name != '' AND phone != '' ORDER BY uuid LIMIT 1"
    )
    refused = liaison("export", "--out", str(tmp_path / "stick"), db_path=station_db)
    assert refused.code == 2 and "import-district" in refused.err and "--without-personal-data" in refused.err
    assert not (tmp_path / "stick").exists() or not list((tmp_path / "stick").iterdir())
    blanked = liaison(
        "export", "--out", str(tmp_path / "stick"), "--without-personal-data", db_path=station_db
    )
    assert blanked.code == 0 and "不含来访群众姓名和电话" in blanked.out
    first = Path(blanked.out.strip().splitlines()[-1])
    for secret in (name, phone):
        assert secret.encode("utf-8") not in first.read_bytes()

    assert liaison("init", "district", "--name", "杨浦区人大常委会", db_path=office_db).code == 0
    assert liaison("import", str(first), db_path=office_db).code == 0
    here = "SELECT COUNT(*) FROM visits WHERE visitor_name = ? AND phone = ?"
    assert sqlite3.connect(office_db).execute(here, (name, phone)).fetchone() == (0,)
    # A return bundle before the station holds the district's key is refused, saying how to get it.
    back = liaison("export", "--station", "YP-01", "--out", str(tmp_path / "back"), db_path=office_db)
    refused = liaison("import", back.out.strip().splitlines()[-1], db_path=station_db)
    assert refused.code == 2 and "import-district" in refused.err and "指纹" in refused.err
    # The clerk phones the office, compares the fingerprint, and accepts it.
    fingerprint = liaison("keys", "list", "--json", db_path=office_db).json()["own"]
    assert liaison("keys", "accept", "district", db_path=station_db).code == 2  # not without the fingerprint
    accepted = liaison("keys", "accept", "district", "--fingerprint", fingerprint, db_path=station_db)
    assert accepted.code == 0, accepted.err
    assert liaison("import", back.out.strip().splitlines()[-1], db_path=station_db).code == 0
    # The next bundle is sealed and brings the details the first one left out.
    sealed = liaison("export", "--out", str(tmp_path / "stick"), db_path=station_db)
    assert sealed.code == 0 and "已加密" in sealed.out
    assert liaison("import", sealed.out.strip().splitlines()[-1], db_path=office_db).code == 0
    assert sqlite3.connect(office_db).execute(here, (name, phone)).fetchone() == (1,)


def test_keys_need_the_passphrase(liaison: Callable[..., Result], tmp_path: Path) -> None:
    db = tmp_path / "yp01.db"
    _init_station(liaison, db, "YP-01")
    without = liaison("export", "--out", str(tmp_path), "--without-personal-data", db_path=db, passphrase="")
    assert without.code == 2 and "LIAISON_PASSPHRASE" in without.err and "Traceback" not in without.err
    wrong = liaison(
        "export", "--out", str(tmp_path), "--without-personal-data", db_path=db, passphrase="不对的口令xx"
    )
    assert wrong.code == 2 and "口令不对" in wrong.err
    changed = liaison("keys", "passphrase", db_path=db, new_passphrase="新的口令-2027")
    assert changed.code == 0, changed.err
    assert liaison("export", "--out", str(tmp_path), "--without-personal-data", db_path=db).code == 2
    ok = liaison(
        "export", "--out", str(tmp_path), "--without-personal-data", db_path=db, passphrase="新的口令-2027"
    )
    assert ok.code == 0, ok.err
