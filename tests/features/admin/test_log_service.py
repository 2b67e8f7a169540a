"""LogService rules the screen relies on: which account sees which log, the labels of every
coded value, response times, and that an unknown account gets the lesser role."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.core import words
from kiosk.core.errors import Locked
from kiosk.core.tickets import RequestCategory, WishCategory
from kiosk.features import FEATURES
from kiosk.features.admin.domain import Action, Role
from kiosk.features.admin.service.exports import build_log_services
from kiosk.features.admin.service.logs import LogFilters, LogKind
from kiosk.features.incidents.domain import FirstAid, Outcome, Place, What
from kiosk.features.lending.domain import LoanStatus
from kiosk.features.requests.domain import RequestStatus, WishStatus
from kiosk.features.requests.logs import format_seconds
from kiosk.platform.logs.registry import log_specs
from kiosk.shell.context import KioskServices


@pytest.mark.parametrize(
    ("names", "values"),
    [
        (words.ACTIONS, Action),
        (words.PLACES, Place),
        (words.WHAT_HAPPENED, What),
        (words.FIRST_AID, FirstAid),
        (words.INCIDENT_OUTCOMES, Outcome),
        (words.LOAN_STATUSES, LoanStatus),
        (words.REQUEST_STATUSES, RequestStatus),
        (words.WISH_STATUSES, WishStatus),
        (words.REQUEST_CATEGORIES, RequestCategory),
        (words.WISH_CATEGORIES, WishCategory),
    ],
)
def test_every_coded_value_has_both_names(names: words.Words, values: type) -> None:
    assert set(names) == {v.value for v in values}  # type: ignore[attr-defined]
    assert all(zh and en for zh, en in names.values())


def test_every_log_has_columns() -> None:
    assert {spec.key for spec in log_specs(FEATURES)} == set(LogKind)
    assert all(spec.columns for spec in log_specs(FEATURES))


@pytest.mark.parametrize(
    ("actor", "audit"),
    [(Role.STATION_ADMIN.value, True), ("tl-someone", False), ("deleted-account", False)],
)
def test_the_audit_is_the_station_admins(services: KioskServices, actor: str, audit: bool) -> None:
    logs, _ = build_log_services(services)
    services.admin_actor = actor
    visible = logs.visible()
    assert (LogKind.AUDIT in visible) is audit
    assert set(visible) | {LogKind.AUDIT} == set(LogKind)


def test_response_times_read_naturally() -> None:
    assert format_seconds(42, 0) == "42 秒"
    assert format_seconds(185, 0) == "3 分 05 秒"
    assert format_seconds(185, 1) == "3 min 05 s"
    assert format_seconds(2 * 3600 + 65, 1) == "2 h 01 min"


def test_a_team_leader_cannot_export_the_audit(services: KioskServices, tmp_path: Path) -> None:
    _, exports = build_log_services(services)
    services.admin_actor = "tl-someone"
    folder = tmp_path / "exports"
    with pytest.raises(Locked):
        exports.export(LogKind.AUDIT, LogFilters(), "csv", folder=folder)
    assert not folder.exists()
    with services.database.read() as session:
        assert not session.execute(
            text("SELECT 1 FROM events WHERE kind = 'admin.exported'")
        ).first()
    result = exports.export(LogKind.REQUESTS, LogFilters(), "csv", folder=folder)
    assert result.rows == 0 and result.path.exists()


def test_the_registry_orders_tabs_and_refuses_a_log_declared_twice() -> None:
    specs = log_specs(FEATURES)
    assert [s.position for s in specs] == sorted(s.position for s in specs)
    assert [s.key for s in specs][:2] == ["shifts", "uses"]
    twice = [f for f in FEATURES if f.name == "admin"] * 2
    with pytest.raises(ValueError, match="audit"):
        log_specs(twice)
