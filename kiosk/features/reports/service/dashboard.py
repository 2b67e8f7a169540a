"""The admin dashboard: today / this week / this month at a glance, as a list of panels.

Each panel comes from a provider, a plain function over one read session of the projections,
so a feature built elsewhere (requests and response times, medicine stock and expiry) adds its
panel with `DashboardService.add_provider` and the page draws it without changes: a panel is
figures (label and value in both languages) and an optional bar or pie chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.words import AUDIENCES
from kiosk.features.charging import store as charging_store
from kiosk.features.reports import store
from kiosk.features.shifts import store as shifts_store
from kiosk.features.shifts.domain import HoursRule, format_duration
from kiosk.features.shifts.service.hours import local_start, minutes_by_day
from kiosk.platform.store.db import Database

if TYPE_CHECKING:
    from kiosk.features.lending.service import LendingService
    from kiosk.features.medicine.service import MedicineService
    from kiosk.settings import Settings


class _Named(Protocol):
    """A catalogue service or an item, as far as names go."""

    @property
    def id(self) -> str: ...
    @property
    def name_zh(self) -> str: ...
    @property
    def name_en(self) -> str: ...


class _Timezoned(Protocol):
    @property
    def timezone(self) -> ZoneInfo: ...


class DashboardServices(Protocol):
    """What the dashboard needs of the kiosk's services (the composition root's bundle)."""

    @property
    def database(self) -> Database: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def shifts(self) -> _Timezoned: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def catalogue(self) -> Sequence[_Named]: ...
    @property
    def medicine(self) -> MedicineService: ...
    @property
    def lending(self) -> LendingService: ...


class Span(StrEnum):
    """The dashboard's three ranges, in the station's local days."""

    TODAY = "today"
    WEEK = "week"  # the last 7 days, today included (as the log review's "7 days")
    MONTH = "month"  # the first of this month to today


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    zh: str
    en: str

    def pick(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


def same(text: str) -> Text:
    return Text(text, text)


@dataclass(frozen=True)
class Figure:
    """One headline number; `tone` "warn" draws it in the warning colour."""

    label: Text
    value: Text
    tone: str = ""


class ChartKind(StrEnum):
    NONE = "none"
    BAR = "bar"
    HBAR = "hbar"  # horizontal bars: for long names (services)
    PIE = "pie"


@dataclass(frozen=True)
class Bar:
    label: Text
    value: float


@dataclass(frozen=True)
class Panel:
    """What one dashboard card shows. `lines` are extra rows of text (who is on duty)."""

    key: str
    title: Text
    figures: tuple[Figure, ...] = ()
    chart: ChartKind = ChartKind.NONE
    bars: tuple[Bar, ...] = ()
    unit: Text | None = None
    lines: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Window:
    """The local days a dashboard covers and their UTC bounds [start, end)."""

    span: Span
    first_day: date
    last_day: date
    start: datetime
    end: datetime

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(count)]


@dataclass(frozen=True)
class Context:
    """What a provider may read: one session and the facts of the moment."""

    session: Session
    window: Window
    now: datetime
    timezone: ZoneInfo
    hours_rule: HoursRule
    service_names: dict[str, tuple[str, str]]
    charging_overdue_after: timedelta


PanelProvider = Callable[[Context], Panel]


def window_of(span: Span, today: date, tz: ZoneInfo) -> Window:
    """The local days of `span` ending today."""
    if span is Span.TODAY:
        first = today
    elif span is Span.WEEK:
        first = today - timedelta(days=6)
    else:
        first = today.replace(day=1)
    return Window(
        span, first, today, local_start(first, tz), local_start(today + timedelta(days=1), tz)
    )


# --- the providers built here ---------------------------------------------------------------


def uses_by_service(ctx: Context) -> Panel:
    """人次 by service, most served first."""
    w = ctx.window
    totals: dict[str, int] = {}
    for service, _audience, people in store.people_by_service_audience(
        ctx.session, w.first_day.isoformat(), w.last_day.isoformat()
    ):
        totals[service] = totals.get(service, 0) + people
    bars = tuple(
        Bar(Text(*ctx.service_names.get(service, (service, service))), people)
        for service, people in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    )
    total = sum(totals.values())
    return Panel(
        "uses_by_service",
        Text("服务人次", "People served"),
        (Figure(Text("合计人次", "People served"), same(str(total))),),
        ChartKind.HBAR,
        bars,
        Text("人次", "people"),
    )


def uses_by_audience(ctx: Context) -> Panel:
    """人次 by audience group."""
    w = ctx.window
    totals: dict[str, int] = {}
    for _service, audience, people in store.people_by_service_audience(
        ctx.session, w.first_day.isoformat(), w.last_day.isoformat()
    ):
        totals[audience] = totals.get(audience, 0) + people
    order = list(AUDIENCES)
    bars = tuple(
        Bar(Text(*AUDIENCES.get(audience, (audience, audience))), people)
        for audience, people in sorted(
            totals.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99
        )
        if people
    )
    groups = sum(1 for key, people in totals.items() if people and key != "none")
    return Panel(
        "uses_by_audience",
        Text("服务对象", "Who was served"),
        (Figure(Text("服务对象类别", "Groups served"), same(str(groups))),),
        ChartKind.PIE,
        bars,
        Text("人次", "people"),
    )


def volunteer_hours(ctx: Context) -> Panel:
    """Credited hours per day of the span, and who is on duty now."""
    w = ctx.window
    rows = store.credited_shifts(ctx.session, w.start, w.end)
    per_day = minutes_by_day(rows, ctx.hours_rule, ctx.timezone)
    total = sum(per_day.values())
    on_duty = shifts_store.on_duty(ctx.session)
    people = len({v.id for _s, v in rows})
    days = w.days()
    # A month of "11-01" labels overlaps on a card: past ten days, the day of the month is enough.
    label = (lambda day: str(day.day)) if len(days) > 10 else (lambda day: day.strftime("%m-%d"))
    bars = tuple(Bar(same(label(day)), round(per_day.get(day, 0) / 60, 2)) for day in days)
    lines = tuple(
        Text(
            f"{v.name} {v.number} · {s.checked_in_at.astimezone(ctx.timezone):%H:%M} 起",
            f"{v.name} {v.number} · since {s.checked_in_at.astimezone(ctx.timezone):%H:%M}",
        )
        for s, v in on_duty
        if s.checked_in_at is not None
    )
    return Panel(
        "volunteer_hours",
        Text("志愿服务时长", "Volunteer hours"),
        (
            Figure(
                Text("累计时长", "Hours credited"),
                Text(format_duration(total, "zh"), format_duration(total, "en")),
            ),
            Figure(Text("参与志愿者", "Volunteers"), same(str(people))),
            Figure(Text("正在值班", "On duty now"), same(str(len(on_duty)))),
        ),
        ChartKind.BAR,
        bars,
        Text("小时", "hours"),
        lines,
    )


def charging(ctx: Context) -> Panel:
    """Phones charging now (overdue in the warning colour) and the span's sessions."""
    w = ctx.window
    open_now = charging_store.open_charging_station(ctx.session)
    overdue = sum(1 for r in open_now if ctx.now - r.started_at >= ctx.charging_overdue_after)
    counts = store.charging_between(ctx.session, w.start, w.end)
    started = counts["open"] + counts["collected"] + counts["closed"]
    return Panel(
        "charging",
        Text("手机充电", "Phone charging"),
        (
            Figure(Text("正在充电", "Charging now"), same(str(len(open_now)))),
            Figure(Text("超时未取", "Overdue"), same(str(overdue)), "warn" if overdue else ""),
            Figure(Text("本期充电", "Sessions started"), same(str(started))),
            Figure(Text("凭码取回", "Collected by code"), same(str(counts["collected"]))),
            Figure(Text("志愿者结束", "Closed by staff"), same(str(counts["closed"]))),
        ),
    )


