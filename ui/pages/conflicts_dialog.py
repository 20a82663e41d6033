"""Records changed both at the office and at a station since they last met: each with the columns that differ,
and a choice of the copy to keep (app.sync.conflicts)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.sync import conflicts
from ui.context import AppContext


class ConflictsDialog(QDialog):
    """Records changed on both sides: each with the columns that differ; keep either copy."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Conflicts"))
        self.resize(760, 420)
        self.list = QListWidget()
        self.list.setObjectName("conflict_list")
        self.list.setWordWrap(True)
        self.keep_kept = QPushButton(self.tr("Keep the copy in use"))
        self.keep_kept.setObjectName("keep_kept")
        self.keep_other = QPushButton(self.tr("Keep the other copy"))
        self.keep_other.setObjectName("keep_other")
        self.keep_kept.clicked.connect(lambda: self.resolve(conflicts.KEEP_KEPT))
        self.keep_other.clicked.connect(lambda: self.resolve(conflicts.KEEP_OTHER))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.keep_kept)
        row.addWidget(self.keep_other)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These records were changed both here and at a station since they last met."))
        )
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for conflict in conflicts.open_conflicts(self.ctx.session):
            lines = [
                self.tr("#%1 %2 (other copy from %3)")
                .replace("%1", str(conflict.id))
                .replace(
                    "%2", conflict.kept.get("title") or conflict.kept.get("name") or conflict.record_uuid[:8]
                )
                .replace("%3", conflict.other_from)
            ]
            labels = self._column_labels()
            follows_history = conflicts.HANDLING.get(conflict.table, frozenset())
            for column, (kept, other) in conflict.differences().items():
                if column in follows_history:
                    continue  # an item's handling follows its merged workflow history, not this choice
                lines.append(f"    {labels.get(column, column)}: {kept or '—'}  ⇄  {other or '—'}")
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, conflict.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        for button in (self.keep_kept, self.keep_other):
            button.setEnabled(self.list.count() > 0)

    def _column_labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Title"),
            "content": self.tr("Content"),
            "category": self.tr("Category"),
            "community": self.tr("Community"),
            "department": self.tr("Department"),
            "due_date": self.tr("Due date"),
            "reply": self.tr("Reply"),
            "status": self.tr("Status"),
            "satisfaction": self.tr("Satisfaction"),
            "name": self.tr("Name"),
            "phone": self.tr("Phone"),
            "date": self.tr("Date"),
            "raised": self.tr("Raised"),
            "visitor_name": self.tr("Visitor"),
            "headcount": self.tr("Headcount"),
            "delegation": self.tr("Delegation"),
            "professional_group": self.tr("Professional group"),
            "theme": self.tr("Theme"),
            "notes": self.tr("Notes"),
        }

    def resolve(self, keep: str) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.ctx.apply(conflicts.resolve, int(item.data(Qt.ItemDataRole.UserRole)), keep)
        self.reload()
