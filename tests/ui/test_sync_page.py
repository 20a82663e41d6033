"""数据同步 as a clerk and the district office use it: export to a folder, import a stick's folder with the summary,
write a return bundle and take it in at the station."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import identity
from app.services import items, visits
from app.session import Session
from app.sync import district_key, export, keys
from ui import translations
from ui.context import AppContext
from ui.pages.sync_page import SyncPage


def _page(qtbot: Any, ctx: AppContext) -> SyncPage:
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    page.refresh()
    return page


def _wait(qtbot: Any, page: SyncPage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=30000)


@pytest.fixture
def district_ctx(qapp: Any, tmp_path: Path) -> Iterator[AppContext]:
    path = tmp_path / "district.db"
    session = Session.open(path, operator="区人大")
    identity.init_district(session, name="杨浦区人大常委会", operator="区人大")
    translations.install("zh_CN")
    context = AppContext(path, session)
    yield context
    context.wait_for_tasks()
    session.close()


def _give_district_key(ctx: AppContext, district_ctx: AppContext, tmp_path: Path) -> None:
    district_key.install(ctx.session, district_key.write(district_ctx.session, tmp_path)[0])


def test_station_exports_and_takes_in_the_reply(
    qtbot: Any, ctx: AppContext, district_ctx: AppContext, tmp_path: Path
) -> None:
    station = ctx.session
    visits.create(station, date="2024-04-02", raised="楼道灯坏了", visitor_name="张三")
    item = items.create(station, date="2024-04-02", title="楼道灯坏了")
    _give_district_key(ctx, district_ctx, tmp_path)
    page = _page(qtbot, ctx)
    assert page.title() == "数据同步"
    assert (
        page.export_button.text() == "导出" and page.target.itemText(page.target.count() - 1) == "选择文件夹…"
    )
    assert page.export_box.isVisible() and not page.stations_box.isVisible()
    assert "尚未导出" in page.export_status.text() and "只有区人大能打开" in page.export_status.text()
    own = keys.fingerprint(keys.own_public(station.db, keys.SEALING) or b"")
    assert f"返回数据包加密给本家站点的密钥 {own}" in page.return_status.text()

    stick = tmp_path / "stick"
    page.export_bundle(str(stick))
    _wait(qtbot, page)
    assert page.last_export is not None and page.last_export.path.exists()
    assert "已生成第 1 号数据包" in page.summary.toPlainText()
    assert "所有变更均已导出" in page.export_status.text()

    office = _page(qtbot, district_ctx)
    assert office.stations_box.isVisible() and not office.export_box.isVisible()
    office.import_paths([str(stick)])
    _wait(qtbot, office)
    assert office.last_run is not None and office.last_run.ok
    assert "已导入" in office.summary.toPlainText() and "指纹" in office.summary.toPlainText()
    codes = [office.table.item(r, 0).text() for r in range(office.table.rowCount())]
    row = codes.index("YP-01")
    assert office.table.item(row, 2).text() == "1" and office.table.item(row, 5).text()
    assert office.table.horizontalHeaderItem(5).text() == "密钥指纹"
    # The station's bundle brought its sealing key: its return bundles will be encrypted.
    assert office.table.horizontalHeaderItem(9).text() == "返回数据包"
    assert office.table.item(row, 9).text() == "已加密"
    assert "返回数据包已加密给该家站点的密钥" in office.table.item(row, 9).toolTip()

    items.move(district_ctx.session, item, "assigned", department="区房管局")
    items.move(district_ctx.session, item, "handling")
    items.move(district_ctx.session, item, "resolved", reply="已维修")
    back = tmp_path / "back"
    office.table.selectRow(row)
    office.write_returns(str(back))
    _wait(qtbot, office)
    returned = back / "return-YP-01-000001.liaison"
    assert returned.exists() and "已加密给该家站点" in office.summary.toPlainText()
    assert set(zipfile.ZipFile(returned).namelist()) == {"envelope.json", "payload.bin"}

    page.import_paths([str(returned)])
    _wait(qtbot, page)
    assert page.last_run is not None and page.last_run.ok
    assert items.require(station.db, item)["reply"] == "已维修"
    assert "已加密" in page.export_status.text()
    assert "有 1 条社情民意已有办理结果" in page.return_status.text()


def test_the_office_sees_which_return_bundles_go_out_unencrypted(
    qtbot: Any, ctx: AppContext, district_ctx: AppContext, tmp_path: Path
) -> None:
    _give_district_key(ctx, district_ctx, tmp_path)
    office = _page(qtbot, district_ctx)
    office.import_paths([str(export.export_station(ctx.session, tmp_path / "stick").path)])
    _wait(qtbot, office)
    with district_ctx.session.db.atomic():  # as if the bundle came from a version without sealing keys
        district_ctx.session.db.execute("DELETE FROM sync_peer_keys WHERE purpose = 'sealing'")
    office.refresh()
    row = [office.table.item(r, 0).text() for r in range(office.table.rowCount())].index("YP-01")
    assert office.table.item(row, 9).text() == "仅签名"
    assert "尚未加密" in office.table.item(row, 9).toolTip()
    office.write_returns(str(tmp_path / "back"), ["YP-01"])
    _wait(qtbot, office)
    assert "仅签名，未加密" in office.summary.toPlainText()
    translations.install("en")
    office.retranslate_ui()
    assert office.table.item(row, 9).text() == "Signed only"
    assert office.table.horizontalHeaderItem(9).text() == "Return bundles"
    translations.install("zh_CN")


def test_refused_bundle_shows_the_reason(qtbot: Any, district_ctx: AppContext, tmp_path: Path) -> None:
    bad = tmp_path / "坏的.liaison"
    bad.write_bytes(b"not a bundle")
    page = _page(qtbot, district_ctx)
    page.import_paths([str(bad)])
    _wait(qtbot, page)
    assert page.last_run is not None and not page.last_run.ok
    assert "拒收" in page.summary.toPlainText() or "不是完整的数据包" in page.summary.toPlainText()


def test_pending_key_can_be_accepted(
    qtbot: Any, district_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    key_file, _ = district_key.write(district_ctx.session, tmp_path)
    folders = []
    for n in (1, 2):
        session = Session.open(tmp_path / f"pc{n}.db", operator="联络员")
        identity.init_station(
            session, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道"
        )
        district_key.install(session, key_file)
        folders.append(str(export.export_station(session, tmp_path / f"stick{n}").path))
        session.close()
    page = _page(qtbot, district_ctx)
    page.import_paths([folders[0]])
    _wait(qtbot, page)
    page.import_paths([folders[1]])
    _wait(qtbot, page)
    assert "keys accept" in page.summary.toPlainText() or not page.last_run.ok  # type: ignore[union-attr]
    row = [page.table.item(r, 0).text() for r in range(page.table.rowCount())].index("YP-01")
    assert "新密钥待确认" in page.table.item(row, 5).text()
    page.table.selectRow(row)
    assert page.accept_key_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.accept_key()
    assert "新密钥待确认" not in page.table.item(row, 5).text()
    page.import_paths([folders[1]])
    _wait(qtbot, page)
    assert page.last_run is not None and page.last_run.ok


def test_the_office_resolves_a_conflict(qtbot: Any, district_ctx: AppContext, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    desk = Session.open(tmp_path / "yp01.db", operator="联络员")
    identity.init_station(desk, code="YP-01", name="控江路街道代表之家", kind="home", street="控江路街道")
    district_key.install(desk, district_key.write(district_ctx.session, tmp_path)[0])
    item = items.create(desk, date="2024-05-06", title="路口拥堵")
    office = district_ctx.session
    page = _page(qtbot, district_ctx)
    page.import_paths([str(export.export_station(desk, tmp_path / "a").path)])
    _wait(qtbot, page)
    items.move(office, item, "assigned", department="区交警支队")
    items.edit(desk, item, title="学校路口早高峰拥堵")
    page.import_paths([str(export.export_station(desk, tmp_path / "b").path)])
    _wait(qtbot, page)
    assert page.conflicts.text() == "有 1 处冲突待处理" and page.conflicts_button.isVisible()
    dialog = page.show_conflicts()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "标题" in dialog.list.item(0).text()
    wanted = "keep_kept" if "学校路口早高峰拥堵  ⇄" in dialog.list.item(0).text() else "keep_other"
    qtbot.mouseClick(getattr(dialog, wanted), Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0
    dialog.reject()
    assert page.conflicts.text() == "" and items.require(office.db, item)["title"] == "学校路口早高峰拥堵"
    desk.close()


def test_without_the_district_key_the_station_exports_without_visitors_details(
    qtbot: Any,
    ctx: AppContext,
    district_ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    visits.create(
        ctx.session, date="2024-04-02", raised="楼道灯坏了", visitor_name="张三", phone="13712345678"
    )
    page = _page(qtbot, ctx)
    assert "还没有区人大公钥" in page.export_status.text()
    asked: list[str] = []

    def answer(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page.export_bundle(str(tmp_path / "stick"))  # the clerk says no: nothing is written
    assert "不含来访群众姓名和电话" in asked[0] and not (tmp_path / "stick").exists()
    page.export_bundle(str(tmp_path / "stick"))
    _wait(qtbot, page)
    assert page.last_export is not None and page.last_export.withheld and not page.last_export.sealed
    assert "张三".encode() not in page.last_export.path.read_bytes()
    assert "不含来访群众姓名和电话" in page.summary.toPlainText()
    assert "下一个加密数据包" in page.export_status.text()

    # The office writes its key file; the station imports it after comparing the fingerprint by phone.
    office = _page(qtbot, district_ctx)
    office.write_key_file(str(tmp_path / "key"))
    _wait(qtbot, office)
    key_file = tmp_path / "key" / "区人大公钥.liaison-key"
    fingerprint = keys.fingerprint(keys.own_public(district_ctx.session.db, keys.SIGNING) or b"")
    assert key_file.exists() and fingerprint in office.summary.toPlainText()
    assert f"本机（区人大）密钥指纹：{fingerprint}" in office.own_key.text()
    page.import_district_key(str(key_file))
    assert fingerprint in asked[-1] and "电话" in asked[-1]
    assert f"只有区人大能打开（密钥 {fingerprint}）" in page.export_status.text()
    page.export_bundle(str(tmp_path / "stick"))
    _wait(qtbot, page)
    assert page.last_export.sealed and page.last_export.records >= 1  # the visit again, whole
    assert "下一个加密数据包" not in page.export_status.text()


def test_a_new_district_key_is_accepted_on_the_page(
    qtbot: Any,
    ctx: AppContext,
    district_ctx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from app.services import stations

    page = _page(qtbot, ctx)
    with district_ctx.session.write() as writer:
        stations.ensure_placeholder(writer, "YP-01")
    back = export.export_return(district_ctx.session, "YP-01", tmp_path / "back")
    page.import_paths([str(back.path)])
    _wait(qtbot, page)
    assert page.last_run is not None and not page.last_run.ok
    assert "区人大公钥.liaison-key" in page.summary.toPlainText()
    fingerprint = keys.fingerprint(keys.own_public(district_ctx.session.db, keys.SIGNING) or b"")
    assert page.accept_district_button.isVisible() and fingerprint in page.export_status.text()
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes
    )
    page.accept_district_key()
    assert fingerprint in asked[0]
    assert not page.accept_district_button.isVisible()
    page.import_paths([str(back.path)])
    _wait(qtbot, page)
    assert page.last_run is not None and page.last_run.ok


def test_the_passphrase_is_asked_once_per_run(
    qtbot: Any, ctx: AppContext, district_ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from app.sync import keystore
    from tests.conftest import PASSPHRASE
    from ui.passphrase import PassphraseDialog

    _give_district_key(ctx, district_ctx, tmp_path)
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    keystore.forget()
    page = _page(qtbot, ctx)
    errors: list[str] = []

    def type_into_dialog(attempts: list[str]) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, lambda: type_into_dialog(attempts))
            return
        if dialog.error.text():
            errors.append(dialog.error.text())
        if not attempts:
            dialog.reject()
            return
        dialog.passphrase.setText(attempts.pop(0))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        QTimer.singleShot(10, lambda: type_into_dialog(attempts))

    QTimer.singleShot(10, lambda: type_into_dialog(["不对的口令-123"]))
    page.export_bundle(str(tmp_path / "stick"))  # a wrong passphrase, then Cancel: nothing exported
    assert errors and "口令不对" in errors[0] and page.last_export is None
    QTimer.singleShot(10, lambda: type_into_dialog([PASSPHRASE]))
    page.export_bundle(str(tmp_path / "stick"))
    _wait(qtbot, page)
    assert page.last_export is not None and page.last_export.sealed
    page.export_bundle(str(tmp_path / "stick"))  # not asked again this run
    _wait(qtbot, page)
    assert page.last_export.sequence == 2
