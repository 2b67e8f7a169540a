"""QtCharts of dashboard panels, for the screen and for the monthly report's PDF.

Every text of a chart (axis labels, legend, slice labels) is set in the application's font,
the Chinese-capable one the bootstrap chose: QtCharts otherwise picks its own default font and
Chinese service names come out as empty boxes.
"""

from __future__ import annotations

import html

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
from PySide6.QtCore import QMargins, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from kiosk.features.reports.service.dashboard import ChartKind, Panel

# Warm, distinguishable colours for slices (the theme's primary first).
SLICE_COLOURS = (
    "#9C3D1E",
    "#1F5A88",
    "#1D6B38",
    "#8A4B00",
    "#6B3F8F",
    "#2F7F7A",
    "#B0642A",
    "#5C4A3A",
    "#A3261B",
)
MAX_BARS = 10  # a bar chart of more services is unreadable on a card: the rest go into "other"


def chart_font(pixel_size: int, bold: bool = False) -> QFont:
    """The application's font at `pixel_size`."""
    app = QApplication.instance()
    font = QFont(app.font()) if isinstance(app, QApplication) else QFont()
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    return font


def _bars(panel: Panel, language: str) -> list[tuple[str, float]]:
    bars = [(bar.label.pick(language), bar.value) for bar in panel.bars]
    if len(bars) > MAX_BARS and panel.chart is not ChartKind.BAR:  # BAR: a time series, all kept
        rest = sum(value for _label, value in bars[MAX_BARS - 1 :])
        bars = [*bars[: MAX_BARS - 1], ("其他" if language == "zh" else "Other", rest)]
    return bars


def make_chart(
    panel: Panel, language: str, text_px: int, colour: str = "#9C3D1E", text: str = "#2A1F16"
) -> QChart:
    """A chart of `panel`'s bars (a bar chart or a pie), labelled in `language`."""
    chart = QChart()
    chart.setBackgroundVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    font = chart_font(text_px)
    chart.setFont(font)
    legend = chart.legend()
    legend.setFont(font)
    legend.setLabelColor(QColor(text))
    bars = _bars(panel, language)
    if panel.chart is ChartKind.PIE:
        pie = QPieSeries()
        for index, (label, value) in enumerate(bars):
            piece = pie.append(f"{label} {value:g}", value)
            piece.setBrush(QColor(SLICE_COLOURS[index % len(SLICE_COLOURS)]))
            piece.setLabelFont(font)
            piece.setLabelColor(QColor(text))
        chart.addSeries(pie)
        legend.setAlignment(Qt.AlignmentFlag.AlignRight)
        legend.setVisible(bool(bars))
        return chart
    horizontal = panel.chart is ChartKind.HBAR
    if horizontal:
        bars = bars[::-1]  # the first (largest) on top
    row = _bar_set(panel, language, colour, text, font, bars)
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    series.append(row)
    series.setLabelsVisible(len(bars) <= 16)  # a month of day bars: the axis says enough
    series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(series)
    axis_x = QBarCategoryAxis()
    axis_x.append([_two_lines(label) if horizontal else label for label, _ in bars] or [""])
    axis_x.setLabelsFont(font)
    axis_x.setLabelsColor(QColor(text))
    axis_y = QValueAxis()
    top = max((value for _label, value in bars), default=0.0)
    axis_y.setRange(0, max(1.0, top * 1.15))
    axis_y.applyNiceNumbers()
    axis_y.setLabelFormat("%.0f" if top >= 5 else "%.1f")
    axis_y.setLabelsFont(font)
    axis_y.setLabelsColor(QColor(text))
    if horizontal:
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignBottom)
    else:
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    legend.setVisible(False)
    return chart


WRAP_AT = 14  # characters: a longer bar label goes on two lines instead of being cut ("e...")


def _two_lines(label: str) -> str:
    """A long label of a bar on two lines, broken at the space nearest its middle (axis labels
    are rich text: "<br>" breaks, the rest is escaped); short ones as they are."""
    if len(label) <= WRAP_AT or " " not in label:
        return html.escape(label)
    middle = len(label) // 2
    at = min((i for i, ch in enumerate(label) if ch == " "), key=lambda i: abs(i - middle))
    return f"{html.escape(label[:at])}<br>{html.escape(label[at + 1 :])}"


def _bar_set(
    panel: Panel,
    language: str,
    colour: str,
    text: str,
    font: QFont,
    bars: list[tuple[str, float]],
) -> QBarSet:
    row = QBarSet(panel.unit.pick(language) if panel.unit else "")
    row.setBrush(QBrush(QColor(colour)))
    row.setLabelColor(QColor(text))
    row.setLabelFont(font)
    for _label, value in bars:
        row.append(value)
    return row


def chart_view(chart: QChart) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setStyleSheet("background: transparent; border: none;")
    return view


def chart_image(panel: Panel, language: str, size: QSize, text_px: int) -> QImage:
    """`panel`'s chart drawn into an image (GUI thread only: QtCharts are graphics widgets)."""
    chart = make_chart(panel, language, text_px)
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, size.width(), size.height()))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(image.rect()), QRectF(0, 0, size.width(), size.height()))
    painter.end()
    scene.clear()  # the scene owns the chart: delete it now, on this thread
    return image
