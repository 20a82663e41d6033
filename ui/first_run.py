"""First run: the language, station or district office, its identity, the operator, and the roster (now or
later)."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import i18n, identity, settings
from app.domain import StationKind
from app.errors import FieldError, UserError, ValidationError
from app.i18n import text
from app.session import Session
from app.sync import district_key
from app.sync.keystore import MIN_LENGTH
from ui import translations
from ui.context import AppContext
from ui.widgets.field_errors import FieldErrors


def roster_importer() -> Any | None:
    """app.ledger.import_file when this build has it; the roster can always be imported later."""
    if importlib.util.find_spec("app.ledger") is None:
        return None
    return getattr(importlib.import_module("app.ledger"), "import_file", None)


def import_roster(session: Session, path: str, *, progress: Any = None) -> str:
    importer = roster_importer()
    if importer is None:
        raise UserError(text("此版本不能导入名册", "This version cannot import a roster"))
    report = importer(session, Path(path), kind="roster")
    return str(report.summary()) if hasattr(report, "summary") else str(report)


class WizardStep(QWizardPage):
    """A page that reaches the wizard it was added to through Qt, not a Python attribute: a page holding its
    wizard would make a reference cycle, and the cycle collector would then delete the wizard whenever it
    happened to run — possibly while Qt is walking every widget (restyling, say), which crashes."""

    @property
    def owner(self) -> FirstRunWizard:
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard), "the page is used inside its wizard"
        return wizard


class RolePage(WizardStep):
    def __init__(self) -> None:
        super().__init__()
        # The language first: whoever unpacks the program reads the rest of the wizard in it. Each language
        # is named in itself, so the way back is readable whichever is showing.
        self.language_label = QLabel()
        self.chinese = QRadioButton("中文")
        self.chinese.setObjectName("language_zh_CN")
        self.english = QRadioButton("English")
        self.english.setObjectName("language_en")
        (self.english if i18n.current_language() == "en" else self.chinese).setChecked(True)
        languages = QButtonGroup(self)
        languages.addButton(self.chinese)
        languages.addButton(self.english)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.chinese)
        language_row.addWidget(self.english)
        language_row.addStretch(1)
        self.english.toggled.connect(lambda _checked: self._language_chosen())
        self.station = QRadioButton()
        self.station.setObjectName("role_station")
        self.district = QRadioButton()
        self.district.setObjectName("role_district")
        self.station.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.station)
        group.addButton(self.district)
        self.station_hint = QLabel()
        self.district_hint = QLabel()
        for hint in (self.station_hint, self.district_hint):
            hint.setWordWrap(True)
            hint.setIndent(24)
        layout = QVBoxLayout(self)
        layout.addLayout(language_row)
        layout.addSpacing(16)
        layout.addWidget(self.station)
        layout.addWidget(self.station_hint)
        layout.addSpacing(12)
        layout.addWidget(self.district)
        layout.addWidget(self.district_hint)
        layout.addStretch(1)

    def role(self) -> str:
        return "district" if self.district.isChecked() else "station"

    def language(self) -> str:
        return "en" if self.english.isChecked() else "zh_CN"

    def _language_chosen(self) -> None:
        """Applied at once: the wizard (and anything else open) retranslates; saved with the identity."""
        translations.install(self.language())
        self.owner.ctx.language_changed.emit()

    def retranslate_ui(self) -> None:
        self.language_label.setText(self.tr("Language:"))
        self.setTitle(self.tr("Welcome to Liaison Desk"))
        self.setSubTitle(self.tr("Who will use this computer?"))
        self.station.setText(self.tr("A deputy liaison station (home, station or contact point)"))
        self.station_hint.setText(
            self.tr(
                "Schedule reception days, register visits and sentiment items, take bundles to the district."
            )
        )
        self.district.setText(self.tr("The district office"))
        self.district_hint.setText(
            self.tr("Merge every station's bundles, report the district, send the roster back.")
        )


class OperatorPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.operator = QLineEdit()
        self.operator.setObjectName("operator")
        self.operator.setMaxLength(30)
        self.errors = FieldErrors()
        self.label = QLabel()
        form = QFormLayout(self)
        form.addRow(self.errors.general)
        form.addRow(self.label, self.errors.wrap("operator", self.operator))

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Operator"))
        self.setSubTitle(self.tr("Your name is recorded with every change you make."))
        self.label.setText(self.tr("Your name"))

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        try:
            identity.check_operator(self.operator.text())
        except UserError as exc:
            self.errors.show(_on_field(exc, "operator"))
            return False
        self.errors.clear()
        return True


class IdentityPage(WizardStep):
    """Saving happens here (a commit page): the database takes its identity once."""

    def __init__(self) -> None:
        super().__init__()
        self.setCommitPage(True)
        self.errors = FieldErrors()
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setMaxLength(32)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in StationKind:
            self.kind.addItem(kind.label, kind.value)
        self.street = QLineEdit()
        self.street.setObjectName("street")
        self.district_name = QLineEdit()
        self.district_name.setObjectName("district_name")
        self.labels = [QLabel() for _ in range(5)]
        # The passphrase that encrypts this database's keys, and (a station, if it has it) the district's key.
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setObjectName("passphrase_again")
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.district_key = QLineEdit()
        self.district_key.setObjectName("district_key")
        self.district_key.setReadOnly(True)
        self.choose_key = QPushButton()
        self.choose_key.clicked.connect(self._choose_key)
        self.key_fingerprint = QLabel()
        self.key_fingerprint.setObjectName("district_key_fingerprint")
        self.key_fingerprint.setWordWrap(True)
        self.key_labels = [QLabel() for _ in range(3)]
        self.keys_hint = QLabel()
        self.keys_hint.setWordWrap(True)

        station_form = QWidget()
        form = QFormLayout(station_form)
        form.addRow(self.labels[0], self.errors.wrap("code", self.code))
        form.addRow(self.labels[1], self.errors.wrap("name", self.name))
        form.addRow(self.labels[2], self.errors.wrap("kind", self.kind))
        form.addRow(self.labels[3], self.errors.wrap("street", self.street))
        district_form = QWidget()
        form2 = QFormLayout(district_form)
        form2.addRow(self.labels[4], self.errors.wrap("district_name", self.district_name))
        self.forms = QStackedWidget()
        self.forms.addWidget(station_form)
        self.forms.addWidget(district_form)
        key_row = QWidget()
        row = QHBoxLayout(key_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.district_key, 1)
        row.addWidget(self.choose_key)
        keys_form = QFormLayout()
        keys_form.addRow(self.keys_hint)
        keys_form.addRow(self.key_labels[0], self.errors.wrap("passphrase", self.passphrase))
        keys_form.addRow(self.key_labels[1], self.errors.wrap("passphrase_again", self.passphrase_again))
        key_box = self.errors.wrap("district_key", key_row)
        keys_form.addRow(self.key_labels[2], key_box)
        keys_form.addRow(self.key_fingerprint)
        self.district_key_rows = (self.key_labels[2], key_box, self.key_fingerprint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.forms)
        layout.addLayout(keys_form)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 (Qt's name)
        district = self.owner.role_page.role() == "district"
        self.forms.setCurrentIndex(1 if district else 0)
        for widget in self.district_key_rows:
            widget.setVisible(not district)
        self.retranslate_ui()

    def _choose_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("The district's key file"), "", self.tr("District key files (*.liaison-key)")
        )
        if path:
            self.use_key_file(path)

    def use_key_file(self, path: str) -> None:
        """Show the fingerprint to compare with the office by phone; a bad file is told beside the field."""
        self.district_key.setText(path)
        self.key_fingerprint.clear()
        try:
            key = district_key.read(path)
        except UserError as exc:
            self.errors.show(_on_field(exc, "district_key"))
            return
        self.errors.clear()
        self.key_fingerprint.setText(
            self.tr(
                "Fingerprint %1. Phone the district office and check that it reads you the same fingerprint."
            ).replace("%1", key.fingerprint)
        )

    def retranslate_ui(self) -> None:
        district = self.owner.role_page.role() == "district"
        self.setTitle(self.tr("The district office") if district else self.tr("This station"))
        self.setSubTitle(
            self.tr("The office's name is printed on the district's reports.")
            if district
            else self.tr(
                "The code identifies this station's data at the district office; it cannot change later."
            )
        )
        for label, caption in zip(
            self.labels,
            (
                self.tr("Station code"),
                self.tr("Station name"),
                self.tr("Kind"),
                self.tr("Street or town"),
                self.tr("Office name"),
            ),
            strict=True,
        ):
            label.setText(caption)
        self.keys_hint.setText(
            self.tr(
                "A passphrase protects the keys that sign and encrypt bundles: a copy of this database or of"
                " a backup is of no use without it. It is asked when a bundle is exported or imported."
            )
        )
        for label, caption in zip(
            self.key_labels,
            (self.tr("Passphrase"), self.tr("Repeat it"), self.tr("District key file")),
            strict=True,
        ):
            label.setText(caption)
        self.passphrase.setPlaceholderText(self.tr("at least %1 characters").replace("%1", str(MIN_LENGTH)))
        self.district_key.setPlaceholderText(self.tr("optional: it can be imported later on the sync page"))
        self.choose_key.setText(self.tr("Choose file…"))
        self.code.setPlaceholderText(self.tr("e.g. YP-01"))
        self.name.setPlaceholderText(self.tr("e.g. 控江路街道代表之家"))
        self.district_name.setPlaceholderText(self.tr("e.g. 杨浦区人大常委会"))
        for index, kind in enumerate(StationKind):
            self.kind.setItemText(index, kind.label)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        ctx = self.owner.ctx
        operator = self.owner.operator_page.operator.text().strip()
        district = self.owner.role_page.role() == "district"
        passphrase = self.passphrase.text()
        if passphrase != self.passphrase_again.text():
            self.errors.show(
                ValidationError(
                    [FieldError("passphrase_again", text("两次输入的口令不一致", "The passphrases differ"))]
                )
            )
            return False
        try:
            ctx.apply(
                identity.set_up,
                role=self.owner.role_page.role(),
                operator=operator,
                language=self.owner.role_page.language(),
                district_name=self.district_name.text(),
                code=self.code.text(),
                name=self.name.text(),
                kind=self.kind.currentData(),
                street=self.street.text(),
                passphrase=passphrase,
                district_key_file="" if district else self.district_key.text(),
            )
        except ValidationError as exc:
            self.errors.show(exc)
            return False
        except UserError as exc:
            self.errors.show(_on_field(exc, "district_name") if district else exc)
            return False
        # This window's own session writes nothing, but its changes are stamped with the operator's name.
        ctx.session.operator = identity.check_operator(operator)
        self.errors.clear()
        return True


def _on_field(error: UserError, field: str) -> UserError:
    """A core check that names no field (or a different one) shown beside this form's input."""
    return ValidationError([FieldError(field, error.message)])


