"""The first-run wizard: a station gives its identity once; mistakes are shown beside the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app import identity, settings
from app.session import Session
from app.sync import district_key, keystore, status
from ui import translations
from ui.context import AppContext
from ui.first_run import FirstRunWizard


def _passphrase(page: Any, passphrase: str = "控江路-2026") -> None:
    page.passphrase.setText(passphrase)
    page.passphrase_again.setText(passphrase)


def test_a_station_is_set_up_and_a_bad_code_is_refused(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    translations.install("zh_CN")
    session = Session.open(tmp_path / "new.db")
    ctx = AppContext(tmp_path / "new.db", session)
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.role_page.station.isChecked()
    wizard.next()
    assert not wizard.operator_page.validatePage()
    assert "操作员姓名" in wizard.operator_page.errors.message_for("operator")
    wizard.operator_page.operator.setText("王芳")
    wizard.next()
    assert wizard.currentPage() is wizard.identity_page
    page = wizard.identity_page
    page.code.setText("控江 01")
    page.name.setText("控江路街道代表之家")
    page.street.setText("控江路街道")
    wizard.next()
    assert wizard.currentPage() is page  # refused
    assert "家站点编号" in page.errors.message_for("code")
    assert page.name.text() == "控江路街道代表之家"
    assert session.role == ""
    page.code.setText("yp-01")
    wizard.next()
    assert wizard.currentPage() is page  # no passphrase yet
    assert "至少需要 8 个字符" in page.errors.message_for("passphrase")
    page.passphrase.setText("控江路-2026")
    page.passphrase_again.setText("控江路-2025")
    wizard.next()
    assert "不一致" in page.errors.message_for("passphrase_again")
    page.passphrase_again.setText("控江路-2026")
    wizard.next()
    assert wizard.currentPage() is wizard.roster_page
    assert session.role == "station"
    assert settings.STATION_CODE.get(session.db) == "YP-01"
    assert settings.OPERATOR.get(session.db) == "王芳"
    ctx.wait_for_tasks()
    session.close()
    translations.uninstall()


def test_a_district_office_needs_its_name(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    translations.install("en")
    session = Session.open(tmp_path / "district.db")
    ctx = AppContext(tmp_path / "district.db", session)
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.district.setChecked(True)
    wizard.next()
    wizard.operator_page.operator.setText("Li")
    wizard.next()
    assert wizard.identity_page.title() == "The district office"
    wizard.next()
    assert wizard.identity_page.errors.message_for("district_name")
    wizard.identity_page.district_name.setText("杨浦区人大常委会")
    _passphrase(wizard.identity_page)
    assert not wizard.identity_page.district_key.isVisible()  # a station's field
    wizard.next()
    assert session.role == "district"
    session.close()
    translations.install("zh_CN")
    translations.uninstall()


def test_the_language_chosen_first_retranslates_the_wizard_and_is_saved(
    qtbot: Any, qapp: Any, tmp_path: Path
) -> None:
    translations.install("zh_CN")
    session = Session.open(tmp_path / "new.db")
    ctx = AppContext(tmp_path / "new.db", session)
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.role_page
    assert page.chinese.isChecked()
    chinese_title = page.title()
    assert chinese_title and chinese_title != "Welcome to Liaison Desk"

    qtbot.mouseClick(page.english, Qt.MouseButton.LeftButton)
    assert page.title() == "Welcome to Liaison Desk"
    assert page.district.text() == "The district office"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    assert wizard.identity_page.labels[0].text() == "Station code"

    qtbot.mouseClick(page.chinese, Qt.MouseButton.LeftButton)
    assert page.title() == chinese_title
    assert wizard.buttonText(QWizard.WizardButton.NextButton) != "&Next >"
    qtbot.mouseClick(page.english, Qt.MouseButton.LeftButton)

    wizard.next()
    wizard.operator_page.operator.setText("Li Fang")
    wizard.next()
    identity_page = wizard.identity_page
    identity_page.code.setText("YP-03")
    identity_page.name.setText("五角场街道代表联络站")
    _passphrase(identity_page)
    assert settings.LANGUAGE.get(session.db) == "zh_CN"  # nothing is saved before the commit page
    wizard.next()
    assert wizard.currentPage() is wizard.roster_page
    assert session.role == "station"
    assert settings.LANGUAGE.get(session.db) == "en"
    assert wizard.roster_page.title() == "Deputy roster"
    ctx.wait_for_tasks()
    session.close()
    translations.uninstall()


def test_a_refused_identity_saves_no_language_either(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    translations.install("zh_CN")
    session = Session.open(tmp_path / "new.db")
    ctx = AppContext(tmp_path / "new.db", session)
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.english.setChecked(True)
    wizard.next()
    wizard.operator_page.operator.setText("Li Fang")
    wizard.next()
    wizard.identity_page.code.setText("控江 01")  # refused: not a station code
    wizard.identity_page.name.setText("控江路街道代表之家")
    wizard.next()
    assert wizard.currentPage() is wizard.identity_page
    assert session.role == ""
    assert settings.LANGUAGE.get(session.db) == "zh_CN"
    assert "station code" in wizard.identity_page.errors.message_for("code").lower()
    session.close()
    translations.install("zh_CN")
    translations.uninstall()


def test_a_station_takes_the_district_key_file_at_first_run(
    qtbot: Any, qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = Session.open(tmp_path / "district.db", operator="区人大")
    identity.init_district(office, name="杨浦区人大常委会")
    key_file, key = district_key.write(office, tmp_path)
    office.close()
    bad = tmp_path / "坏的.liaison-key"
    bad.write_text("{}", encoding="utf-8")
    translations.install("zh_CN")
    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)  # what the clerk types is what protects the keys
    keystore.forget()
    session = Session.open(tmp_path / "new.db")
    ctx = AppContext(tmp_path / "new.db", session)
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.operator_page.operator.setText("王芳")
    wizard.next()
    page = wizard.identity_page
    page.code.setText("YP-01")
    page.name.setText("控江路街道代表之家")
    page.street.setText("控江路街道")
    _passphrase(page, "王芳的口令-2026")
    page.use_key_file(str(bad))
    assert "不是本软件的区人大公钥文件" in page.errors.message_for("district_key")
    page.use_key_file(str(key_file))
    assert key.fingerprint in page.key_fingerprint.text() and "电话" in page.key_fingerprint.text()
    wizard.next()
    assert wizard.currentPage() is wizard.roster_page
    assert status.station_status(session).district_fingerprint == key.fingerprint
    # The keys are encrypted under what the clerk typed.
    keystore.forget()
    assert keystore.needs_passphrase(session.db) == keystore.UNLOCK
    keystore.unlock(session.db, "王芳的口令-2026")
    ctx.wait_for_tasks()
    session.close()
    translations.uninstall()