def sync_state(ctx: Context) -> Panel:
    """Whether this kiosk's records reach the hub."""
    state, pending, rejects = store.sync_overview(ctx.session)
    if state is None or state.enrolled_at is None:
        status = Text("未连接中心（单机运行）", "Not enrolled (stand-alone)")
        tone = ""
    elif state.revoked:
        status, tone = Text("已被中心停用", "Revoked by the hub"), "warn"
    elif state.last_error:
        status, tone = Text("中心暂时无法连接", "Hub unreachable"), "warn"
    else:
        status, tone = Text("已同步", "Synced"), ""
    last = (
        state.last_success_at.astimezone(ctx.timezone).strftime("%m-%d %H:%M")
        if state is not None and state.last_success_at is not None
        else "—"
    )
    return Panel(
        "sync",
        Text("数据同步", "Sync"),
        (
            Figure(Text("状态", "State"), status, tone),
            Figure(Text("最近同步", "Last sync"), same(last)),
            Figure(Text("待上传", "Waiting"), same(str(pending))),
            Figure(
                Text("被中心拒收", "Refused by the hub"),
                same(str(rejects)),
                tone="warn" if rejects else "",
            ),
        ),
    )


DEFAULT_PROVIDERS: tuple[PanelProvider, ...] = (
    uses_by_service,
    uses_by_audience,
    volunteer_hours,
    charging,
    sync_state,
)


@dataclass
class DashboardService:
    """Reads every panel of a span in one read transaction (figures agree with each other)."""

    database: Database
    clock: Clock
    timezone: ZoneInfo
    hours_rule: HoursRule
    service_names: Callable[[], dict[str, tuple[str, str]]]
    charging_overdue_after: timedelta
    providers: list[PanelProvider] = field(default_factory=lambda: list(DEFAULT_PROVIDERS))

    def add_provider(self, provider: PanelProvider) -> None:
        """A feature's own panel, shown after the built-in ones."""
        self.providers.append(provider)

    def today(self) -> date:
        return self.clock.now().astimezone(self.timezone).date()

    def window(self, span: Span) -> Window:
        return window_of(span, self.today(), self.timezone)

    def panels(self, span: Span) -> list[Panel]:
        now = self.clock.now()
        window = window_of(span, now.astimezone(self.timezone).date(), self.timezone)
        names = self.service_names()
        with self.database.read() as session:
            ctx = Context(
                session,
                window,
                now,
                self.timezone,
                self.hours_rule,
                names,
                self.charging_overdue_after,
            )
            return [provider(ctx) for provider in self.providers]


def build_dashboard(services: DashboardServices) -> DashboardService:
    """The dashboard over the kiosk's database and its catalogue's names."""
    from kiosk.features.reports.service.panels import requests_panel, stock_alerts_provider

    dashboard = DashboardService(
        services.database,
        services.clock,
        services.shifts.timezone,
        services.settings.hours_rule,
        lambda: {item.id: (item.name_zh, item.name_en) for item in services.catalogue},
        timedelta(hours=services.settings.charging_overdue_hours),
    )
    dashboard.add_provider(requests_panel)
    dashboard.add_provider(stock_alerts_provider(services.medicine, services.lending))
    return dashboard
