"""The hub part of `lists`: the centre's lists page and forms (pages.py), and a wish's project
on its ticket pages (a `TicketPanel` on the traveller's page and the centre's)."""

from __future__ import annotations

from fastapi import FastAPI

from kiosk.features.lists.hub import pages
from kiosk.features.lists.hub.figures import LIST_FIGURES
from kiosk.features.lists.hub.read import wish_panel
from kiosk.features.requests.hub.panels import TicketPanel, add_ticket_panel
from kiosk.platform.hub.part import CentreTab, HubPart


def _start(app: FastAPI) -> None:
    add_ticket_panel(app, TicketPanel("lists_ticket_phone.html", "phone", wish_panel))
    add_ticket_panel(app, TicketPanel("lists_ticket_centre.html", "centre", wish_panel))


WORDS: dict[str, tuple[str, str]] = {
    "lists": ("三个清单", "Three lists"),
    "li_needs": ("需求清单", "Needs"),
    "li_resources": ("资源清单", "Resources"),
    "li_projects": ("项目清单", "Projects"),
    "li_units": ("成员单位", "Member units"),
    "li_unit": ("成员单位", "Member unit"),
    "li_contact_role": ("联系人职务", "Contact (role)"),
    "li_kind": ("类别", "Kind"),
    "li_description": ("内容", "What"),
    "li_quantity": ("数量", "Quantity"),
    "li_measure": ("单位（个、间、人、元…）", "Measure (rooms, people, yuan…)"),
    "li_need": ("需求", "Need"),
    "li_source": ("来源", "Source"),
    "li_ticket": ("心愿单号（可选）", "Wish ticket (optional)"),
    "li_state": ("状态", "State"),
    "li_project": ("项目", "Project"),
    "li_owner": ("负责人", "Owner"),
    "li_starts": ("开始日期", "Starts"),
    "li_ends": ("结束日期", "Ends"),
    "li_status": ("状态", "Status"),
    "li_status_on": ("日期", "Date"),
    "li_note": ("备注", "Note"),
    "li_done_month": ("本月完成", "Done this month"),
    "li_met_month": ("本月完成 {n} 项需求", "{n} needs met this month"),
    "li_all": ("合计", "All stations"),
    "li_region": ("片区", "Region"),
    "li_by_region": ("按片区", "By region"),
    "li_by_station": ("按站点", "By station"),
    "li_all_regions": ("全部片区", "All regions"),
    "li_no_region": ("未分区", "No region"),
    "li_stations_n": ("站点数", "Stations"),
    "li_choose_station": (
        "选择一个站点，查看其清单并登记",
        "Choose a station to see its lists and record in them",
    ),
    "li_add_unit": ("登记成员单位", "Record a member unit"),
    "li_add_resource": ("登记资源", "Record a resource"),
    "li_add_need": ("登记需求", "Record a need"),
    "li_open_project": ("新建项目", "Open a project"),
    "li_set_status": ("更改项目状态", "Change a project's status"),
    "li_save": ("保存", "Save"),
    "li_csv_summary": ("导出统计 CSV", "Figures CSV"),
    "li_csv_needs": ("导出需求 CSV", "Needs CSV"),
    "li_csv_resources": ("导出资源 CSV", "Resources CSV"),
    "li_csv_projects": ("导出项目 CSV", "Projects CSV"),
    "li_done_unit": ("已登记成员单位：{title}", "Member unit recorded: {title}"),
    "li_done_resource": ("已登记资源：{title}", "Resource recorded: {title}"),
    "li_done_need": ("已列入需求清单：{title}", "Added to the needs list: {title}"),
    "li_done_project": ("已新建项目：{title}", "Project opened: {title}"),
    "li_done_status": ("已更改项目状态：{title}", "Status changed: {title}"),
    "li_promote": ("列入需求清单", "Add to needs list"),
    "li_promote_hint": (
        "需求清单在终端上公开展示：请写一句简短的需求，不要写姓名和电话。",
        "The needs list is shown on the kiosk: write a short need, no names or phones.",
    ),
    "li_on_list": ("已列入需求清单", "On the needs list"),
    "li_wish_project": ("您的心愿已纳入服务项目", "Your wish is part of a service project"),
    "li_nothing_yet": ("暂无", "None yet"),
}

HUB_PART = HubPart(
    routers=(pages.router,),
    start=_start,
    templates="kiosk.features.lists",
    words=WORDS,
    centre_tabs=(CentreTab("lists", "/centre/lists", rank=35),),
    read_models=(LIST_FIGURES,),
)
