"""数据同步: at a station, export a bundle to a USB stick and import the district's return bundle; at the district,
see every station's bundles and keys, import a stick's folder of bundles with progress and the summary, and write
return bundles. The work is app.sync's; this page chooses folders and shows results."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStorageInfo, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserError
from app.session import Session
from app.sync import district_key, export, importer, keys, status
from app.sync.export import ExportResult
from app.sync.importer import ImportRun
from ui.context import AppContext, Unexpected
from ui.local_time import local_time
from ui.pages.base import Page
from ui.pages.conflicts_dialog import ConflictsDialog
from ui.passphrase import ensure_unlocked

OTHER_FOLDER = "__other__"
REMOVABLE_ROOTS = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Destination:
    path: str
    name: str
    removable: bool


def destinations() -> list[Destination]:
    """Mounted volumes a bundle can be written to, removable drives (USB sticks) first."""
    found: list[Destination] = []
    system_drive = os.environ.get("SYSTEMDRIVE", "C:").upper()
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid() or not volume.isReady() or volume.isReadOnly():
            continue
        root = volume.rootPath()
        if os.name == "nt":
            removable = not root.upper().startswith(system_drive)
        else:
            removable = root.startswith(REMOVABLE_ROOTS)
        if not removable:
            continue
        found.append(Destination(root, volume.displayName() or root, True))
    found.sort(key=lambda d: d.path)
    return found


# Work run on the worker thread, each with its own session.
def _export(session: Session, folder: str, full: bool, without_personal_data: bool) -> ExportResult:
    return export.export_station(session, folder, full=full, without_personal_data=without_personal_data)


def _write_key_file(session: Session, folder: str) -> tuple[Path, str]:
    path, key = district_key.write(session, Path(folder))
    return path, key.fingerprint


def _export_returns(session: Session, folder: str, codes: list[str]) -> list[ExportResult]:
    return [export.export_return(session, code, folder) for code in codes]


def _import(session: Session, paths: list[str], progress: importer.Progress | None = None) -> ImportRun:
    return importer.import_paths(session, [Path(p) for p in paths], progress=progress)


class SyncPage(Page):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.busy = False
        self.last_run: ImportRun | None = None
        self.last_export: ExportResult | None = None

        self.heading = QLabel()
        self.heading.setProperty("role", "heading")

        # A station: export, and the return bundle.
        self.export_box = QGroupBox()
        self.export_status = QLabel()
        self.export_status.setObjectName("export_status")
        self.export_status.setWordWrap(True)
        self.target_label = QLabel()
        self.target = QComboBox()
        self.target.setObjectName("target")
        self.target.setMinimumContentsLength(24)
        self.full = QCheckBox()
        self.full.setObjectName("full")
        self.export_button = QPushButton()
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.export_bundle)
        row = QHBoxLayout()
        for widget in (self.target_label, self.target, self.full, self.export_button):
            row.addWidget(widget)
        row.addStretch(1)
        # The district's key, given by hand before the first export (and a new one accepted by its fingerprint).
        self.district_key_button = QPushButton()
        self.district_key_button.setObjectName("import_district_key")
        self.district_key_button.clicked.connect(lambda: self.import_district_key())
        self.accept_district_button = QPushButton()
        self.accept_district_button.setObjectName("accept_district_key")
        self.accept_district_button.clicked.connect(self.accept_district_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.district_key_button)
        key_row.addWidget(self.accept_district_button)
        key_row.addStretch(1)
        box = QVBoxLayout(self.export_box)
        box.addWidget(self.export_status)
        box.addLayout(row)
        box.addLayout(key_row)

        self.return_box = QGroupBox()
        self.return_status = QLabel()
        self.return_status.setObjectName("return_status")
        self.return_status.setWordWrap(True)
        self.import_return_button = QPushButton()
        self.import_return_button.setObjectName("import_return")
        self.import_return_button.clicked.connect(self.choose_return_bundle)
        row = QHBoxLayout()
        row.addWidget(self.return_status, 1)
        row.addWidget(self.import_return_button)
        QVBoxLayout(self.return_box).addLayout(row)

        # The district: stations overview, import a folder, return bundles.
        self.stations_box = QGroupBox()
        self.table = QTableWidget(0, 10)
        self.table.setObjectName("stations")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        # Short figures share the width; names, times and fingerprints take what they need. (A styled header
        # may upper-case its labels after Qt has measured them, so the figures are not sized to their labels.)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (1, 3, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.import_folder_button = QPushButton()
        self.import_folder_button.setObjectName("import_folder")
        self.import_folder_button.clicked.connect(self.choose_folder_to_import)
        self.returns_button = QPushButton()
        self.returns_button.setObjectName("returns")
        self.returns_button.clicked.connect(self.choose_folder_for_returns)
        self.accept_key_button = QPushButton()
        self.accept_key_button.setObjectName("accept_key")
        self.accept_key_button.clicked.connect(self.accept_key)
        self.key_file_button = QPushButton()
        self.key_file_button.setObjectName("write_key_file")
        self.key_file_button.clicked.connect(lambda: self.write_key_file())
        self.conflicts = QLabel()
        self.conflicts.setObjectName("conflicts")
        self.conflicts_button = QPushButton()
        self.conflicts_button.setObjectName("conflicts_button")
        self.conflicts_button.clicked.connect(self.show_conflicts)
        buttons = QHBoxLayout()
        for widget in (
            self.import_folder_button,
            self.returns_button,
            self.accept_key_button,
            self.key_file_button,
        ):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.conflicts)
        buttons.addWidget(self.conflicts_button)
        # What the office reads out when a station phones to compare the key file's fingerprint.
        self.own_key = QLabel()
        self.own_key.setObjectName("own_key")
        self.own_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self.stations_box)
        box.addWidget(self.table)
        box.addLayout(buttons)
        box.addWidget(self.own_key)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.hide()
        self.summary_label = QLabel()
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("summary")
        self.summary.setReadOnly(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.export_box)
        layout.addWidget(self.return_box)
        layout.addWidget(self.stations_box, 2)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.summary, 1)
        ctx.task_progress.connect(self._progressed)
        self.retranslate_ui()

    # ------------------------------------------------------------ the page contract

    def title(self) -> str:
        return self.tr("Data exchange")

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Data exchange"))
        self.export_box.setTitle(self.tr("Export a bundle for the district office"))
        self.target_label.setText(self.tr("Write to"))
        self.full.setText(self.tr("Everything (not only the changes)"))
        self.export_button.setText(self.tr("Export"))
        self.district_key_button.setText(self.tr("Import the district's key file…"))
        self.accept_district_button.setText(self.tr("Accept the district's new key…"))
        self.return_box.setTitle(self.tr("Return bundle from the district office"))
        self.import_return_button.setText(self.tr("Import return bundle…"))
        self.stations_box.setTitle(self.tr("Stations"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Last bundle"),
                self.tr("Imported"),
                self.tr("Missing"),
                self.tr("Key fingerprint"),
                self.tr("Visits"),
                self.tr("Items"),
                self.tr("Open items"),
                self.tr("Return bundles"),
            ]
        )
        self.import_folder_button.setText(self.tr("Import bundles from a folder…"))
        self.returns_button.setText(self.tr("Write return bundles…"))
        self.accept_key_button.setText(self.tr("Accept new key…"))
        self.key_file_button.setText(self.tr("Write the key file for stations…"))
        self.conflicts_button.setText(self.tr("Resolve conflicts…"))
        self.summary_label.setText(self.tr("Import summary"))
        self._fill_targets()
        self.refresh()

    def refresh(self) -> None:
        district = self.ctx.session.is_district
        self.export_box.setVisible(not district)
        self.return_box.setVisible(not district)
        self.stations_box.setVisible(district)
        if district:
            self._refresh_district()
        elif self.ctx.session.role:
            self._refresh_station()
        self._update_buttons()

    # ------------------------------------------------------------ station

    def _refresh_station(self) -> None:
        state = status.station_status(self.ctx.session)
        if state.last_export:
            last = self.tr("Last export: bundle %1 on %2, to %3").replace(
                "%1", str(state.last_export["sequence"])
            )
            last = last.replace("%2", local_time(state.last_export["created_at"]))
            last = last.replace("%3", state.last_export["path"])
        else:
            last = self.tr("Nothing exported yet.")
        waiting = (
            self.tr("%n change(s) not yet exported.", "", state.unexported)
            if state.unexported
            else self.tr("Every change has been exported.")
        )
        lines = [last, waiting, self._sealing_note(state)]
        if state.personal_data_owed:
            lines.append(
                self.tr(
                    "Visitors' names and phones left out of an earlier bundle go with the next encrypted bundle."
                )
            )
        if state.pending_district_fingerprint:
            lines.append(
                self.tr(
                    "A new district key %1 is waiting: compare its fingerprint with the district office by phone,"
                    " then accept it."
                ).replace("%1", state.pending_district_fingerprint)
            )
        self.export_status.setText("\n".join(lines))
        self.accept_district_button.setVisible(bool(state.pending_district_fingerprint))
        if state.last_return:
            text = self.tr("Last return bundle: %1, imported %2.").replace(
                "%1", str(state.last_return["sequence"])
            )
            text = text.replace("%2", local_time(state.last_return["imported_at"]))
        else:
            text = self.tr("No return bundle imported yet.")
        replies = self.tr(
            "%n item(s) with a reply to feed back to residents.", "", state.replies_to_feed_back
        )
        sealing = (
            self.tr(
                "Return bundles are encrypted for this station's key %1, which every bundle carries."
            ).replace("%1", state.own_sealing_fingerprint)
            if state.own_sealing_fingerprint
            else self.tr("Return bundles will be encrypted for this station once it has exported a bundle.")
        )
        self.return_status.setText(f"{text} {replies}\n{sealing}")

    def _sealing_note(self, state: status.StationStatus) -> str:
        if state.sealed_for_district:
            return self.tr("Bundles are encrypted for the district office (key %1).").replace(
                "%1", state.district_fingerprint
            )
        return self.tr(
            "The district's key is not here yet, so bundles cannot be encrypted and go without visitors' names"
            " and phones. Import the district's key file and compare its fingerprint with the office by phone."
        )

    def _fill_targets(self) -> None:
        current = self.target.currentData()
        self.target.clear()
        for drive in destinations():
            self.target.addItem(
                self.tr("USB drive %1 (%2)").replace("%1", drive.name).replace("%2", drive.path), drive.path
            )
        self.target.addItem(self.tr("Choose a folder…"), OTHER_FOLDER)
        index = self.target.findData(current)
        self.target.setCurrentIndex(max(index, 0))

    def export_bundle(self, folder: str | None = None) -> None:
        if self.busy:
            return
        without_personal_data = not status.station_status(self.ctx.session).sealed_for_district
        if without_personal_data and not self._confirm_without_personal_data():
            return
        chosen = folder or self.target.currentData()
        if not chosen or chosen == OTHER_FOLDER:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), str(Path.home()))
            if not chosen:
                return
        if not ensure_unlocked(self.ctx, self):
            return
        self._start(self.tr("Exporting…"))
        self.ctx.run_task(
            _export,
            str(chosen),
            self.full.isChecked(),
            without_personal_data,
            on_done=self._exported,
            on_error=self._failed,
            progress_label=self.tr("Exporting the bundle"),
        )

    def _confirm_without_personal_data(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Export without personal data"),
            self.tr(
                "This station does not hold the district's key yet, so the bundle cannot be encrypted: anyone who"
                " finds the stick could read it. Export it without visitors' names and phones? They go to the"
                " district with the first encrypted bundle, once the district's key file is imported."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exported(self, result: ExportResult) -> None:
        self._stop()
        self.last_export = result
        text = (
            self.tr("Bundle %1 written: %2 records.\n%3")
            .replace("%1", str(result.sequence))
            .replace("%2", str(result.records))
            .replace("%3", str(result.path))
        )
        if result.withheld:
            text += "\n" + self.tr("Not encrypted; without visitors' names and phones.")
        self.summary.setPlainText(text)
        self.refresh()

    def import_district_key(self, path: str | None = None) -> None:
        """Take the district's key file, after the clerk has compared its fingerprint with the office by phone."""
        if self.busy:
            return
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import the district's key file"),
                self._start_folder(),
                self.tr("District key files (*.liaison-key)"),
            )
            if not path:
                return
        try:
            key = district_key.read(path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Import the district's key file"), str(exc))
            return
        state = status.station_status(self.ctx.session)
        if state.district_fingerprint == key.fingerprint:
            question = self.tr("This station holds this district key already (fingerprint %1).")
        elif state.district_fingerprint:
            question = self.tr(
                "This key file holds a NEW district key, fingerprint:\n\n%1\n\nIt replaces the key registered"
                " here (%2). Phone the district office: accept it only if they read you the same fingerprint."
            )
        else:
            question = self.tr(
                "The district office's key, fingerprint:\n\n%1\n\nPhone the district office: accept it only"
                " if they read you the same fingerprint."
            )
        question = question.replace("%1", key.fingerprint).replace("%2", state.district_fingerprint)
        if state.district_fingerprint == key.fingerprint:
            QMessageBox.information(self, self.tr("Import the district's key file"), question)
            return
        answer = QMessageBox.question(self, self.tr("Import the district's key file"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.apply(district_key.install, path, compared=True, undoable=False)
        self.summary.setPlainText(
            self.tr(
                "The district's key is registered (fingerprint %1): bundles are encrypted for it."
            ).replace("%1", key.fingerprint)
        )
        self.refresh()

    def accept_district_key(self) -> None:
        """A district key a refused return bundle (or key file) brought, accepted by its fingerprint."""
        waiting = status.station_status(self.ctx.session).pending_district_fingerprint
        if not waiting:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Accept the district's new key"),
            self.tr(
                "Return bundles are signed with a new district key:\n\n%1\n\nAccept it only after the district"
                " office has read you the same fingerprint over the phone."
            ).replace("%1", waiting),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.apply(keys.accept_pending, keys.DISTRICT_PEER, waiting, undoable=False)
            self.refresh()

    def choose_return_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import return bundle"), self._start_folder(), self.tr("Bundles (*.liaison)")
        )
        if path:
            self.import_paths([path])

    # ------------------------------------------------------------ district

    def _refresh_district(self) -> None:
        own = keys.own_public(self.ctx.session.db, keys.SIGNING)
        self.own_key.setText(
            self.tr(
                "This office's key fingerprint: %1 (read it out to a station that imports the key file)."
            ).replace("%1", keys.fingerprint(own))
            if own
            else ""
        )
        rows = status.district_overview(self.ctx.session)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            missing = "、".join(str(n) for n in row.missing)
            fingerprint = row.fingerprint
            if row.pending_fingerprint:
                fingerprint += "  " + self.tr("(new key waiting: %1)").replace("%1", row.pending_fingerprint)
            values = [
                row.code,
                row.name,
                str(row.last_sequence or ""),
                local_time(row.last_imported_at),
                missing,
                fingerprint,
                str(row.visits),
                str(row.items),
                str(row.open_items),
                self.tr("Encrypted") if row.sealing_fingerprint else self.tr("Signed only"),
            ]
            cells = [QTableWidgetItem(value) for value in values]
            for c, item in enumerate(cells):
                if c == 4 and missing:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(r, c, item)
            sealing = cells[9]
            sealing.setToolTip(
                self.tr("Return bundles are encrypted for this station's key %1.").replace(
                    "%1", row.sealing_fingerprint
                )
                if row.sealing_fingerprint
                else self.tr(
                    "Not yet encrypted: return bundles are only signed until a bundle from this station brings"
                    " its encryption key."
                )
            )
            if not row.sealing_fingerprint:
                sealing.setForeground(Qt.GlobalColor.darkYellow)
        count = status.open_conflicts(self.ctx.session)
        self.conflicts.setText(self.tr("%n conflict(s) to resolve", "", count) if count else "")
        self.conflicts_button.setVisible(count > 0)

    def selected_codes(self) -> list[str]:
        return self._codes(sorted({index.row() for index in self.table.selectedIndexes()}))

    def _codes(self, rows: Iterable[int]) -> list[str]:
        cells = (self.table.item(r, 0) for r in rows)
        return [cell.text() for cell in cells if cell is not None]

    def choose_folder_to_import(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Import bundles from folder"), self._start_folder()
        )
        if folder:
            self.import_paths([folder])

    def choose_folder_for_returns(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Write return bundles to"), self._start_folder()
        )
        if folder:
            self.write_returns(folder)

    def write_returns(self, folder: str, codes: list[str] | None = None) -> None:
        codes = codes or self.selected_codes() or self._codes(range(self.table.rowCount()))
        if self.busy or not codes or not ensure_unlocked(self.ctx, self):
            return
        self._start(self.tr("Writing return bundles…"))
        self.ctx.run_task(
            _export_returns,
            folder,
            codes,
            on_done=self._returns_written,
            on_error=self._failed,
            progress_label=self.tr("Writing return bundles"),
        )

    def _returns_written(self, results: list[ExportResult]) -> None:
        self._stop()
        lines = [
            (
                self.tr("Return bundle %1 for %2, encrypted for the station: %3")
                if r.sealed
                else self.tr(
                    "Return bundle %1 for %2, signed only and NOT encrypted (no encryption key from the station"
                    " yet; import one of its bundles first): %3"
                )
            )
            .replace("%1", str(r.sequence))
            .replace("%2", r.station_code)
            .replace("%3", str(r.path))
            for r in results
        ]
        self.summary.setPlainText("\n".join(lines))

    def write_key_file(self, folder: str | None = None) -> None:
        """The district's public keys, for the stations to import before their first export."""
        if self.busy:
            return
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, self.tr("Write the key file to"), self._start_folder()
            )
            if not folder:
                return
        if not ensure_unlocked(self.ctx, self):  # the file is signed with the district's key
            return
        self._start(self.tr("Writing the key file…"))
        self.ctx.run_task(
            _write_key_file,
            folder,
            on_done=self._key_file_written,
            on_error=self._failed,
            progress_label=self.tr("Writing the key file"),
        )

    def _key_file_written(self, written: tuple[Path, str]) -> None:
        self._stop()
        path, fingerprint = written
        self.summary.setPlainText(
            self.tr(
                "The district's key file is written:\n%1\nFingerprint: %2\nGive it to the stations. When a"
                " station imports it, read this fingerprint to its clerk over the phone."
            )
            .replace("%1", str(path))
            .replace("%2", fingerprint)
        )

    def accept_key(self) -> None:
        codes = self.selected_codes()
        if len(codes) != 1:
            return
        code = codes[0]
        pending = [k for k in keys.peer_keys(self.ctx.session.db, code) if k.status == "pending"]
        if not pending:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Accept new key"),
            self.tr(
                "Station %1 signs its bundles with a new key:\n\n%2\n\nAccept it only after the station has read"
                " the same fingerprint to you over the phone."
            )
            .replace("%1", code)
            .replace("%2", pending[-1].fingerprint),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.apply(keys.accept_pending, code, pending[-1].fingerprint)

    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.ctx, self)
        dialog.finished.connect(lambda _: self.refresh())
        dialog.open()
        return dialog

    # ------------------------------------------------------------ both

    def import_paths(self, paths: list[str]) -> None:
        if self.busy or not ensure_unlocked(self.ctx, self):  # sealed bundles open with this database's key
            return
        self._start(self.tr("Importing…"))
        self.progress.setRange(0, 0)
        self.ctx.run_task(
            _import,
            paths,
            on_done=self._imported,
            on_error=self._failed,
            progress_label=self.tr("Importing bundles"),
        )

    def _imported(self, run: ImportRun) -> None:
        self._stop()
        self.last_run = run
        lines: list[str] = []
        for bundle in run.bundles:
            lines += bundle.lines()
        lines += [note.render() for note in run.gap_notes()]
        self.summary.setPlainText("\n".join(lines))
        self.ctx.notify_changed("", source=self)
        self.refresh()

    def _failed(self, message: str) -> None:
        self._stop()
        self.summary.setPlainText(message)
        if not isinstance(message, Unexpected):  # a bug has the error dialog already
            QMessageBox.warning(self, self.tr("Data exchange"), message)

    def _progressed(self, label: str, value: int, maximum: int) -> None:
        if self.busy and maximum:
            self.progress.setRange(0, maximum)
            self.progress.setValue(value)

    def _start(self, message: str) -> None:
        self.busy = True
        self.summary.setPlainText(message)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_buttons()

    def _stop(self) -> None:
        self.busy = False
        self.progress.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self.busy
        for button in (
            self.export_button,
            self.import_return_button,
            self.import_folder_button,
            self.returns_button,
            self.key_file_button,
            self.district_key_button,
            self.accept_district_button,
        ):
            button.setEnabled(idle)
        codes = self.selected_codes() if self.stations_box.isVisible() or self.ctx.session.is_district else []
        pending = (
            bool(codes)
            and len(codes) == 1
            and any(k.status == "pending" for k in keys.peer_keys(self.ctx.session.db, codes[0]))
        )
        self.accept_key_button.setEnabled(idle and pending)

    def _start_folder(self) -> str:
        drives = destinations()
        return drives[0].path if drives else str(Path.home())
