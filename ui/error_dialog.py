"""The window for an unexpected error: what failed, that no data was lost, where the details were saved, and a
button that copies them for whoever supports the clerk. The traceback itself is never put on screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

WIDTH = 520
# Errors whose details the dialog keeps for copying; every one of them is in the log file anyway.
MAX_KEPT = 20


class ErrorDialog(QDialog):
    def __init__(
        self,
        summary: str,
        details: str,
        log_file: Path | None,
        task: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ErrorDialog")
        self.summary = summary
        self.task = task
        self.log_file = log_file
        self.details = [details]
        self.more = 0  # errors reported while this dialog was open

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        self.heading = QLabel()
        bold = QFont(self.heading.font())
        bold.setBold(True)
        self.heading.setFont(bold)
        self.what = QLabel()
        self.what.setObjectName("error_summary")
        self.safe = QLabel()
        self.advice = QLabel()
        self.where = QLabel()
        self.where.setObjectName("log_file")
        self.more_label = QLabel()
        self.more_label.hide()
        text = QVBoxLayout()
        text.setSpacing(10)
        for label in (self.heading, self.what, self.safe, self.advice, self.where, self.more_label):
            label.setWordWrap(True)  # so the sizes come from heightForWidth: see _fit()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.addWidget(label)
        text.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(text, 1)

        self.copy_button = QPushButton()
        self.copy_button.setObjectName("copy_details")
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = QPushButton()
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QDialogButtonBox()
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(WIDTH)
        self.retranslate_ui()

    def add(self, details: str) -> None:
        """Another error while this one is on screen: counted and kept here, not a second window."""
        self.more += 1
        if len(self.details) < MAX_KEPT:
            self.details.append(details)
        self.retranslate_ui()

    def details_text(self) -> str:
        text = "\n\n".join(self.details)
        left_out = 1 + self.more - len(self.details)
        if left_out:
            text += f"\n\n… and {left_out} more" + (f", in {self.log_file}" if self.log_file else "")
        return text

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
        self.copy_button.setText(self.tr("Details copied"))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Unexpected error"))
        self.heading.setText(
            self.tr("Liaison Desk ran into an unexpected error, and what it was doing is not done.")
        )
        lines = [self.tr("Task: %1").replace("%1", self.task)] if self.task else []
        lines.append(self.tr("Error: %1").replace("%1", self.summary))
        self.what.setText("\n".join(lines))
        self.safe.setText(
            self.tr(
                "No data was lost: a change that fails is undone as a whole, and everything saved before it is kept."
            )
        )
        self.advice.setText(
            self.tr(
                "You can go on working. If this happens again, copy the details and send them to whoever "
                "supports you."
            )
        )
        self.where.setText(
            self.tr("The details are also saved in %1").replace("%1", str(self.log_file))
            if self.log_file
            else self.tr(
                "The details could not be saved in the log file: copy them before closing this window."
            )
        )
        self.more_label.setText(self.tr("%n more error(s) while this window was open.", "", self.more))
        self.more_label.setVisible(self.more > 0)
        self.copy_button.setText(self.tr("Copy details"))
        self.close_button.setText(self.tr("Close"))
        self._fit()

    def _fit(self) -> None:
        """As tall as the text needs at the dialog's width: a wrapping label's own size hint is narrow and tall."""
        self.ensurePolished()
        width = max(self.width(), WIDTH) if self.isVisible() else WIDTH
        layout = self.layout()
        if layout is not None:
            self.resize(width, layout.totalHeightForWidth(width))
