"""The web pages' words in 中文 and English, and which of the two a phone gets.

The phone's Accept-Language decides unless the traveller tapped the switch link (`?lang=`),
which is remembered in a cookie. Chinese is the default: most travellers read it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

LANGS = ("zh", "en")
LANG_COOKIE = "lang"

_TEXT: dict[str, tuple[str, str]] = {
    "switch": ("English", "中文"),
    "not_found": ("找不到该页面", "Page not found"),
    "not_found_ticket": ("找不到该单号", "No such ticket"),
    "too_many": ("操作太频繁", "Too many requests"),
    "too_many_body": (
        "您的操作太频繁了，请 {wait}后再试。",
        "You are going too fast: please try again in {wait}.",
    ),
    "too_many_kept": (
        "您填写的内容已保留，到时再点“提交”即可。",
        "What you typed is kept here: tap Send again then.",
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
    "publish": ("发布配置", "Publish configuration"),
    "webhooks": ("群机器人推送", "Station webhooks"),
    "webhooks_hint": (
        "站点的紧急求助和紧急求助请求会即时推送到这里配置的企业微信群机器人、"
        "钉钉机器人或 JSON 接口；失败会自动重试，结果见下方推送记录。",
        "The station's emergencies and urgent requests are sent at once to the WeCom group "
        "robots, DingTalk robots or JSON receivers set here; failed calls are retried, and the "
        "log below shows each one.",
    ),
    "webhooks_of": ("本站推送地址", "This station's webhooks"),
    "webhook_kind": ("类型", "Kind"),
    "webhook_url": ("地址（Webhook URL）", "Webhook URL"),
    "webhook_secret": ("加签密钥（仅钉钉，可不填）", "Signing secret (DingTalk only, optional)"),
    "webhook_state": ("状态", "State"),
    "webhook_wecom": ("企业微信群机器人", "WeCom group robot"),
    "webhook_dingtalk": ("钉钉机器人", "DingTalk robot"),
    "webhook_json": ("通用 JSON", "Generic JSON"),
    "webhook_signed": ("已加签", "signed"),
    "webhook_on": ("启用", "On"),
    "webhook_off": ("已停用", "Off"),
    "webhook_turn_off": ("停用", "Turn off"),
    "webhook_turn_on": ("启用", "Turn on"),
    "webhook_add": ("添加推送地址", "Add a webhook"),
    "webhook_added": ("已添加推送地址", "Webhook added"),
    "no_webhooks": ("尚未配置推送地址", "No webhooks yet"),
    "webhook_log": ("推送记录", "Delivery log"),
    "webhook_at": ("时间", "When"),
    "webhook_event": ("事件", "Event"),
    "webhook_status": ("结果", "Result"),
    "webhook_attempts": ("尝试次数", "Attempts"),
    "webhook_last": ("最近一次", "Last attempt"),
    "delivery_sending": ("发送中（重试）", "Sending (retrying)"),
    "delivery_delivered": ("已送达", "Delivered"),
    "delivery_failed": ("失败", "Failed"),
    "older": ("更早的记录", "Older"),
    "all_stations": ("全部站点", "All stations"),
    "station_search": ("名称或编码（空：全部站点）", "Name or code (empty: all)"),
    "station_type": ("站点名称或编码", "Station name or code"),
    "station_none": (
        "没有名称或编码包含“{text}”的站点",
        "No station's name or code contains “{text}”",
    ),
    "station_many": (
        "有 {n} 个站点包含“{text}”：{names}。请输入更完整的名称或编码",
        "{n} stations contain “{text}”: {names}. Type more of the name or the code",
    ),
    "from": ("开始日期", "From"),
    "to": ("结束日期", "To"),
    "filter": ("筛选", "Filter"),
    "csv": ("导出 CSV", "Export CSV"),
    "kiosk": ("终端", "Kiosk"),
    "kiosk_name": ("终端名称", "Kiosk name"),
    "app_version": ("版本", "Version"),
    "disk_free": ("磁盘剩余", "Disk free"),
    "last_error": ("最近错误", "Last error"),
    "silent_kiosks": (
        "{count} 台终端超过 {minutes} 分钟没有同步：{which}",
        "{count} kiosk(s) not heard from for over {minutes} minutes: {which}",
    ),
    "list_sep": ("、", ", "),
    "and_more": ("，另有 {n} 台", " and {n} more"),
    "stations_totals": (
        "共 {stations} 个站点、{kiosks} 台终端："
        "在线 {online} 台，离线 {offline} 台，已停用 {revoked} 台",
        "{stations} stations, {kiosks} kiosks: {online} online, {offline} offline, "
        "{revoked} revoked",
    ),
    "kiosk_at": ("{kiosk}（{station}）", "{kiosk} ({station})"),
    "kiosk_name_hint": ("如：北出口", "e.g. North exit"),
    "entries_hint": (
        "每行一项。编号是记录里用的固定代号（如 umbrella、3），改了编号就是另一项；"
        "勾选“删除”去掉该行；在空白行填写即新增。",
        "One entry a row. The ID is the fixed code the records use (e.g. umbrella, 3); a changed "
        "ID is another entry. Tick Remove to drop a row; fill in a blank row to add one.",
    ),
    "entries_remove": ("删除", "Remove"),
    "entries_new": ("新增", "New"),
    "opening_hours": ("开放时间：", "Opening hours: "),
    "open_all_day": ("全天开放", "Open all day"),
    "opens": ("开门", "Opens"),
    "closes": ("关门", "Closes"),
    "set_hours": ("保存开放时间", "Save hours"),
    "hours_hint": (
        "时:分，都不填为全天开放；只有开放时间内的静默才会标出终端",
        "HH:MM; both empty for all day. Only silence while open flags a kiosk",
    ),
    "hours_set": ("开放时间已保存：{hours}", "Opening hours saved: {hours}"),
    "region": ("片区", "Region"),
    "region_now": ("片区：", "Region: "),
    "no_region": ("未分区", "No region"),
    "set_region": ("保存片区", "Save region"),
    "region_hint": ("如：福州市；不填为未分区", "e.g. Fuzhou; empty for no region"),
    "region_set": ("片区已保存：{region}", "Region saved: {region}"),
    "forbidden_region": ("只有中心管理员可以设置片区", "Only a centre admin sets a region"),
    "rename": ("改名", "Rename"),
    "renamed": (
        "已改名为“{name}”，本站终端下次同步后显示",
        "Renamed to “{name}”; the station's kiosks show it after their next sync",
    ),
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
    "total": ("合计", "Total"),
    "kind_config": ("配置类型", "Kind"),
    "for_station": ("适用站点", "For station"),
    "body": ("内容（JSON）", "Body (JSON)"),
    "published": ("已发布：{kind} 第 {version} 版", "Published: {kind} version {version}"),
    "bad_json": ("内容须为 JSON 对象", "The body must be a JSON object"),
    "all_stations_n": ("全部 {n} 个站点", "all {n} stations"),
    "choose_station": ("请选择站点", "Choose a station"),
    "no_publication": ("找不到这次发布", "No such publication"),
    "preview_step": ("预览", "Preview"),
    "preview_title": (
        "预览：{kind} → {scope}（终端将读到 {count} 项）",
        "Preview: {kind} → {scope} ({count} entries a kiosk will read)",
    ),
    "preview_more": ("另有 {n} 项未列出", "{n} more not listed"),
    "confirm_publish": ("确认发布", "Publish"),
    "confirm_all": (
        "将发布到{scope}，每个站点的终端都会收到。确认发布到全部站点",
        "This goes to {scope}: every station's kiosks receive it. Publish to all stations",
    ),
    "back_edit": ("返回修改", "Back to edit"),
    "history": ("发布记录：{kind} → {scope}", "Publications: {kind} → {scope}"),
    "version": ("版本", "Version"),
    "published_at": ("发布时间", "Published"),
    "size": ("大小（字符）", "Size (characters)"),
    "load": ("载入修改", "Load to edit"),
    "republish": ("重新发布", "Publish again"),
    "edit_as_json": ("以 JSON 编辑", "Edit as JSON"),
    "open_form": ("打开", "Open"),
    "edit_as_fields": ("按表单填写", "Fill in the form"),
    "nothing": ("没有记录", "Nothing to show"),
    "pager_of": (
        "第 {number} / {pages} 页：第 {first}–{last} 行，共 {rows} 行（合计含全部行）",
        "Page {number} of {pages}: rows {first}–{last} of {rows} (totals cover every row)",
    ),
    "pager_first": ("首页", "First"),
    "pager_prev": ("上一页", "Previous"),
    "pager_next": ("下一页", "Next"),
    "pager_last": ("末页", "Last"),
    "chart_numbers": ("查看数据表", "Show the numbers"),
    "day": ("日期", "Day"),
    "alerts": ("库存与到期提醒", "Stock and expiry alerts"),
    "area_medicine": ("爱心药箱", "Medicine box"),
    "area_aed": ("每日检查与 AED", "Daily check and AED"),
    "area_lending": ("借用物品", "Lending"),
    "area_charging": ("手机充电", "Phone charging"),
    "alert_col": ("提醒", "Alert"),
    "area_col": ("类别", "Area"),
    "no_alerts": ("没有提醒", "No alerts"),
    "chart_alerts_regions": ("各片区当前提醒数", "Alerts open now, by region"),
    "alerts_unit": ("条", "alerts"),
    "chart_stock_days": (
        "{areas}：近 30 天每天结束时的库存与效期提醒",
        "{areas}: stock and expiry alerts at each day's end, last 30 days",
    ),
    "chart_stock_regions": (
        "{areas}：近 30 天提醒条·天，按片区",
        "{areas}: alert-days in the last 30 days, by region",
    ),
    "chart_stock_stations": (
        "{areas}：近 30 天提醒条·天，按驿站",
        "{areas}: alert-days in the last 30 days, by station",
    ),
    "alert_days_unit": ("条·天", "alert-days"),
    "chart_rest_alert_days": (
        "另有 {count} 个驿站共 {value} 条·天未画出，见下表。",
        "{count} more stations with {value} alert-days are not drawn: see the table below.",
    ),
    "alerts_total": (
        "{stations} 个驿站中 {alerted} 个有提醒，共 {alerts} 条，其中紧急 {urgent} 条；"
        "提醒最紧急、最多的驿站排在前面。",
        "{alerted} of {stations} stations have alerts: {alerts} in all, {urgent} urgent;"
        " the stations with the most urgent and the most alerts come first.",
    ),
    "alerts_as_of": ("截至 {now}（站点时间）", "As of {now} (station time)"),
}

ERRORS: dict[str, tuple[str, str]] = {
    "too_large": ("提交的内容过长", "What you sent is too long"),
}


# The hub parts' own words (`HubPart.words`), added when an app is built: one namespace.
_PARTS: list[Mapping[str, tuple[str, str]]] = []


def add_words(table: Mapping[str, tuple[str, str]]) -> None:
    """Add a hub part's page words; the same table again is a no-op (every app built in a
    process shares them), a word another table already has is a wiring bug and refused."""
    if any(table is known for known in _PARTS):
        return
    taken = set(_TEXT).union(*_PARTS)
    if clash := sorted(set(table) & taken):
        raise ValueError(f"page words defined twice: {', '.join(clash)}")
    _PARTS.append(table)


def words(lang: str) -> dict[str, str]:
    """Every page word in `lang` (zh or en): the platform's and the hub parts'."""
    i = 0 if lang == "zh" else 1
    found = {key: pair[i] for key, pair in _TEXT.items()}
    for table in _PARTS:
        found.update((key, pair[i]) for key, pair in table.items())
    return found


_UNITS = {
    "zh": (("秒", "秒"), ("分钟", "分钟"), ("小时", "小时")),
    "en": (("second", "seconds"), ("minute", "minutes"), ("hour", "hours")),
}


def wait_words(seconds: float, lang: str) -> str:
    """A wait as people say it: "40 秒", "2 分钟", "1 hour" (rounded up, so nobody is told to
    come back before the bucket has a token again)."""
    whole = max(1, math.ceil(seconds))
    if whole < 60:
        amount, unit = whole, 0
    elif whole <= 90 * 60:
        amount, unit = math.ceil(whole / 60), 1
    else:
        amount, unit = math.ceil(whole / 3600), 2
    one, many = _UNITS["zh" if lang == "zh" else "en"][unit]
    return f"{amount} {one if amount == 1 else many}"


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
