"""The requests and the stock and expiry panels of the dashboard, over the real services and an
injected clock: open requests, median and 90th-percentile minutes from order to accept per day,
and every stock alert (medicine low, expiring, expired, the missed check, over-lent, overdue)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.clock import FixedClock
from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.reports.domain import median, percentile
from kiosk.features.reports.service.dashboard import Panel, Span, build_dashboard
from kiosk.platform.store import eventlog
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import seed_demo
from tests.conftest import START

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN.value)


def _panel(services: KioskServices, span: Span, key: str) -> Panel:
    return next(p for p in build_dashboard(services).panels(span) if p.key == key)


def _figures(panel: Panel, language: str = "en") -> dict[str, str]:
    return {f.label.pick(language): f.value.pick(language) for f in panel.figures}


def _order_and_accept(services: KioskServices, clock: FixedClock, waits: list[int]) -> None:
    volunteer = services.shifts.on_duty()[0].volunteer.id
    for minutes in waits:
        view = services.requests.order("luggage")
        clock.advance(timedelta(minutes=minutes))
        services.requests.accept(view.id, volunteer)
        clock.advance(timedelta(minutes=1))


def test_response_times_per_day_median_and_p90(services: KioskServices, clock: FixedClock) -> None:
    seed_demo(services)
    _order_and_accept(services, clock, [2, 4, 10])  # 11-02
    clock.set(START + timedelta(days=2))  # 11-04, 08:30
    _order_and_accept(services, clock, [1, 20])
    services.requests.order("directions")  # still open

    week = _panel(services, Span.WEEK, "requests")
    assert _figures(week) == {
        "Open now": "6",  # five accepted, not yet completed, and one waiting
        "Waiting for a volunteer": "1",
        "Ordered": "6",
        "Accepted": "5",
        "Median wait": "4.0 min",  # of 1, 2, 4, 10, 20
        "90 % accepted within": "20.0 min",
    }
    assert [line.en for line in week.lines] == [
        "11-04: median 1.0 min · p90 20.0 min (2 accepted)",
        "11-02: median 4.0 min · p90 10.0 min (3 accepted)",
    ]
    assert week.lines[0].zh == "11-04：中位 1.0 分钟 · P90 20.0 分钟（2 单）"
    bars = {bar.label.en: bar.value for bar in week.bars}
    assert len(bars) == 7 and bars["11-02"] == 4.0 and bars["11-04"] == 1.0 and bars["11-03"] == 0
    today = _panel(services, Span.TODAY, "requests")
    assert _figures(today)["Ordered"] == "3" and _figures(today)["Median wait"] == "1.0 min"
    assert today.figures[1].tone == "warn"  # a request is waiting
    month = _panel(services, Span.MONTH, "requests")
    assert len(month.bars) == 4 and _figures(month)["Accepted"] == "5"


def test_no_requests_no_times(services: KioskServices) -> None:
    panel = _panel(services, Span.MONTH, "requests")
    assert _figures(panel)["Median wait"] == "— min" and panel.lines == ()
    assert panel.figures[1].tone == ""


def test_stock_and_expiry_alerts(services: KioskServices, clock: FixedClock) -> None:
    seed_demo(services)
    clock.set(START + timedelta(hours=3))  # 11:30: today's check is missing (due by 10:00)
    panel = _panel(services, Span.TODAY, "stock_alerts")
    figures = _figures(panel)
    assert figures["Today's box and AED check"] == "Missing"
    before = {k: int(v) for k, v in figures.items() if v.isdigit()}

    item = services.medicine_items[0]
    services.item_settings.set_medicine(ADMIN, item.id, min_stock=999)  # now low
    services.lending.add_stock("power_bank", 1, "station_admin")
    services.lending.borrow_with_phone("power_bank", "13800000001", consent=True)  # due in a day
    remote = Event(  # the other exit lent the same last unit while offline
        id=new_id(),
        kind="lending.borrowed",
        station_id=services.settings.station_id,
        kiosk_id="north-exit",
        seq=1,
        occurred_at=clock.now(),
        actor=None,
        payload={
            "loan_id": new_id(),
            "item": "power_bank",
            "method": "phone",
            "phone": "13800000002",
            "approved_by": None,
            "due_at": (clock.now() + timedelta(days=1)).isoformat(),
        },
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, remote)
    clock.advance(timedelta(days=2))
    panel = _panel(services, Span.TODAY, "stock_alerts")
    figures = _figures(panel)
    assert int(figures["Low stock"]) >= max(1, before["Low stock"])
    assert figures["Over-lent"] == "1" and int(figures["Overdue loans"]) >= 2
    en = [line.en for line in panel.lines]
    assert any(f"{item.name_en} is low" in line for line in en) or en[-1].startswith("and ")
    assert panel.figures[-1].tone == "warn"
    assert "power bank: 1 over-lent" in en or en[-1].startswith("and ")


@given(st.lists(st.floats(0, 600, allow_nan=False), min_size=1, max_size=50))
def test_percentiles_are_times_that_happened(values: list[float]) -> None:
    p90, mid = percentile(values, 0.9), median(values)
    assert p90 in values and mid in values and mid <= p90  # type: ignore[operator]
    assert sum(v <= p90 for v in values) >= 0.9 * len(values)  # type: ignore[operator]
