"""Importing a ledger the station already keeps in Excel/WPS (roster, reception days, visits, items).

The file is read, checked and written on the worker, whole or not at all (app.ledger.import_file); the window
stays usable and the status bar shows the work. The outcome is reported in one message box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.session import Session
from ui.context import AppContext, Unexpected


def import_ledger(session: Session, path: str) -> str:
    from app.ledger import import_file

    return str(import_file(session, Path(path)).summary())


def choose_and_import(ctx: AppContext, parent: QWidget) -> None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("LedgerImport", "Import a ledger"),
        "",
        QCoreApplication.translate("LedgerImport", "Spreadsheets (*.xlsx *.csv)"),
    )
    if path:
        start(ctx, parent, path)


def start(ctx: AppContext, parent: QWidget, path: str) -> None:
    def done(summary: str) -> None:
        ctx.notify_changed("")
        QMessageBox.information(
            parent, QCoreApplication.translate("LedgerImport", "Ledger imported"), summary
        )

    def failed(message: str) -> None:
        if isinstance(message, Unexpected):
            return  # the error dialog has said what failed, naming this import
        QMessageBox.warning(
            parent, QCoreApplication.translate("LedgerImport", "Ledger not imported"), message
        )

    ctx.run_task(
        import_ledger,
        path,
        on_done=done,
        on_error=failed,
        progress_label=QCoreApplication.translate("LedgerImport", "Importing %1…").replace(
            "%1", Path(path).name
        ),
    )
