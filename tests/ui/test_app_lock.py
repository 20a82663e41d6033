"""The idle lock on a shared PC: after the minutes set in 设置 the window hides its content, forgets the unlocked
key and asks for the passphrase; nothing but the passphrase brings it back."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import preferences, settings
from app.errors import ValidationError
from app.sync import keystore
from tests.conftest import PASSPHRASE
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.pages.settings_page import SettingsPage


def _window(qtbot: Any, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_window_locks_after_the_idle_minutes_and_opens_only_with_the_passphrase(
    qtbot: Any, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, ctx)
    assert not window.lock.timer.isActive()  # off unless chosen
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.lock_after.text() == "从不"
    page.lock_after.setValue(5)
    assert page.save()
    assert settings.LOCK_AFTER_MINUTES.get(ctx.session.db) == 5
    assert window.lock.timer.isActive() and window.lock.timer.interval() == 5 * 60_000

    monkeypatch.delenv(keystore.ENVIRONMENT_VARIABLE)
    window.lock.timer.timeout.emit()  # five minutes without a key or a click
    dialog = window.lock.dialog
    assert window.lock.locked and dialog is not None and dialog.isVisible()
    assert not window.centralWidget().isVisible() and not window.menuBar().isEnabled()
    assert keystore.needs_passphrase(ctx.session.db) == keystore.UNLOCK  # the unlocked key is forgotten
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.lock.locked and dialog.isVisible()
    dialog.passphrase.setText("猜一个口令试试")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert window.lock.locked and "口令不对" in dialog.error.text()
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.lock.locked and window.centralWidget().isVisible() and window.menuBar().isEnabled()
    assert keystore.needs_passphrase(ctx.session.db) is None
    assert window.lock.timer.isActive()
    ctx.session.db.execute("SELECT 1")  # the window's own reads go on as before


def test_lock_now_from_the_menu(qtbot: Any, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    assert window.lock_action.text() == "锁定(&L)"
    window.lock_action.trigger()
    assert window.lock.locked and window.lock.dialog is not None
    window.lock.dialog.passphrase.setText(PASSPHRASE)
    window.lock.dialog.accept()
    assert not window.lock.locked


def test_the_idle_minutes_are_checked(ctx: AppContext) -> None:
    current = preferences.load(ctx.session)
    with pytest.raises(ValidationError) as refused:
        preferences.save(
            ctx.session,
            language=current.language,
            theme=current.theme,
            operator=current.operator,
            backup_folder=current.backup_folder,
            overdue_days=current.overdue_days,
            lock_after_minutes=999,
        )
    assert refused.value.for_field("lock_after_minutes")
    assert settings.LOCK_AFTER_MINUTES.get(ctx.session.db) == 0
