"""Adding a deputy to the roster by hand (the roster usually comes from the district as a file)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import DeputyLevel, Gender
from app.errors import UserError
from app.services import deputies as deputy_service
from ui.context import AppContext
from ui.widgets.field_errors import FieldErrors


class DeputyDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saved_uuid: str | None = None
        self.setObjectName("DeputyDialog")
        self.setMinimumWidth(460)
        self.errors = FieldErrors()
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.level = QComboBox()
        self.level.setObjectName("level")
        for level in DeputyLevel:
            self.level.addItem(level.label, level.value)
        self.level.setCurrentIndex(self.level.findData(DeputyLevel.DISTRICT.value))
        self.gender = QComboBox()
        self.gender.setObjectName("gender")
        self.gender.addItem("", "")
        for gender in Gender:
            self.gender.addItem(gender.label, gender.value)
        self.deputy_no = QLineEdit()
        self.deputy_no.setObjectName("deputy_no")
        self.delegation = QLineEdit()
        self.delegation.setObjectName("delegation")
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.group = QLineEdit()
        self.group.setObjectName("professional_group")
        self.station_here = QCheckBox()
        self.station_here.setObjectName("station_here")
        self.station_here.setChecked(ctx.session.local_station_uuid() is not None)
        self.station_here.setEnabled(ctx.session.local_station_uuid() is not None)
        self.labels = [QLabel() for _ in range(7)]
        form = QFormLayout()
        for label, field, widget in zip(
            self.labels,
            ("name", "level", "gender", "deputy_no", "delegation", "phone", "professional_group"),
            (self.name, self.level, self.gender, self.deputy_no, self.delegation, self.phone, self.group),
            strict=True,
        ):
            form.addRow(label, self.errors.wrap(field, widget))
        form.addRow("", self.station_here)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Add a deputy"))
        captions = (
            self.tr("Name"),
            self.tr("Level"),
            self.tr("Gender"),
            self.tr("Deputy number"),
            self.tr("Delegation / constituency"),
            self.tr("Phone"),
            self.tr("Professional group"),
        )
        for label, caption in zip(self.labels, captions, strict=True):
            label.setText(caption)
        self.station_here.setText(self.tr("Stationed at this station"))

    def save(self) -> bool:
        try:
            uuid = self._create()
        except UserError as exc:
            self.errors.show(exc)
            return False
        self.saved_uuid = uuid
        self.accept()
        return True

    def _create(self) -> str:
        station = self.ctx.session.local_station_uuid() if self.station_here.isChecked() else None
        return str(
            self.ctx.apply(
                deputy_service.create,
                station_uuid=station,  # added and stationed together, or not at all
                name=self.name.text(),
                level=self.level.currentData(),
                gender=self.gender.currentData(),
                deputy_no=self.deputy_no.text(),
                delegation=self.delegation.text(),
                phone=self.phone.text(),
                professional_group=self.group.text(),
            )
        )
