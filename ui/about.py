"""Help ▸ About: the version, what it runs on, and the licences of everything bundled with it.

The component list is resources/licenses/components.json (written by scripts/collect_licenses.py); the CJK
font is added from wherever app.fonts found it, with the licence file shipped beside it.
"""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import __version__, i18n
from app.fonts import find_cjk_font
from app.resources import resource_path


@dataclass(frozen=True)
class BundledComponent:
    name: str
    purpose: str  # in the current language
    version: str
    license: str
    source: str
    license_files: tuple[Path, ...]


def _installed_version(distribution: str) -> str:
    if not distribution:
        return ""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # a frozen build without that package's metadata
        return ""


def bundled_components() -> list[BundledComponent]:
    """Every bundled component with its licence files, in the order the dialog lists them."""
    folder = resource_path("licenses")
    english = i18n.current_language() == "en"
    components = []
    listing = folder / "components.json"
    entries = json.loads(listing.read_text(encoding="utf-8")) if listing.is_file() else []
    for entry in entries:
        version = _installed_version(entry.get("distribution", ""))
        if entry["name"] == "Python":
            version = platform.python_version()
        elif entry["name"].startswith("Qt 6"):
            version = f"Qt {qVersion()}, PySide6 {PySide6.__version__}"
        components.append(
            BundledComponent(
                name=entry["name"],
                purpose=entry["purpose_en"] if english else entry["purpose_zh"],
                version=version,
                license=entry["license"],
                source=entry["source"],
                license_files=tuple(folder / name for name in entry["files"]),
            )
        )
    font = find_cjk_font()
    if font is not None:
        beside = font.path.parent / f"LICENSE-{font.path.stem}.txt"
        if not beside.is_file():  # a system font (a source checkout): the distribution's own copyright file
            beside = Path("/usr/share/doc") / f"fonts-{font.path.stem}" / "copyright"
        is_wqy = font.path.name.lower().startswith("wqy-")
        components.append(
            BundledComponent(
                name=font.path.name,
                purpose="Chinese font for the window and PDFs" if english else "界面与PDF的中文字体",
                version="",
                license="GPL-2.0 with font embedding exception" if is_wqy else "see licence file",
                source="http://wenq.org/" if is_wqy else str(font.path),
                license_files=(beside, folder / "GPL-2.0.txt") if is_wqy else (beside,),
            )
        )
    return components


def license_text(component: BundledComponent) -> str:
    parts = []
    for path in component.license_files:
        if path.is_file():
            parts.append(f"==== {path.name} ====\n\n{path.read_text(encoding='utf-8', errors='replace')}")
    return "\n\n".join(parts)


class AboutDialog(QDialog):
    NAME, VERSION, LICENSE, PURPOSE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.components = bundled_components()
        self.resize(820, 620)

        self.icon_label = QLabel()
        icon = resource_path("icons", "app.png")
        if icon.is_file():
            self.icon_label.setPixmap(
                QPixmap(str(icon)).scaled(
                    80, 80, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
        self.title_label = QLabel()
        self.title_label.setObjectName("aboutTitle")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label = QLabel()
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        heading = QVBoxLayout()
        heading.addWidget(self.title_label)
        heading.addWidget(self.details_label)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.table = QTableWidget(len(self.components), 4)
        self.table.setObjectName("componentsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, component in enumerate(self.components):
            for column, value in (
                (self.NAME, component.name),
                (self.VERSION, component.version),
                (self.LICENSE, component.license),
                (self.PURPOSE, component.purpose),
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(component.source)
                self.table.setItem(row, column, item)
        self.license_view = QPlainTextEdit()
        self.license_view.setObjectName("licenseText")
        self.license_view.setReadOnly(True)
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.license_view)
        splitter.setSizes([260, 240])

        self.hint_label = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.table.currentCellChanged.connect(lambda row, *_: self.show_license(row))
        self.retranslate_ui()
        if self.components:
            self.table.selectRow(0)

    def show_license(self, row: int) -> None:
        if 0 <= row < len(self.components):
            component = self.components[row]
            self.license_view.setPlainText(
                f"{component.name} — {component.source}\n\n{license_text(component)}"
            )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("About Liaison Desk"))
        name = self.tr("Liaison Desk")
        version = self.tr("Version %1").replace("%1", __version__)
        self.title_label.setText(f"<h2>{name}</h2><p>{version}</p>")
        font = find_cjk_font()
        self.details_label.setText(
            "\n".join(
                (
                    self.tr("Offline workbench for deputy liaison stations and the district office."),
                    self.tr("Runs on Python %1, Qt %2, PySide6 %3.")
                    .replace("%1", platform.python_version())
                    .replace("%2", qVersion())
                    .replace("%3", PySide6.__version__),
                    self.tr("Chinese font: %1").replace(
                        "%1", font.path.name if font else self.tr("none found")
                    ),
                )
            )
        )
        self.hint_label.setText(self.tr("Bundled components and their licences (select one to read it):"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence"), self.tr("Used for")]
        )


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog (modal to the window) and return it."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
