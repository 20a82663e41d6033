"""A checkable list of deputies (those stationed here are the ones offered)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.domain import DeputyLevel
from app.views.common import DeputyRow


class DeputyPicker(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaximumHeight(150)
        self.setUniformItemSizes(True)

    def set_deputies(self, deputies: Sequence[DeputyRow], checked: list[str] | None = None) -> None:
        keep = set(checked if checked is not None else self.checked())
        self.clear()
        for deputy in deputies:
            item = QListWidgetItem(f"{deputy['name']}（{DeputyLevel(deputy['level']).label}）")
            item.setData(Qt.ItemDataRole.UserRole, deputy["uuid"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if deputy["uuid"] in keep else Qt.CheckState.Unchecked)
            self.addItem(item)

    def checked(self) -> list[str]:
        return [
            self.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.count())
            if self.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, uuids: list[str]) -> None:
        wanted = set(uuids)
        for row in range(self.count()):
            item = self.item(row)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)

    def check_name(self, name: str) -> bool:
        """Tick the deputy whose label starts with name (what a clerk does by clicking)."""
        for row in range(self.count()):
            item = self.item(row)
            if item.text().startswith(name):
                item.setCheckState(Qt.CheckState.Checked)
                return True
        return False
