"""The main window: navigation on the left, one page at a time, a status bar, shortcuts and menus."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from app.errors import UserError
from app.session import Session
from app.views import status as status_view
from ui import backup_actions, ledger_import
from ui.app_lock import AppLock
from ui.context import AppContext
from ui.local_time import local_time
from ui.nav_icons import themed_icon
from ui.navigation import PAGES, PageEntry, build_page
from ui.pages.base import Page

log = logging.getLogger(__name__)
GEOMETRY_KEY = "main_window/geometry"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.resize(1280, 820)
        self.pages: dict[str, Page] = {}
        self.unexported: int | None = None  # records changed since the last bundle export; None until counted
        self._counting = False
        self._count_again = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.navigation.setIconSize(QSize(20, 20))
        for entry in PAGES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.navigation.addItem(item)
        self._paint_icons()
        self.navigation.setFixedWidth(176)
        self.stack = QStackedWidget()
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._build_actions()

        self.navigation.currentRowChanged.connect(self._show_row)
        ctx.changed.connect(self._on_changed)
        ctx.language_changed.connect(self.retranslate_ui)
        ctx.settings_changed.connect(self.update_status)
        ctx.settings_changed.connect(self._paint_icons)  # the theme may have changed: icons follow its text
        ctx.task_started.connect(self._task_started)
        ctx.task_progress.connect(self._task_progress)
        ctx.task_finished.connect(self._task_finished)

        self.retranslate_ui()
        self.navigation.setCurrentRow(0)
        geometry = QSettings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    # -- pages -------------------------------------------------------------------------------------------
    def page(self, key: str) -> Page:
        """The page for key, built the first time it is asked for."""
        if key not in self.pages:
            entry = next(e for e in PAGES if e.key == key)
            page = build_page(entry, self.ctx)
            page.setObjectName(f"page_{key}")
            self.pages[key] = page
            if hasattr(page, "add_visit_requested"):
                page.add_visit_requested.connect(self._add_visit_for_day)
            if hasattr(page, "open_item_requested"):
                page.open_item_requested.connect(self._open_item)
            if hasattr(page, "plan_day_requested"):
                page.plan_day_requested.connect(lambda: self.show_page("reception").new_record())
            self.stack.addWidget(page)
        return self.pages[key]

    def show_page(self, key: str) -> Page:
        row = next(i for i, e in enumerate(PAGES) if e.key == key)
        self.navigation.setCurrentRow(row)
        return self.pages[key]

    def _add_visit_for_day(self, day: dict[str, Any]) -> None:
        self.show_page("visits")
        visits = self.pages["visits"]
        if hasattr(visits, "new_for_day"):
            visits.new_for_day(day)

    def _open_item(self, uuid: str) -> None:
        items = self.show_page("items")
        if hasattr(items, "open_item"):
            items.open_item(uuid)

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        entry: PageEntry = PAGES[row]
        fresh = entry.key not in self.pages
        page = self.page(entry.key)
        self.stack.setCurrentWidget(page)
        if fresh:
            page.refresh()
        self.setWindowTitle(f"{page.title()} — {self.tr('Liaison Desk')}")

    def _on_changed(self, _changes: object) -> None:
        self.update_status()  # the pages refresh themselves from what changed (ui/pages/base.py)

    def _paint_icons(self) -> None:
        color = QGuiApplication.palette().color(QPalette.ColorRole.Text)
        for row, entry in enumerate(PAGES):
            self.navigation.item(row).setIcon(themed_icon(entry.icon, color))

    # -- status bar --------------------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.database_label = QLabel()
        self.operator_label = QLabel()
        self.unexported_label = QLabel()
        self.unexported_label.setObjectName("unexported")
        self.district_label = QLabel()
        self.district_label.setObjectName("district_summary")
        self.district_label.hide()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress_label.hide()
        self.progress.hide()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.operator_label)
        bar.addPermanentWidget(self.unexported_label)
        bar.addPermanentWidget(self.district_label)

    def update_status(self) -> None:
        self.database_label.setText(self.tr("Database: %1").replace("%1", str(self.ctx.db_path)))
        self.database_label.setToolTip(str(self.ctx.db_path))
        self.operator_label.setText(self.tr("Operator: %1").replace("%1", self.ctx.session.operator))
        at_district = self.ctx.session.role == "district"
        self.unexported_label.setVisible(not at_district)
        self.district_label.setVisible(at_district)
        if at_district:
            # The district answers each station with its own return bundle: a single "not yet exported"
            # figure means nothing there. What it wants at a glance is how many stations and how fresh.
            self._show_district_summary()
            return
        self._show_unexported(self.unexported)
        self._count_unexported()

    def _show_district_summary(self) -> None:
        summary = status_view.district_summary(self.ctx.session.db)
        parts = [self.tr("Stations: %n", "", summary["stations"])]
        last = summary["last_import"]
        if last:
            local = local_time(last)
            parts.append(self.tr("Last import %1").replace("%1", local[:10]))
            self.district_label.setToolTip(self.tr("Last station bundle imported %1").replace("%1", local))
        else:
            parts.append(self.tr("No bundle imported yet"))
            self.district_label.setToolTip("")
        self.district_label.setText(" · ".join(parts))

    def _count_unexported(self) -> None:
        """Counted on the worker: at a district with a million records not yet exported, the count takes
        a noticeable moment. Requests that arrive meanwhile are folded into one more count."""
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        self.ctx.run_task(_unexported, on_done=self._counted, on_error=self._count_failed, quiet=True)

    def _counted(self, count: int) -> None:
        self._counting = False
        self._show_unexported(count)
        if self._count_again:
            self._count_again = False
            self._count_unexported()

    def _count_failed(self, message: str) -> None:
        self._counting = False
        log.warning("could not count unexported records: %s", message)

    def _show_unexported(self, count: int | None) -> None:
        self.unexported = count
        self.unexported_label.setText(
            self.tr("Not yet exported: %n", "", count)
            if count is not None
            else self.tr("Not yet exported: …")
        )

    def _task_started(self, label: str) -> None:
        self.progress_label.setText(label)
        self.progress_label.setVisible(bool(label))
        self.progress.setRange(0, 0)  # busy until the task reports a count
        self.progress.show()

    def _task_progress(self, label: str, value: int, maximum: int) -> None:
        if label:
            self.progress_label.setText(label)
            self.progress_label.show()
        if maximum > 0:
            self.progress.setRange(0, maximum)
            self.progress.setValue(value)

    def _task_finished(self) -> None:
        if not self.ctx.busy:
            self.progress.hide()
            self.progress_label.hide()
            self.update_status()

    # -- actions, menus, shortcuts -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self._forward("new_record"))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: self._forward("focus_search"))
        self.print_action = QAction(self)
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.triggered.connect(lambda: self._forward("print_page"))
        self.backup_action = QAction(self)
        self.backup_action.triggered.connect(lambda: backup_actions.start_now(self.ctx, self))
        self.import_action = QAction(self)
        self.import_action.triggered.connect(lambda: ledger_import.choose_and_import(self.ctx, self))
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.manual_action = QAction(self)
        self.manual_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.manual_action.triggered.connect(self._open_manual)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._show_about)
        self.lock = AppLock(self, self.ctx)
        self.lock_action = QAction(self)
        self.lock_action.setObjectName("lock")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock.lock)
        self.undo_action = QAction(self)
        self.undo_action.setObjectName("undo")
        # In a text field Ctrl+Z undoes typing first (the field claims the key); elsewhere, the last change.
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo_last_change)
        self.ctx.undo_changed.connect(self._label_undo)
        self.ctx.writing.connect(self._writing)

        self.file_menu = QMenu(self)
        for action in (self.new_action, self.find_action, self.print_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = QMenu(self)
        self.edit_menu.addAction(self.undo_action)
        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.manual_action)
        self.help_menu.addAction(self.about_action)
        self.menuBar().addMenu(self.file_menu)
        self.menuBar().addMenu(self.edit_menu)
        self.menuBar().addMenu(self.help_menu)
        self.manual_action.setEnabled(importlib.util.find_spec("ui.help") is not None)
        self.about_action.setEnabled(importlib.util.find_spec("ui.about") is not None)

    def _forward(self, method: str) -> None:
        page = self.current_page()
        if page is None:
            return
        # A page without the action of its own hands it to the page where it belongs: Ctrl+P prints from
        # the reports, Ctrl+N registers a visit (the commonest new record), Ctrl+F searches the items.
        fallback = {"print_page": "reports", "new_record": "visits", "focus_search": "items"}[method]
        if getattr(type(page), method) is getattr(Page, method):
            page = self.show_page(fallback)
        getattr(page, method)()

    def undo_last_change(self) -> None:
        try:
            done = self.ctx.undo()
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Undo"), str(exc))
            return
        self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", str(done)), 8000)

    def _writing(self, busy: bool) -> None:
        self.undo_action.setEnabled(not busy and self.ctx.undo_label() is not None)

    def _label_undo(self) -> None:
        label = self.ctx.undo_label()
        self.undo_action.setEnabled(label is not None and not self.ctx.applying)
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", str(label)) if label is not None else self.tr("&Undo")
        )

    def _open_manual(self) -> None:
        importlib.import_module("ui.help").open_manual(self)

    def _show_about(self) -> None:
        importlib.import_module("ui.about").show_about(self)

    # -- language ----------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        for row, entry in enumerate(PAGES):
            self.navigation.item(row).setText(QCoreApplication.translate("Navigation", entry.title))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.help_menu.setTitle(self.tr("&Help"))
        self._label_undo()
        self.new_action.setText(self.tr("&New"))
        self.find_action.setText(self.tr("&Search"))
        self.print_action.setText(self.tr("&Print"))
        self.import_action.setText(self.tr("&Import a ledger (Excel/CSV)…"))
        self.backup_action.setText(self.tr("&Back up now"))
        self.quit_action.setText(self.tr("&Quit"))
        self.lock_action.setText(self.tr("&Lock"))
        self.manual_action.setText(self.tr("User &manual"))
        self.about_action.setText(self.tr("&About Liaison Desk"))
        for built in self.pages.values():
            built.retranslate_ui()
        page = self.current_page()
        self.setWindowTitle(
            f"{page.title()} — {self.tr('Liaison Desk')}" if page else self.tr("Liaison Desk")
        )
        self.update_status()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.ctx.busy:
            # Let the running task finish its transaction; nothing is left half-written.
            self.statusBar().showMessage(self.tr("Finishing the current task…"))
            self.ctx.wait_for_tasks(30_000)
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())  # per PC, not in the database
        super().closeEvent(event)


def _unexported(session: Session) -> int:
    return status_view.unexported_count(session.db)
