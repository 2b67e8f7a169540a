"""The monthly station report's figures: totals, the charts' panels and the tables, as data.

No Qt here: the report job gathers this on a worker thread, draws the charts on the GUI
thread (QtCharts are widgets) and writes the PDF on the worker again
(kiosk/features/reports/ui/pdf.py).
The charts are the dashboard's own panels over the month, so both always agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from kiosk.core.errors import KioskError, ValidationError
from kiosk.core.ids import new_id
from kiosk.core.words import AUDIENCES
from kiosk.features.admin.service.logs import ADMIN_ACTOR
from kiosk.features.reports import store
from kiosk.features.reports.service.dashboard import (
    Context,
    DashboardService,
    Panel,
    Span,
    Window,
    uses_by_audience,
    uses_by_service,
    volunteer_hours,
)
from kiosk.features.shifts.service.hours import VolunteerTotal, local_start, totals_by_volunteer
from kiosk.platform.logs.spec import Names
from kiosk.platform.monthly import Month, MonthlySection, MonthlyTable
from kiosk.platform.store import eventlog

if TYPE_CHECKING:
    from kiosk.features.certificates.service import Issuer


class ReportCancelled(KioskError):
    def __init__(self) -> None:
        super().__init__("报表生成已取消", "Report cancelled")


@dataclass(frozen=True)
class ServiceLine:
    """One row of the 人次 table: a service and its people per audience group."""

    name_zh: str
    name_en: str
    people: dict[str, int]  # audience -> people

    @property
    def total(self) -> int:
        return sum(self.people.values())


@dataclass(frozen=True)
class MonthlyReport:
    year: int
    month: int
    first_day: date
    last_day: date
    issuer: Issuer
    generated_at: datetime
    people: int
    audiences: tuple[str, ...]  # the audience groups with any use, in the catalogue's order
    services: tuple[ServiceLine, ...]
    volunteers: tuple[VolunteerTotal, ...]
    credited_minutes: int
    shifts: int
    charging: dict[str, int]  # open, collected, closed, flagged
    close_reasons: dict[str, int]
    charts: tuple[Panel, ...]  # by service, by audience, hours per day
    sections: tuple[MonthlyTable, ...] = ()  # the features' own tables, in their order

    def audience_name(self, audience: str, language: str) -> str:
        zh, en = AUDIENCES.get(audience, (audience, audience))
        return zh if language == "zh" else en


def month_days(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a month."""
    first = date(year, month, 1)
    return first, date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


class ReportService:
    """Builds a month's report from the projections; `issuer` names the station; `sections`
    are the features' tables (kiosk.platform.monthly) and `names` the name tables they ask
    for."""

    def __init__(
        self,
        dashboard: DashboardService,
        issuer: Callable[[], Issuer],
        actor: Callable[[], str] = lambda: ADMIN_ACTOR,
        sections: Sequence[MonthlySection] = (),
        names: Mapping[str, Callable[[], Names]] | None = None,
    ) -> None:
        self._dashboard = dashboard
        self._issuer = issuer
        self._actor = actor  # the logged-in admin account's id
        self._sections = tuple(sections)
        self._names = dict(names or {})

    def last_month(self) -> tuple[int, int]:
        """The month a station reports on by default: the one just ended."""
        first = self._dashboard.today().replace(day=1) - timedelta(days=1)
        return first.year, first.month

    def months(self, count: int = 12) -> list[tuple[int, int]]:
        """This month and the `count - 1` before it, newest first (the picker's list)."""
        today = self._dashboard.today()
        found = []
        year, month = today.year, today.month
        for _ in range(count):
            found.append((year, month))
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return found

    def monthly(
        self,
        year: int,
        month: int,
        progress: Callable[[int], None] = lambda percent: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> MonthlyReport:
        """Every figure of the month, read in one transaction."""
        today = self._dashboard.today()
        if not 1 <= month <= 12 or (year, month) > (today.year, today.month):
            raise ValidationError(
                "请选择本月或以前的月份", "Please choose this month or an earlier one"
            )
        d = self._dashboard
        tz = d.timezone
        first, last = month_days(year, month)
        window = Window(
            Span.MONTH,
            first,
            last,
            local_start(first, tz),
            local_start(last + timedelta(days=1), tz),
        )
        names = d.service_names()
        with d.database.read() as session:
            ctx = Context(
                session, window, d.clock.now(), tz, d.hours_rule, names, d.charging_overdue_after
            )
            lines = store.people_by_service_audience(
                session, window.first_day.isoformat(), window.last_day.isoformat()
            )
            progress(10)
            if cancelled():
                raise ReportCancelled()
            rows = store.credited_shifts(session, window.start, window.end)
            volunteers = tuple(totals_by_volunteer(rows, d.hours_rule, tz))
            progress(20)
            charging = store.charging_between(session, window.start, window.end)
            reasons = store.charging_close_reasons(session, window.start, window.end)
            charts = (uses_by_service(ctx), uses_by_audience(ctx), volunteer_hours(ctx))
            progress(25)
            reported = Month(
                first,
                last,
                window.start,
                window.end,
                tz,
                d.clock.now(),
                {
                    table: self._names[table]()
                    for section in self._sections
                    for table in section.names
                    if table in self._names
                },
            )
            tables = tuple(section.gather(session, reported) for section in self._sections)
            progress(30)
        if cancelled():
            raise ReportCancelled()
        by_service: dict[str, dict[str, int]] = {}
        for service, audience, people in lines:
            by_service.setdefault(service, {})[audience] = people
        order = list(AUDIENCES)
        audiences = tuple(a for a in order if any(a in p for p in by_service.values()))
        services = tuple(
            sorted(
                (
                    ServiceLine(*names.get(service, (service, service)), people)
                    for service, people in by_service.items()
                ),
                key=lambda line: (-line.total, line.name_zh),
            )
        )
        return MonthlyReport(
            year,
            month,
            window.first_day,
            window.last_day,
            self._issuer(),
            d.clock.now().astimezone(tz),
            sum(line.total for line in services),
            audiences,
            services,
            volunteers,
            sum(v.credited_minutes for v in volunteers),
            sum(v.shifts for v in volunteers),
            charging,
            reasons,
            charts,
            tables,
        )

    def record_written(self, report: MonthlyReport, file_name: str) -> None:
        """Audit: a report left the kiosk as a file (it names volunteers and their hours)."""
        d = self._dashboard
        with d.database.write() as session:
            eventlog.append(
                session,
                "admin.exported",
                {
                    "audit_id": new_id(),
                    "log": "monthly_report",
                    "format": "pdf",
                    "filters": {"month": f"{report.year}-{report.month:02d}"},
                    "rows": len(report.volunteers) + len(report.services),
                    "unmasked": False,
                    "file": file_name[:200],
                },
                occurred_at=d.clock.now(),
                actor=self._actor(),
            )
