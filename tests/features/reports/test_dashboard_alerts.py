"""The dashboard's requests and stock-alert cards as the admin sees them, from real services."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from kiosk.core.clock import FixedClock
from kiosk.features.reports.service.dashboard import Span
from tests.features.reports.conftest import Kiosk
from tests.features.reports.test_dashboard import figures, open_dashboard
from tests.kiosk_fixtures import tap


def test_requests_and_stock_alert_cards(qtbot: QtBot, seeded: Kiosk, clock: FixedClock) -> None:
    window, services = seeded
    volunteer = services.shifts.on_duty()[0].volunteer.id
    for wait in (3, 7):
        view = services.requests.order("luggage")
        clock.advance(timedelta(minutes=wait))
        services.requests.accept(view.id, volunteer)
    services.requests.order("directions")
    services.lending.add_stock("umbrella", 1, "station_admin")
    services.lending.borrow_with_phone("umbrella", "13800000001", consent=True)
    clock.advance(timedelta(days=4, hours=3))  # the umbrella (3 days) is overdue; no check by 10:00
    window.language.set_language("en")
    open_dashboard(qtbot, window)
    page = window.flow("reports").dashboard
    tap(qtbot, page.spans[Span.WEEK])
    requests = figures(page.cards["requests"])
    assert requests["Waiting for a volunteer"] == "1" and requests["Median wait"] == "3.0 min"
    assert requests["90 % accepted within"] == "7.0 min"
    assert page.cards["requests"].figures["Waiting for a volunteer"].property("tone") == "question"
    alerts = figures(page.cards["stock_alerts"])
    assert alerts["Overdue loans"] == "1" and alerts["Today's box and AED check"] == "Missing"
    qtbot.waitUntil(page.cards["stock_alerts"].isVisible, timeout=2000)
