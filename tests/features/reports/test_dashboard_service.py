"""Dashboard figures over a seeded month: each span, each panel, against the known events."""

from __future__ import annotations

from kiosk.core.clock import FixedClock
from kiosk.features.reports.service.dashboard import ChartKind, Panel, Span, Text, build_dashboard
from kiosk.shell.context import KioskServices
from tests.reports_seed import seed_month


def _panels(services: KioskServices, span: Span) -> dict[str, Panel]:
    return {p.key: p for p in build_dashboard(services).panels(span)}


def _bars(panel: Panel) -> dict[str, float]:
    return {bar.label.zh: bar.value for bar in panel.bars}


def _figures(panel: Panel, language: str = "zh") -> dict[str, str]:
    return {f.label.pick(language): f.value.pick(language) for f in panel.figures}


def test_people_served_by_service_and_audience_per_span(
    services: KioskServices, clock: FixedClock
) -> None:
    seed_month(services, clock)
    today = _panels(services, Span.TODAY)
    assert _bars(today["uses_by_service"]) == {
        "免费饮水": 5,
        "手机充电": 2,
        "歇脚 / 取暖 / 纳凉": 2,
    }
    assert _figures(today["uses_by_service"]) == {"合计人次": "9"}
    assert today["uses_by_service"].chart is ChartKind.HBAR
    assert _bars(today["uses_by_audience"]) == {"旅客": 4, "外卖骑手": 3, "未选择": 2}
    assert today["uses_by_audience"].chart is ChartKind.PIE

    month = _panels(services, Span.MONTH)
    assert sum(_bars(month["uses_by_service"]).values()) == 13
    assert _bars(month["uses_by_audience"])["老人"] == 3

    week = _panels(services, Span.WEEK)
    assert _figures(week["uses_by_service"]) == {"合计人次": "18"}
    assert next(iter(_bars(week["uses_by_service"]))) == "免费饮水"  # most served first
    assert _bars(week["uses_by_service"])["免费饮水"] == 10


def test_volunteer_hours_and_on_duty(services: KioskServices, clock: FixedClock) -> None:
    seed_month(services, clock)
    today = _panels(services, Span.TODAY)["volunteer_hours"]
    assert _figures(today)["累计时长"] == "0 分钟"  # the open shift is not credited yet
    assert _figures(today)["正在值班"] == "1"
    assert [line.zh for line in today.lines] == ["王芳 FZB-0001 · 07:30 起"]

    month = _panels(services, Span.MONTH)["volunteer_hours"]
    assert _figures(month, "en")["Hours credited"] == "3 h 00 min"  # 187 min rounded down
    assert _figures(month)["参与志愿者"] == "1"
    assert _bars(month) == {"11-01": 3.0, "11-02": 0.0}

    week = _panels(services, Span.WEEK)["volunteer_hours"]
    assert _figures(week)["累计时长"] == "7 小时 00 分"  # 180 + 240
    assert len(week.bars) == 7
    assert _bars(week)["10-29"] == 4.0


def test_charging_and_sync(services: KioskServices, clock: FixedClock) -> None:
    seed_month(services, clock)
    today = _panels(services, Span.TODAY)
    charging = _figures(today["charging"])
    assert charging["正在充电"] == "2"
    assert charging["超时未取"] == "1"
    assert next(f for f in today["charging"].figures if f.label.zh == "超时未取").tone == "warn"
    assert charging["本期充电"] == "2" and charging["志愿者结束"] == "0"
    month = _figures(_panels(services, Span.MONTH)["charging"])
    assert month["本期充电"] == "3" and month["志愿者结束"] == "1"

    sync = _figures(today["sync"], "en")
    assert sync["State"] == "Not enrolled (stand-alone)"
    assert int(sync["Waiting"]) > 0  # every seeded event waits for a hub


def test_an_added_provider_is_shown_after_the_built_in_ones(
    services: KioskServices, clock: FixedClock
) -> None:
    dashboard = build_dashboard(services)
    dashboard.add_provider(lambda ctx: Panel("extra", Text("另一项", "Another")))
    keys = [p.key for p in dashboard.panels(Span.TODAY)]
    assert keys == [
        "uses_by_service",
        "uses_by_audience",
        "volunteer_hours",
        "charging",
        "sync",
        "requests",  # the feature panels build_dashboard adds (services/dashboard_panels.py)
        "stock_alerts",
        "extra",
    ]


def test_demo_history_fills_the_month(services: KioskServices) -> None:
    from kiosk.shell.demo import seed_demo, seed_history

    seed_demo(services)
    seed_history(services, days=10)
    week = _panels(services, Span.WEEK)
    assert int(_figures(week["uses_by_service"])["合计人次"]) > 20
    assert sum(_bars(week["volunteer_hours"]).values()) > 10  # six closed shifts of 3 h or so
    assert _figures(week["volunteer_hours"])["正在值班"] == "3"  # the demo's own, none left open
