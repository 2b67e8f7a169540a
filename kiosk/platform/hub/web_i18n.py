"""The web pages' words in 中文 and English, and which of the two a phone gets.

The phone's Accept-Language decides unless the traveller tapped the switch link (`?lang=`),
which is remembered in a cookie. Chinese is the default: most travellers read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.core import words as house

LANGS = ("zh", "en")
LANG_COOKIE = "lang"

# The names of coded values are the house's words, the same the kiosk and its log show.
REQUEST_CATEGORIES = house.REQUEST_CATEGORIES
WISH_CATEGORIES = house.WISH_CATEGORIES
AUDIENCES = house.AUDIENCES
STATES: dict[str, tuple[str, str]] = {**house.REQUEST_STATUSES, **house.WISH_STATUSES}

_TEXT: dict[str, tuple[str, str]] = {
    "where": ("位置", "Where"),
    "hours": ("开放时间", "Opening hours"),
    "order_help": ("请志愿者帮忙", "Ask a volunteer for help"),
    "leave_wish": ("留下诉求或心愿", "Leave a need or a wish"),
    "switch": ("English", "中文"),
    "category": ("需要什么帮助", "What do you need"),
    "wish_category": ("关于什么", "What is it about"),
    "train": ("车次（选填）", "Train (optional)"),
    "departs": ("发车时间（选填）", "Departure time (optional)"),
    "phone": ("手机号（选填，仅志愿者可见）", "Phone (optional, only volunteers see it)"),
    "train_short": ("车次", "Train"),
    "category_short": ("类别", "Category"),
    "phone_short": ("手机号", "Phone"),
    "note": ("补充说明（选填）", "Anything else (optional)"),
    "wish_text": (
        "请写下您的诉求或心愿（200 字以内）",
        "Your need or wish (200 characters at most)",
    ),
    "send": ("提交", "Send"),
    "ticket": ("单号", "Ticket"),
    "keep_ticket": (
        "请记下单号，也可在驿站终端上输入单号查询。",
        "Keep this number: you can also look it up on the station's kiosk.",
    ),
    "status": ("当前状态", "Status"),
    "answer": ("答复", "Answer"),
    "refreshes": ("本页每 20 秒自动刷新。", "This page refreshes itself every 20 seconds."),
    "request": ("求助", "Request for help"),
    "wish": ("诉求 / 心愿", "Need or wish"),
    "made_at": ("提交时间", "Made at"),
    "not_found": ("找不到该页面", "Page not found"),
    "not_found_ticket": ("找不到该单号", "No such ticket"),
    "too_many": ("操作太频繁", "Too many requests"),
    "too_many_body": (
        "您的操作太频繁了，请稍等 {wait} 秒后再试。",
        "You are going too fast: please try again in {wait} seconds.",
    ),
    "bad_input": ("填写有误", "Please check what you entered"),
    "account_locked": ("该账号登录失败次数过多", "Too many failed sign-ins for this account"),
    "account_locked_body": (
        "为保护账号，请 {wait} 秒后再试（密码正确也须等待）。",
        "To protect the account, please try again in {wait} seconds"
        " (even with the right password).",
    ),
    "back": ("返回", "Back"),
    "station": ("驿站", "Station"),
    "required": ("必填", "Required"),
    # the centre's dashboard
    "centre": ("联盟中心", "Alliance centre"),
    "sign_in": ("登录", "Sign in"),
    "sign_out": ("退出", "Sign out"),
    "username": ("用户名", "Username"),
    "password": ("密码", "Password"),
    "bad_login": ("用户名或密码不正确", "Wrong username or password"),
    "forbidden": ("无权访问", "Not allowed"),
    "forbidden_station": ("您无权查看或管理该站点", "You may not see or manage that station"),
    "csrf": ("页面已过期，请返回刷新后重试", "The page has expired: go back, reload and try again"),
    "stations": ("站点与终端", "Stations and kiosks"),
    "usage": ("服务人次", "People served"),
    "vol_hours": ("志愿时长", "Volunteer hours"),
    "tickets": ("求助与诉求", "Requests and wishes"),
    "publish": ("发布配置", "Publish configuration"),
    "all_stations": ("全部站点", "All stations"),
    "from": ("开始日期", "From"),
    "to": ("结束日期", "To"),
    "filter": ("筛选", "Filter"),
    "csv": ("导出 CSV", "Export CSV"),
    "kiosk": ("终端", "Kiosk"),
    "online": ("在线", "Online"),
    "offline": ("离线", "Offline"),
    "last_seen": ("最近同步", "Last seen"),
    "acked": ("已收记录", "Events received"),
    "pending": ("待上传", "Unsent"),
    "pending_hint": (
        "终端上次上传时尚未上传的记录数；“—”表示该终端版本不报告此数",
        "Events the kiosk still held unsent at its last upload; “—”: its version does not say",
    ),
    "rejects": ("拒收", "Rejects"),
    "skew": ("时钟偏差", "Clock skew"),
    "revoked": ("已停用", "Revoked"),
    "never": ("从未", "never"),
    "service": ("服务", "Service"),
    "audience": ("服务对象", "Group"),
    "people": ("人次", "People"),
    "uses": ("登记次数", "Records"),
    "total": ("合计", "Total"),
    "volunteer": ("志愿者", "Volunteer"),
    "shifts": ("班次", "Shifts"),
    "hours_col": ("时长（小时）", "Hours"),
    "flagged": ("待核实", "To review"),
    "requests": ("求助", "Requests"),
    "open": ("未完成", "Open"),
    "completed": ("已完成", "Done"),
    "cancelled": ("已取消", "Cancelled"),
    "median_response": ("接单中位时长（分钟）", "Median minutes to accept"),
    "wishes": ("诉求 / 心愿", "Needs and wishes"),
    "wishes_open": ("未答复", "Unanswered"),
    "open_list": ("未完成的单", "Open tickets"),
    "waiting": ("已等待（分钟）", "Waiting (min)"),
    "channel": ("渠道", "Channel"),
    "state_col": ("状态", "State"),
    "kind_col": ("类型", "Kind"),
    "kind_config": ("配置类型", "Kind"),
    "for_station": ("适用站点", "For station"),
    "body": ("内容（JSON）", "Body (JSON)"),
    "published": ("已发布：{kind} 第 {version} 版", "Published: {kind} version {version}"),
    "bad_json": ("内容须为 JSON 对象", "The body must be a JSON object"),
    "nothing": ("没有记录", "Nothing to show"),
    "charging_overdue": ("充电超时未取", "Phones left charging too long"),
    "alerts": ("库存与到期提醒", "Stock and expiry alerts"),
    "area_medicine": ("爱心药箱", "Medicine box"),
    "area_aed": ("每日检查与 AED", "Daily check and AED"),
    "area_lending": ("借用物品", "Lending"),
    "area_charging": ("手机充电", "Phone charging"),
    "alert_col": ("提醒", "Alert"),
    "area_col": ("类别", "Area"),
    "no_alerts": ("没有提醒", "No alerts"),
    "alerts_as_of": ("截至 {now}（站点时间）", "As of {now} (station time)"),
    "slot": ("格口", "Slot"),
    "since": ("存入时间", "Since"),
    "hours_ago": ("已存（小时）", "Hours"),
    "locked": ("已锁定", "Locked"),
}

ERRORS: dict[str, tuple[str, str]] = {
    "category": ("请选择一项", "Please choose one"),
    "train": ("车次格式如 G1234", "A train looks like G1234"),
    "departs": ("时间格式如 14:30", "A time looks like 14:30"),
    "phone": ("手机号须为 6–15 位数字", "A phone number is 6 to 15 digits"),
    "text": ("最多 200 字", "200 characters at most"),
    "text_required": ("请写下内容", "Please write something"),
    "too_large": ("提交的内容过长", "What you sent is too long"),
    "unstorable": ("含有无法保存的字符", "This contains characters that cannot be stored"),
}


def words(lang: str) -> dict[str, str]:
    """Every page word in `lang` (zh or en)."""
    i = 0 if lang == "zh" else 1
    return {key: pair[i] for key, pair in _TEXT.items()}


def label(table: Mapping[Any, tuple[str, str]], key: Any, lang: str) -> str:
    """`key`'s name in `lang`; an unknown key shows as itself (its last part for a tuple)."""
    pair = table.get(key)
    if pair is None:
        return str(key[-1]) if isinstance(key, tuple) else str(key)
    return pair[0] if lang == "zh" else pair[1]


def choose_lang(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page language: the switch link, then the remembered choice, then the phone's."""
    for explicit in (query, cookie):
        if explicit in LANGS:
            return str(explicit)
    best, best_q = "zh", -1.0
    for part in (accept_language or "")[:400].split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and q > 0 and q > best_q:  # q=0 (or unreadable): not acceptable
            best, best_q = primary, q
    return best