class RosterPage(WizardStep):
    def __init__(self) -> None:
        super().__init__()
        self.path = QLineEdit()
        self.path.setObjectName("roster_path")
        self.browse = QPushButton()
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_roster")
        self.progress = QProgressBar()
        self.progress.hide()
        self.result = QLabel()
        self.result.setObjectName("roster_result")
        self.result.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.import_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.browse.clicked.connect(self._choose)
        self.import_button.clicked.connect(self.start_import)
        self.importing = False
        available = roster_importer() is not None
        for widget in (self.path, self.browse, self.import_button):
            widget.setEnabled(available)

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Deputy roster"))
        self.setSubTitle(self.tr("Import the roster now, or later from the Deputies page."))
        self.hint.setText(
            self.tr("A roster is an Excel (.xlsx) or CSV file with the deputies' names, levels and stations.")
            if roster_importer() is not None
            else self.tr(
                "This version cannot import a roster yet; deputies can be added on the Deputies page."
            )
        )
        self.browse.setText(self.tr("Choose file…"))
        self.import_button.setText(self.tr("Import now"))

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Deputy roster"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if path:
            self.path.setText(path)

    def start_import(self) -> None:
        if not self.path.text().strip():
            self.result.setText(self.tr("Choose a file first."))
            return
        self.importing = True
        self.import_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.owner.ctx.task_progress.connect(self._progressed)
        self.owner.ctx.run_task(
            import_roster,
            self.path.text().strip(),
            on_done=self._done,
            on_error=self._failed,
            progress_label=self.tr("Importing the roster…"),
        )

    def _progressed(self, _label: str, value: int, maximum: int) -> None:
        if maximum > 0:
            self.progress.setRange(0, maximum)
            self.progress.setValue(value)

    def _finish(self) -> None:
        self.importing = False
        self.owner.ctx.task_progress.disconnect(self._progressed)
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.completeChanged.emit()

    def _done(self, summary: str) -> None:
        self._finish()
        self.result.setText(summary)
        self.owner.ctx.notify_changed("deputies")

    def _failed(self, message: str) -> None:
        self._finish()
        self.result.setText(message)

    def isComplete(self) -> bool:  # noqa: N802 (Qt's name)
        return not self.importing


class FirstRunWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("FirstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 460)
        self.role_page = RolePage()
        self.operator_page = OperatorPage()
        self.identity_page = IdentityPage()
        self.roster_page = RosterPage()
        for page in (self.role_page, self.operator_page, self.identity_page, self.roster_page):
            self.addPage(page)
        self.operator_page.operator.setText(settings.OPERATOR.get(ctx.session.db))
        ctx.language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Liaison Desk — first run"))
        # QWizard names its buttons once, in the language of the moment: name them again.
        for button, caption in (
            (QWizard.WizardButton.BackButton, self.tr("< &Back")),
            (QWizard.WizardButton.NextButton, self.tr("&Next >")),
            (QWizard.WizardButton.CommitButton, self.tr("&Save and continue >")),
            (QWizard.WizardButton.FinishButton, self.tr("&Finish")),
            (QWizard.WizardButton.CancelButton, self.tr("Cancel")),
        ):
            self.setButtonText(button, caption)
        self.role_page.retranslate_ui()
        self.operator_page.retranslate_ui()
        self.identity_page.retranslate_ui()
        self.roster_page.retranslate_ui()
