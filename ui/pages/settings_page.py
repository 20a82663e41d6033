"""设置: language (applied live), theme, operator, backup folder, overdue days, the idle lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import preferences
from app.errors import UserError
from ui import fonts, theme, translations
from ui.context import AppContext
from ui.pages.base import Page
from ui.widgets.field_errors import FieldErrors


class SettingsPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.language = QComboBox()
        self.language.setObjectName("language")
        # Each language is named in itself, so a clerk who switched by mistake can find the way back.
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        self.theme.addItem("", "light")
        self.theme.addItem("", "dark")
        self.operator = QLineEdit()
        self.operator.setObjectName("operator")
        self.operator.setMaxLength(30)
        self.backup_folder = QLineEdit()
        self.backup_folder.setObjectName("backup_folder")
        self.browse = QPushButton()
        folder_row = QWidget()
        folder_layout = QHBoxLayout(folder_row)
        folder_layout.setContentsMargins(0, 0, 0, 0)
        folder_layout.addWidget(self.backup_folder, 1)
        folder_layout.addWidget(self.browse)
        self.overdue_days = QSpinBox()
        self.overdue_days.setObjectName("overdue_days")
        self.overdue_days.setRange(1, 365)
        self.lock_after = QSpinBox()
        self.lock_after.setObjectName("lock_after_minutes")
        self.lock_after.setRange(0, preferences.MAX_LOCK_MINUTES)
        self.save_button = QPushButton()
        self.write_controls.append(self.save_button)
        self.save_button.setObjectName("save")
        self.saved_label = QLabel()

        self.errors = FieldErrors()
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(6)]
        for label, field, widget in zip(
            self.labels,
            ("language", "theme", "operator", "backup_folder", "overdue_days", "lock_after_minutes"),
            (self.language, self.theme, self.operator, folder_row, self.overdue_days, self.lock_after),
            strict=True,
        ):
            self.form.addRow(label, self.errors.wrap(field, widget))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved_label, 1)
        body = QWidget()
        body.setMaximumWidth(720)  # a form reads better than fields stretched across a wide screen
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        outer = QHBoxLayout(self)
        outer.addWidget(body, 1)
        outer.addStretch(0)
        for first, second in (
            (self.language, self.theme),
            (self.theme, self.operator),
            (self.operator, self.backup_folder),
            (self.backup_folder, self.browse),
            (self.browse, self.overdue_days),
            (self.overdue_days, self.lock_after),
            (self.lock_after, self.save_button),
        ):
            QWidget.setTabOrder(first, second)

        self.browse.clicked.connect(self._choose_folder)
        self.save_button.clicked.connect(self.save)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Settings"))
        texts = (
            self.tr("Language"),
            self.tr("Theme"),
            self.tr("Operator"),
            self.tr("Backup folder"),
            self.tr("Days before an item is overdue"),
            self.tr("Lock the window after"),
        )
        for label, caption in zip(self.labels, texts, strict=True):
            label.setText(caption)
        self.theme.setItemText(0, self.tr("Light"))
        self.theme.setItemText(1, self.tr("Dark"))
        self.backup_folder.setPlaceholderText(self.tr("Beside the database when empty"))
        self.browse.setText(self.tr("Choose…"))
        self.save_button.setText(self.tr("Save"))
        self.overdue_days.setSuffix(self.tr(" days"))
        self.lock_after.setSuffix(self.tr(" idle minutes"))
        self.lock_after.setSpecialValueText(self.tr("Never"))
        self.lock_after.setToolTip(
            self.tr(
                "On a PC several people share: the window hides its content and asks for the keys' passphrase."
            )
        )
        self.saved_label.clear()

    def refresh(self) -> None:
        prefs = preferences.load(self.ctx.session)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.operator.setText(prefs.operator)
        self.backup_folder.setText(prefs.backup_folder)
        self.overdue_days.setValue(prefs.overdue_days)
        self.lock_after.setValue(prefs.lock_after_minutes)
        self.errors.clear()

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def save(self) -> bool:
        before = preferences.load(self.ctx.session)
        try:
            prefs = self.ctx.apply(
                preferences.save,
                language=self.language.currentData(),
                theme=self.theme.currentData(),
                operator=self.operator.text(),
                backup_folder=self.backup_folder.text(),
                overdue_days=self.overdue_days.value(),
                lock_after_minutes=self.lock_after.value(),
            )
        except UserError as exc:
            self.errors.show(exc)
            self.saved_label.clear()
            return False
        self.errors.clear()
        self.ctx.session.operator = prefs.operator  # this window's changes are stamped with the new name
        if prefs.theme != before.theme:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                theme.apply_theme(app, prefs.theme, fonts.register_cjk_font())
        if prefs.language != before.language:
            translations.install(prefs.language)
            self.ctx.language_changed.emit()
        self.ctx.settings_changed.emit()
        self.saved_label.setText(self.tr("Saved."))
        return True
