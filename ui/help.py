"""Help ▸ User manual: open the Chinese manual (HTML) in the system's browser.

The installer ships it as resources/manual/ inside the bundle; from a source checkout it is docs/manual/.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.resources import resource_path, resources_root


def manual_candidates() -> list[Path]:
    return [
        resource_path("manual", "index.html"),  # the bundled copy
        resources_root().parent / "docs" / "manual" / "index.html",  # a source checkout
    ]


def manual_path() -> Path | None:
    return next((path for path in manual_candidates() if path.is_file()), None)


def open_manual(parent: QWidget | None = None) -> bool:
    """Open the manual; when it is missing or no browser opens it, say so and where it is."""
    path = manual_path()
    if path is None:
        QMessageBox.warning(
            parent,
            QCoreApplication.translate("Help", "User manual"),
            QCoreApplication.translate("Help", "The user manual was not found. Looked in:\n%1").replace(
                "%1", "\n".join(str(p) for p in manual_candidates())
            ),
        )
        return False
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    QMessageBox.information(
        parent,
        QCoreApplication.translate("Help", "User manual"),
        QCoreApplication.translate("Help", "No browser could be opened. The manual is the file:\n%1").replace(
            "%1", str(path)
        ),
    )
    return False
