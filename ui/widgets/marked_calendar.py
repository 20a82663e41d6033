"""A month calendar that marks some days (the reception days) with a dot under the number.

Painted in paintCell rather than through date text formats, because the theme's style sheet paints item
backgrounds over those formats."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen
from PySide6.QtWidgets import QCalendarWidget, QWidget

from ui import local_time

MARK = QColor("#1e88e5")


class MarkedCalendar(QCalendarWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marked: set[QDate] = set()
        # Opens on the app's today, which tests and demos may set apart from the wall clock.
        self.setSelectedDate(local_time.today())

    def set_marked(self, days: list[QDate]) -> None:
        self.marked = set(days)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, date: QDate) -> None:  # noqa: N802 (Qt's name)
        super().paintCell(painter, rect, date)
        if date not in self.marked:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(MARK)
        pen.setWidth(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(MARK))
        radius = max(2.5, rect.height() / 14)
        painter.drawEllipse(QPointF(rect.center().x() + 0.5, rect.bottom() - 3 * radius), radius, radius)
        painter.restore()
