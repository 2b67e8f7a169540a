"""Dashboard panels of the requests and the safety stock, added with `add_provider`.

Help requests: open now and waiting for a volunteer, ordered in the span, and how long
travellers waited for a volunteer to accept (median and 90th percentile minutes, per local day
for a week or a month). Stock and
expiry: the medicine box's low stock, expiring and expired lots, the daily medicine box and AED
check, lent items over-lent or overdue: every alert staff must act on, counted and listed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from kiosk.features.lending.service import LendingService
from kiosk.features.medicine.domain import AlertKind
from kiosk.features.medicine.service import MedicineService
from kiosk.features.reports.domain import median, percentile
from kiosk.features.reports.service.dashboard import (
    Bar,
    ChartKind,
    Context,
    Figure,
    Panel,
    PanelProvider,
    Text,
)
from kiosk.features.requests import store as tickets
from kiosk.features.requests.domain import RequestStatus
from kiosk.features.requests.store import RequestRow

MAX_LINES = 7


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def requests_panel(ctx: Context) -> Panel:
    """Open requests now, and the span's response times (order to accept)."""
    w = ctx.window
    rows = ctx.session.execute(
        select(RequestRow.ordered_at, RequestRow.response_s).where(
            RequestRow.ordered_at >= w.start, RequestRow.ordered_at < w.end
        )
    ).all()
    per_day: dict[date, list[float]] = defaultdict(list)
    for ordered_at, response_s in rows:
        if response_s is not None:
            per_day[ordered_at.astimezone(ctx.timezone).date()].append(response_s / 60)
    waits = [m for day in per_day.values() for m in day]
    open_now = tickets.open_request_count(ctx.session)
    waiting = int(
        ctx.session.scalar(
            select(func.count())
            .select_from(RequestRow)
            .where(RequestRow.status == RequestStatus.ORDERED.value)
        )
        or 0
    )
    days = w.days()
    label = (lambda d: str(d.day)) if len(days) > 10 else (lambda d: d.strftime("%m-%d"))
    bars = tuple(
        Bar(Text(label(d), label(d)), round(median(per_day.get(d, [])) or 0, 1)) for d in days
    )
    lines = tuple(
        Text(
            f"{d:%m-%d}：中位 {_minutes(median(per_day[d]))} 分钟 · P90"
            f" {_minutes(percentile(per_day[d], 0.9))} 分钟（{len(per_day[d])} 单）",
            f"{d:%m-%d}: median {_minutes(median(per_day[d]))} min · p90"
            f" {_minutes(percentile(per_day[d], 0.9))} min ({len(per_day[d])} accepted)",
        )
        for d in sorted(per_day, reverse=True)[:MAX_LINES]
    )
    return Panel(
        "requests",
        Text("求助与响应时间", "Requests and response times"),
        (
            Figure(Text("未完成求助", "Open now"), Text(str(open_now), str(open_now))),
            Figure(
                Text("等待接单", "Waiting for a volunteer"),
                Text(str(waiting), str(waiting)),
                "warn" if waiting else "",
            ),
            Figure(Text("本期求助", "Ordered"), Text(str(len(rows)), str(len(rows)))),
            Figure(Text("已接单", "Accepted"), Text(str(len(waits)), str(len(waits)))),
            Figure(
                Text("响应时间中位数", "Median wait"),
                Text(f"{_minutes(median(waits))} 分钟", f"{_minutes(median(waits))} min"),
            ),
            Figure(
                Text("90% 在此时间内接单", "90 % accepted within"),
                Text(
                    f"{_minutes(percentile(waits, 0.9))} 分钟",
                    f"{_minutes(percentile(waits, 0.9))} min",
                ),
            ),
        ),
        ChartKind.BAR if len(days) > 1 else ChartKind.NONE,
        bars if len(days) > 1 else (),
        Text("分钟（中位数）", "minutes (median)"),
        lines,
    )


def stock_alerts_provider(medicine: MedicineService, lending: LendingService) -> PanelProvider:
    """The stock and expiry panel over the real services (their own reads, same moment)."""

    def stock_alerts(_ctx: Context) -> Panel:
        alerts = medicine.alerts()
        kinds = [a.alert.kind for a in alerts]
        over_lent = [v for v in lending.stock_all() if v.over_lent]
        overdue = [loan for loan in lending.open_loans() if loan.overdue]
        low = kinds.count(AlertKind.LOW_STOCK)
        expiring = kinds.count(AlertKind.EXPIRING)
        expired = kinds.count(AlertKind.EXPIRED)
        aed = sum(
            k in (AlertKind.AED_LIGHT, AlertKind.AED_PADS, AlertKind.AED_BATTERY) for k in kinds
        )
        missed = AlertKind.CHECK_MISSED in kinds
        figures = (
            _count("库存不足", "Low stock", low),
            _count("即将过期", "Expiring", expiring),
            _count("已过期", "Expired", expired),
            _count("AED 异常", "AED", aed),
            Figure(
                Text("今日药箱与 AED 检查", "Today's box and AED check"),
                Text("未完成", "Missing") if missed else Text("已完成", "Done"),
                "warn" if missed else "",
            ),
            _count("超借物品", "Over-lent", len(over_lent)),
            _count("逾期未还", "Overdue loans", len(overdue)),
        )
        lines = [Text(a.zh, a.en) for a in alerts]
        lines += [
            Text(
                f"{v.item.name_zh}超借 {-v.left} {v.item.measure_zh}",
                f"{v.item.name_en}: {-v.left} over-lent",
            )
            for v in over_lent
        ]
        if len(lines) > MAX_LINES:
            more = len(lines) - MAX_LINES + 1
            lines = [*lines[: MAX_LINES - 1], Text(f"另有 {more} 条", f"and {more} more")]
        return Panel(
            "stock_alerts",
            Text("库存与有效期提醒", "Stock and expiry alerts"),
            figures,
            lines=tuple(lines),
        )

    return stock_alerts


def _count(zh: str, en: str, value: int) -> Figure:
    return Figure(Text(zh, en), Text(str(value), str(value)), "warn" if value else "")
