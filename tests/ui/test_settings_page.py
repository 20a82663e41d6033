"""设置: a refused save names the field and keeps the input; a good save takes effect at once."""

from __future__ import annotations

from typing import Any

from app import settings
from ui.context import AppContext
from ui.pages.settings_page import SettingsPage


def test_operator_is_required_and_the_other_fields_are_kept(
    qtbot: Any, ctx: AppContext, tmp_path: Any
) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.operator.clear()
    page.backup_folder.setText(str(tmp_path / "备份"))
    page.overdue_days.setValue(30)
    assert not page.save()
    assert "操作员姓名" in page.errors.message_for("operator")
    assert page.backup_folder.text() == str(tmp_path / "备份")
    assert page.overdue_days.value() == 30
    assert settings.OVERDUE_DAYS.get(ctx.session.db) == 15  # nothing saved

    page.operator.setText("李梅")
    assert page.save()
    assert settings.OVERDUE_DAYS.get(ctx.session.db) == 30
    assert settings.OPERATOR.get(ctx.session.db) == "李梅"
    assert ctx.session.operator == "李梅"


def test_a_backup_folder_that_is_a_file_is_refused(qtbot: Any, ctx: AppContext, tmp_path: Any) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    page.backup_folder.setText(str(a_file))
    assert not page.save()
    assert "不是文件夹" in page.errors.message_for("backup_folder")


def test_dark_theme_is_applied_and_remembered(qtbot: Any, ctx: AppContext) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    changed: list[bool] = []
    ctx.settings_changed.connect(lambda: changed.append(True))
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert page.save()
    assert settings.THEME.get(ctx.session.db) == "dark"
    assert changed
    page.theme.setCurrentIndex(page.theme.findData("light"))
    assert page.save()
