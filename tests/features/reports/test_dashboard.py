"""The dashboard from the admin screen: the figures and charts it shows for each span."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QHorizontalBarSeries, QPieSeries
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.features.reports.service.dashboard import Span
from kiosk.features.reports.ui.dashboard import PanelCard
from kiosk.shell.main_window import MainWindow
from tests.features.reports.conftest import Kiosk, open_admin
from tests.kiosk_fixtures import tap


def open_dashboard(qtbot: QtBot, window: MainWindow) -> None:
    open_admin(qtbot, window)
    tap(qtbot, window.flow("admin").console.dashboard_button)
    assert window.current_page() is window.flow("reports").dashboard


def bar_chart(card: PanelCard) -> dict[str, float]:
    assert card.chart is not None
    chart = card.chart.chart()
    series = chart.series()[0]
    assert isinstance(series, QBarSeries | QHorizontalBarSeries)
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    row = series.barSets()[0]
    return {axis.at(i): row.at(i) for i in range(row.count())}


def figures(card: PanelCard) -> dict[str, str]:
    return {label: value.text() for label, value in card.figures.items()}


def test_dashboard_shows_the_seeded_figures(qtbot: QtBot, seeded: Kiosk) -> None:
    window, services = seeded
    open_dashboard(qtbot, window)
    page = window.flow("reports").dashboard
    cards = page.cards
    assert figures(cards["uses_by_service"]) == {"合计人次": "9"}
    assert bar_chart(cards["uses_by_service"]) == {
        "免费饮水": 5,
        "手机充电": 2,
        "歇脚 / 取暖 / 纳凉": 2,
    }
    pie = cards["uses_by_audience"].chart.chart().series()[0]  # type: ignore[union-attr]
    assert isinstance(pie, QPieSeries)
    assert sorted(s.label() for s in pie.slices()) == ["外卖骑手 3", "旅客 4", "未选择 2"]
    assert figures(cards["volunteer_hours"])["正在值班"] == "1"
    assert figures(cards["charging"])["超时未取"] == "1"
    assert cards["charging"].figures["超时未取"].property("tone") == "question"
    assert page.range_label.text() == "2026-11-02"
    # Chart texts in the application's (CJK) font, not QtCharts' own default.
    chart = cards["uses_by_service"].chart.chart()  # type: ignore[union-attr]
    family = QApplication.instance().font().family()  # type: ignore[union-attr]
    assert family == "WenQuanYi Micro Hei"
    assert all(axis.labelsFont().family() == family for axis in chart.axes())

    tap(qtbot, page.spans[Span.MONTH])
    assert page.range_label.text() == "2026-11-01 – 2026-11-02"
    assert figures(page.cards["uses_by_service"]) == {"合计人次": "13"}
    assert bar_chart(page.cards["volunteer_hours"]) == {"11-01": 3.0, "11-02": 0.0}
    assert figures(page.cards["volunteer_hours"])["累计时长"] == "3 小时 00 分"

    tap(qtbot, page.spans[Span.WEEK])
    assert figures(page.cards["uses_by_service"]) == {"合计人次": "18"}

    tap(qtbot, window.top_bar.language_button)
    qtbot.waitUntil(lambda: page.title.text() == "Dashboard")
    assert figures(page.cards["volunteer_hours"])["Hours credited"] == "7 h 00 min"
    assert bar_chart(page.cards["uses_by_service"])["Free water"] == 10
    # A long name on two lines, not cut to "Rest, warm up, cool do..." (#17 §5).
    rest = next(i for i in services.catalogue if i.id == "rest").name_en
    assert len(rest) > 14
    labels = bar_chart(page.cards["uses_by_service"])
    assert rest not in labels and any(k.replace("<br>", " ") == rest for k in labels)

    tap(qtbot, page.back_button)
    assert window.current_page() is window.flow("admin").console
    assert not page.cards  # nothing left behind on the hidden page
