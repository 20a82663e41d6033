"""The keys' passphrase in the window: asked once per run, before work that needs a private key (an export, an
import of sealed bundles, the district's key file), and kept in memory by app.sync.keystore afterwards. A
database whose keys an earlier version left in clear is given a passphrase here the first time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.sync import keystore
from ui.context import AppContext


class PassphraseDialog(QDialog):
    """UNLOCK: the passphrase, checked before the dialog closes. NEW: a passphrase typed twice, then set."""

    def __init__(self, ctx: AppContext, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.purpose = purpose
        self.setObjectName("PassphraseDialog")
        self.setWindowTitle(self.tr("Passphrase"))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passphrase_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("passphrase_error")
        self.error.setProperty("role", "form-error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if purpose == keystore.NEW:
            form.addRow(self.tr("Repeat it"), self.again)
            self.explanation.setText(
                self.tr(
                    "This database's keys are not protected yet. Set a passphrase of at least %1 characters:"
                    " exports and sealed imports will ask for it once per run. A forgotten passphrase means"
                    " making new keys."
                ).replace("%1", str(keystore.MIN_LENGTH))
            )
        else:
            self.again.hide()
            self.explanation.setText(
                self.tr(
                    "The keys that sign and open bundles are locked. Type the passphrase set at first run."
                )
            )
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        typed = self.passphrase.text()
        try:
            if self.purpose == keystore.NEW:
                if typed != self.again.text():
                    self._refuse(self.tr("The two passphrases differ."))
                    return
                self.ctx.apply(keystore.set_passphrase, typed, undoable=False)
            else:
                keystore.unlock(self.ctx.session.db, typed)
        except UserError as exc:
            self._refuse(str(exc))
            return
        super().accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()


def ensure_unlocked(ctx: AppContext, parent: QWidget | None = None) -> bool:
    """True once this database's private keys can be used: held already, from LIAISON_PASSPHRASE (scripts),
    or typed by the clerk; False when the clerk cancels."""
    db = ctx.session.db
    purpose = keystore.needs_passphrase(db)
    if purpose is None:
        return True
    given = keystore.from_environment(purpose)
    if given:
        try:
            if purpose == keystore.NEW:
                ctx.apply(keystore.set_passphrase, given, undoable=False)
            else:
                keystore.unlock(db, given)
            return True
        except UserError:
            pass  # a wrong one in the environment: the clerk is asked
    dialog = PassphraseDialog(ctx, purpose, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
