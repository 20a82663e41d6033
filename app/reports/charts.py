"""Charts drawn with reportlab's own graphics (vector, same font as the text), each with a title, axis
labels and the value on every bar, so they read correctly when printed in black and white."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

BAR = colors.HexColor("#3c6e9f")
TEXT = colors.HexColor("#333333")


def _nice_max(value: int) -> int:
    """A round axis maximum a little above the largest bar, leaving room for the bar's label."""
    top = max(1, int(value * 1.15) + 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return ((top + step - 1) // step) * step
    return top


def _step(maximum: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if maximum / step <= 6:
            return step
    return max(1, maximum // 5)


def _titled_drawing(title: str, width: float, height: float, font: str) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer otherwise starts each drawing in Helvetica, which would be listed unembedded in the PDF.
    drawing.initialFontName = font
    drawing.add(
        String(
            width / 2, height - 12, title, fontName=font, fontSize=9.5, textAnchor="middle", fillColor=TEXT
        )
    )
    return drawing


def _style_values(
    chart: VerticalBarChart | HorizontalBarChart, largest: int, font: str, *, label_nudge: float
) -> None:
    """The value axis from 0 to a round top with a light grid, and each bar labelled with its count."""
    top = _nice_max(largest)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = _step(top)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 6.5
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = label_nudge


def column_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    font: str,
    unit: str,
    width: float,
    height: float,
) -> Drawing:
    """Vertical bars, one per label (e.g. the last 12 months)."""
    drawing = _titled_drawing(title, width, height, font)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 34
    chart.width, chart.height = width - 42, height - 66
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 45 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    chart.categoryAxis.labels.dy = -2
    _style_values(chart, max(values, default=0), font, label_nudge=5)
    drawing.add(chart)
    drawing.add(String(4, height - 22, unit, fontName=font, fontSize=6.5, fillColor=TEXT))
    return drawing


def bar_chart(
    title: str,
    labels: Sequence[str],
    values: Sequence[int],
    *,
    font: str,
    unit: str,
    width: float,
    height: float,
) -> Drawing:
    """Horizontal bars, largest first (e.g. items by category), so long Chinese labels stay readable."""
    drawing = _titled_drawing(title, width, height, font)
    pairs = sorted(zip(labels, values, strict=True), key=lambda p: p[1]) or [("", 0)]
    chart = HorizontalBarChart()
    # A bar is never thicker than 16 points: with few categories the chart is shorter, not fatter.
    plot_height = min(height - 44, 16 * len(pairs) + 8)
    chart.x, chart.y = 58, height - 22 - plot_height
    chart.width, chart.height = width - 78, plot_height
    chart.data = [[v for _l, v in pairs]]
    chart.categoryAxis.categoryNames = [label for label, _v in pairs]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    _style_values(chart, max((v for _l, v in pairs), default=0), font, label_nudge=7)
    drawing.add(chart)
    drawing.add(
        String(width - 4, chart.y - 20, unit, fontName=font, fontSize=6.5, textAnchor="end", fillColor=TEXT)
    )
    return drawing
