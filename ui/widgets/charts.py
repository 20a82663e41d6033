"""The dashboard's charts (QtCharts). Each is rebuilt from plain numbers, so the page stays a thin view."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QApplication, QWidget

PALETTE = ("#1e88e5", "#43a047", "#fb8c00", "#8e24aa", "#e53935", "#00897b", "#6d4c41", "#3949ab")


class ChartView(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.dark = False

    def _new_chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTheme(QChart.ChartTheme.ChartThemeDark if self.dark else QChart.ChartTheme.ChartThemeLight)
        chart.setBackgroundRoundness(4)
        chart.setMargins(QMargins(4, 4, 4, 4))
        font = QFont(QApplication.font())
        font.setPointSize(max(font.pointSize(), 9))
        title_font = QFont(font)
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.setTitle(title)
        chart.legend().setFont(font)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self._font = font
        return chart

    def show_columns(
        self, title: str, labels: Sequence[str], values: Sequence[int], series_name: str
    ) -> None:
        """Vertical bars, one per label (e.g. person-visits per month)."""
        chart = self._new_chart(title)
        bars = QBarSet(series_name)
        bars.append([float(v) for v in values])
        bars.setColor(QColor(PALETTE[0]))
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideEnd)
        bars.setLabelColor(QColor("#ffffff"))
        bars.setLabelFont(self._font)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(list(labels))
        axis_x.setLabelsFont(self._font)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = _value_axis(values, self._font)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(False)
        self.setChart(chart)

    def show_rows(self, title: str, labels: Sequence[str], values: Sequence[int], series_name: str) -> None:
        """Horizontal bars, largest first at the top (e.g. items by category)."""
        chart = self._new_chart(title)
        bars = QBarSet(series_name)
        # Qt draws the first category at the bottom; reverse so the largest is read first.
        bars.append([float(v) for v in reversed(values)])
        bars.setColor(QColor(PALETTE[1]))
        bars.setLabelColor(QColor("#ffffff"))
        bars.setLabelFont(self._font)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append(list(reversed(labels)))
        axis_y.setLabelsFont(self._font)
        axis_y.setTruncateLabels(False)  # category names are short Chinese words; show them whole
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        axis_x = _value_axis(values, self._font)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        chart.legend().setVisible(False)
        self.setChart(chart)

    def show_pie(self, title: str, labels: Sequence[str], values: Sequence[int]) -> None:
        chart = self._new_chart(title)
        series = QPieSeries()
        for index, (label, value) in enumerate(zip(labels, values, strict=True)):
            piece = series.append(f"{label} {value}", float(value))
            piece.setColor(QColor(PALETTE[index % len(PALETTE)]))
            piece.setLabelVisible(False)
        series.setHoleSize(0.35)
        chart.addSeries(series)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setChart(chart)

    def total(self) -> float:
        """The sum of everything drawn (tests use it to tell an empty chart from a filled one)."""
        chart = self.chart()
        total = 0.0
        for series in chart.series():
            if isinstance(series, QPieSeries):
                total += series.sum()
            elif isinstance(series, (QBarSeries, QHorizontalBarSeries)):
                for bar_set in series.barSets():
                    total += sum(bar_set.at(i) for i in range(bar_set.count()))
        return total


def _value_axis(values: Sequence[int], font: QFont) -> QValueAxis:
    axis = QValueAxis()
    top = max([int(v) for v in values] + [1])
    # Whole numbers only (these are counts), on round steps.
    step = next(
        s
        for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000, 10**4, 10**5, 10**6)
        if top / s <= 5
    )
    ticks = -(-top // step)
    axis.setRange(0, ticks * step)
    axis.setTickCount(ticks + 1)
    axis.setLabelFormat("%d")
    axis.setLabelsFont(font)
    return axis
