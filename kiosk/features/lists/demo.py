"""Demo lists (`make run`, screenshots): what a station's centre would have recorded, as the
events its pull brings (authored by the hub's pseudo-kiosk of the station)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from kiosk.core.events import Event

_UNITS = (
    ("u-union", "市总工会", "办公室"),
    ("u-market", "爱心超市", "店长"),
    ("u-clinic", "社区卫生服务中心", "全科门诊"),
)
_RESOURCES = (
    ("r-room", "u-union", "venue", "职工之家活动室", 1, "间"),
    ("r-water", "u-market", "goods", "矿泉水", 20, "箱"),
    ("r-people", "u-union", "volunteers", "周末志愿者", 6, "人"),
    ("r-doctor", "u-clinic", "skill", "义诊（测血压、血糖）", None, ""),
    ("r-fund", "u-union", "funds", "关爱基金", 5000, "元"),
)
_NEEDS = (
    ("n-water", "骑手夏季饮水点", "wish"),
    ("n-night", "夜班司机休息场地", "staff"),
    ("n-check", "外卖骑手体检", "staff"),
    ("n-cable", "手机充电线借用", "wish"),
    ("n-lunch", "环卫工人午间热饭", "staff"),
)
_PROJECTS = (
    ("p-cool", "夏日送清凉", "李站长", ["n-water"], ["r-water", "r-people"], -40, -2, "done"),
    ("p-night", "夜间暖心驿站", "王芳", ["n-night"], ["r-room"], -20, 60, "open"),
    ("p-health", "骑手健康义诊", "陈静", ["n-check"], ["r-doctor"], -10, -5, "done"),
)


def demo_events(station_id: str, now: datetime) -> list[Event]:
    """Three member units, five resources, five needs (two from wishes), three projects (two
    completed this month)."""
    author = f"hub:{station_id}"
    events: list[Event] = []
    at = now - timedelta(days=45)

    def add(kind: str, payload: dict[str, Any]) -> None:
        nonlocal at
        at += timedelta(minutes=5)
        seq = len(events) + 1
        events.append(
            Event(f"demo-lists-{seq}", kind, station_id, author, seq, at, "centre:demo", payload)
        )

    for unit_id, name, role in _UNITS:
        add("lists.unit_added", {"unit_id": unit_id, "name": name, "contact_role": role})
    for resource_id, unit_id, kind, text, quantity, measure in _RESOURCES:
        add(
            "lists.resource_added",
            {
                "resource_id": resource_id,
                "unit_id": unit_id,
                "kind": kind,
                "description": text,
                "quantity": quantity,
                "measure": measure,
            },
        )
    for number, (need_id, title, source) in enumerate(_NEEDS):
        need: dict[str, Any] = {"need_id": need_id, "title": title, "source": source}
        if source == "wish":
            need.update(wish_id=f"demo-wish-{number}", ticket=f"{810200 + number}")
        add("lists.need_added", need)
    today = now.date()
    for project_id, title, owner, needs, resources, start, end, _status in _PROJECTS:
        add(
            "lists.project_opened",
            {
                "project_id": project_id,
                "title": title,
                "owner": owner,
                "need_ids": needs,
                "resource_ids": resources,
                "starts_on": (today + timedelta(days=start)).isoformat(),
                "ends_on": (today + timedelta(days=end)).isoformat(),
            },
        )
    for project_id, _title, _owner, _n, _r, _start, end, status in _PROJECTS:
        if status == "done":
            on = today + timedelta(days=min(end, 0))
            on = max(on, today.replace(day=1))  # completed this month
            add(
                "lists.project_status",
                {"project_id": project_id, "status": "done", "on": on.isoformat()},
            )
    return events
