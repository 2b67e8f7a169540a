"""The dashboard (admin only): today / 7 days / this month, one card per panel, with charts.

Cards are drawn from whatever panels the dashboard service returns, so a panel added by another
feature appears without changes here. The reports, certificates and export-folder screens are
reached from this page's header.
"""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from kiosk.features.reports.service.dashboard import ChartKind, DashboardService, Panel, Span
from kiosk.features.reports.ui.charts import chart_view, make_chart
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.theme import MIN_TARGET_PX, Theme
from kiosk.platform.ui.util import button

COLUMNS = 3
CHART_HEIGHT = 300


class PanelCard(QFrame):
    """One panel: its title, its figures, its chart, its extra lines."""

    def __init__(self, panel: Panel, language: str, theme: Theme) -> None:
        super().__init__()
        self.setProperty("card", True)
        self.setObjectName(f"dashboard_{panel.key}")
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 16, 22, 16)
        layout.setSpacing(6)
        title = QLabel(panel.title.pick(language))
        title.setProperty("role", "section")
        layout.addWidget(title)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for row, figure in enumerate(panel.figures):
            label = QLabel(figure.label.pick(language))
            label.setProperty("role", "muted")
            value = QLabel(figure.value.pick(language))
            value.setProperty("role", "lead")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if figure.tone:
                value.setProperty("tone", "question" if figure.tone == "warn" else figure.tone)
            value.setObjectName(f"figure_{panel.key}_{row}")
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            self.figures[figure.label.pick(language)] = value
        layout.addLayout(grid)
        self.chart: QChartView | None = None
        if panel.chart is not ChartKind.NONE:
            palette = theme.palette
            chart = make_chart(
                panel, language, theme.sizes.small - 2, palette.primary, palette.text
            )
            self.chart = chart_view(chart)
            self.chart.setMinimumHeight(CHART_HEIGHT)
            layout.addWidget(self.chart, 1)
        for line in panel.lines:
            text = QLabel(line.pick(language))
            text.setProperty("role", "muted")
            text.setWordWrap(True)  # alert lines name medicine and batches: long in English
            layout.addWidget(text)
        layout.addStretch(0)


class DashboardPage(Page):
    """Signals:
    back_requested(): return to the admin page.
    report_requested(): open the monthly report screen.
    certificates_requested(): open the hours certificates screen.
    folder_requested(): choose where exports, reports and certificates are written.
    """

    back_requested = Signal()
    report_requested = Signal()
    certificates_requested = Signal()
    folder_requested = Signal()

    def __init__(
        self,
        dashboard: DashboardService,
        language: LanguageSwitch,
        theme: Theme,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(language, theme, parent)
        self._dashboard = dashboard
        self._span = Span.TODAY
        self.cards: dict[str, PanelCard] = {}

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.range_label = QLabel()
        self.range_label.setProperty("role", "muted")
        self.spans: dict[Span, QPushButton] = {}
        group = QButtonGroup(self)
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.title)
        header.addWidget(self.range_label, 1)
        for span in Span:
            choice = button(height=MIN_TARGET_PX)
            choice.setCheckable(True)
            choice.setObjectName(f"dashboard_span_{span.value}")
            group.addButton(choice)
            self.spans[span] = choice
            header.addWidget(choice)
            choice.clicked.connect(lambda _=False, s=span: self.show_span(s))
        self.spans[Span.TODAY].setChecked(True)

        self.report_button = button("", "book", theme.palette.icon, height=MIN_TARGET_PX)
        self.report_button.setObjectName("dashboard_report")
        self.certificates_button = button("", "badge", theme.palette.icon, height=MIN_TARGET_PX)
        self.certificates_button.setObjectName("dashboard_certificates")
        self.folder_button = button("", "folder", theme.palette.icon, height=MIN_TARGET_PX)
        self.folder_button.setObjectName("dashboard_folder")
        self.back_button = button("primary", "back", "#FFFFFF", height=MIN_TARGET_PX)
        self.back_button.setObjectName("dashboard_back")
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.report_button)
        actions.addWidget(self.certificates_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        actions.addWidget(self.back_button)

        self.body = QWidget()
        self.body.setObjectName("page")  # the page's background under the cards
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(18)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 20, 40, 20)
        layout.setSpacing(14)
        layout.addLayout(header)
        layout.addLayout(actions)
        layout.addWidget(self.scroll_area, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.report_button.clicked.connect(self.report_requested)
        self.certificates_button.clicked.connect(self.certificates_requested)
        self.folder_button.clicked.connect(self.folder_requested)
        self.retranslate()

    def open(self) -> None:
        """Today's figures, read now."""
        self.show_span(Span.TODAY)

    @Slot()
    def show_span(self, span: Span) -> None:
        self._span = span
        self.spans[span].setChecked(True)
        self._fill()

    def _fill(self) -> None:
        self._clear()
        window = self._dashboard.window(self._span)
        first, last = window.first_day, window.last_day
        self.range_label.setText(
            first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"
        )
        for index, panel in enumerate(self._dashboard.panels(self._span)):
            card = PanelCard(panel, self.lang, self.theme)
            self.cards[panel.key] = card
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
        for column in range(COLUMNS):
            self.grid.setColumnStretch(column, 1)

    def _clear(self) -> None:
        for card in self.cards.values():
            self.grid.removeWidget(card)
            card.hide()  # gone from the screen now, not at the next event loop
            card.deleteLater()
        self.cards = {}

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        names = {
            Span.TODAY: self.tr("Today"),
            Span.WEEK: self.tr("7 days"),
            Span.MONTH: self.tr("This month"),
        }
        for span, choice in self.spans.items():
            choice.setText(names[span])
        self.report_button.setText(self.tr("Monthly report"))
        self.certificates_button.setText(self.tr("Hours certificates"))
        self.folder_button.setText(self.tr("Export folder"))
        self.back_button.setText(self.tr("Back"))
        if self.cards:
            self._fill()

    def theme_changed(self) -> None:
        if self.cards:
            self._fill()

    def reset(self) -> None:
        self._clear()
        self._span = Span.TODAY
        self.spans[Span.TODAY].setChecked(True)
