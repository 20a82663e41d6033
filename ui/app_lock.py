"""The window's lock for a PC several people share: after the idle minutes chosen in 设置 (or 文件 ▸ 锁定, Ctrl+L)
the window's content is hidden, the key unlocked for this run is forgotten, and the keys' passphrase is asked to
go on. The lock guards what is on screen and the keys; the database file itself is protected by the operating
system account and its mode (0600), not by this lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import settings
from app.errors import UserError
from app.sync import keystore
from ui.context import AppContext

# What counts as someone at the keyboard.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class LockDialog(QDialog):
    """Shown over the hidden window until the passphrase is typed; it cannot be dismissed otherwise."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("LockDialog")
        self.setModal(True)
        self.setWindowTitle(self.tr("Locked"))
        self.message = QLabel(self.tr("The window is locked. Type the passphrase to go on."))
        self.message.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.accept)
        self.error = QLabel()
        self.error.setObjectName("lock_error")
        self.error.setProperty("role", "form-error")
        self.error.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.accept)
        self.quit_button = QPushButton(self.tr("Quit"))
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(self._quit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        try:
            keystore.unlock(self.ctx.session.db, self.passphrase.text())
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.passphrase.clear()
            return
        self.passphrase.clear()
        super().accept()

    def reject(self) -> None:
        """Escape does not unlock."""

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        event.ignore()

    def _quit(self) -> None:
        window = self.parentWidget()
        super().reject()
        if window is not None:
            window.close()


class AppLock(QObject):
    """Watches for activity anywhere in the application and locks `window` after the idle minutes set."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.locked = False
        self.dialog: LockDialog | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        ctx.settings_changed.connect(self.configure)
        self.configure()

    @property
    def available(self) -> bool:
        """Only a database with a passphrase can be unlocked again."""
        return keystore.protection(self.ctx.session.db) is not None

    def configure(self) -> None:
        minutes = settings.LOCK_AFTER_MINUTES.get(self.ctx.session.db)
        if minutes > 0 and self.available and not self.locked:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.locked and self.timer.isActive() and event.type() in ACTIVITY:
            self.timer.start()  # someone is here: the idle minutes start again
        return False

    def lock(self) -> None:
        if self.locked or not self.available:
            return
        self.locked = True
        self.timer.stop()
        keystore.forget()
        central = self.window.centralWidget()
        if central is not None:
            central.hide()
        self.window.menuBar().setEnabled(False)
        self.window.statusBar().hide()
        self.dialog = LockDialog(self.ctx, self.window)
        self.dialog.accepted.connect(self._unlocked)
        self.dialog.open()

    def _unlocked(self) -> None:
        self.locked = False
        central = self.window.centralWidget()
        if central is not None:
            central.show()
        self.window.menuBar().setEnabled(True)
        self.window.statusBar().show()
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        self.configure()
