"""Every enum label in 中文 and English: the one table the kiosk's pages, its PDFs, the phone
pages, the centre and the log review all read (DESIGN §1: one name for one thing).

Each table maps a coded value (an enum's `.value`, as stored in events and projections) to its
(zh, en) pair. Page chrome (titles, buttons, sentences) stays in Qt's `.ts` and the hub's page
words; only the names of coded values live here, so a wheelchair request is called the same on
the kiosk tile, the traveller's phone, the admin's log and the centre's list.
`tests/core/test_words.py` checks that every value of every shown enum has exactly one pair.

Pure data (no Qt, no database): the hub, the services and the widgets all import it.
"""

from __future__ import annotations

from collections.abc import Mapping

Pair = tuple[str, str]  # (zh, en)
Words = Mapping[str, Pair]

# --- requests (点单) and needs and wishes (诉求 / 微心愿) -----------------------------------------

# Decided words (the four homes had drifted): 陪同 (accompany), not 陪护 (which reads as nursing
# care: the volunteer walks beside the traveller to the train, nobody nurses them); a person
# before an item (寻人 / 寻物): a lost child is the urgent case; "Other help" rather than a bare
# "Other", which says nothing in a log column or on the centre's list.
REQUEST_CATEGORIES: Words = {
    "wheelchair": ("轮椅 / 陪同", "Wheelchair or escort"),
    "luggage": ("行李搬运", "Help with luggage"),
    "lost": ("寻人 / 寻物", "Lost person or item"),
    "directions": ("问路引导", "Directions"),
    "medical": ("身体不适", "Feeling unwell"),
    "other": ("其他帮助", "Other help"),
}

# Decided: 工资 (wages), not 欠薪 (unpaid wages): a rider docked or underpaid has a wage problem
# too, and the centre counts this category as "pay and labour rights", not only arrears.
# "for the station", not "for us": the centre reads the same words and is not "us".
WISH_CATEGORIES: Words = {
    "wages": ("工资 / 劳动权益", "Wages, labour rights"),
    "rest": ("休息 / 吃饭 / 充电", "Rest, food, charging"),
    "health": ("健康", "Health"),
    "job": ("工作 / 培训", "Work or training"),
    "family": ("家庭", "Family"),
    "suggestion": ("对驿站的建议", "A suggestion for the station"),
    "other": ("其他心愿", "Another wish"),
}

# Decided: short words, the same on the traveller's ticket (kiosk and phone), the volunteer's
# queue, the admin's table and the log. The admin's table must fit with its button in large type,
# which rules out sentences ("等待志愿者接单" made it scroll); where a volunteer has a name, the
# ticket and the queue still say who is coming in a sentence of their own.
REQUEST_STATUSES: Words = {
    "ordered": ("等待接单", "Waiting"),
    "accepted": ("已接单", "Accepted"),
    "completed": ("已完成", "Done"),
    "rated": ("已评价", "Rated"),
    "cancelled": ("已取消", "Cancelled"),
}

WISH_STATUSES: Words = {
    "received": ("已收到", "Received"),
    "in_progress": ("正在办理", "In progress"),
    "answered": ("已答复", "Answered"),
}

COMPLETION_NOTES: Words = {
    "escorted": ("已送上车 / 送到出口", "Escorted to the train or exit"),
    "helped": ("已现场帮助", "Helped on the spot"),
    "found": ("已找到", "Found"),
    "handed_over": ("已移交车站 / 警方", "Handed to station staff or police"),
    "not_found": ("未找到求助人", "Could not find the requester"),
    "other": ("其他", "Other"),
}

# Decided: the volunteer's card and the admin's table say the same, short enough for the table
# in large type (the admin had its own "超时未接" / "Late", the card its own sentences).
ESCALATIONS: Words = {
    "late": ("超时未接单", "Late"),
    "train": ("即将发车", "Train leaves soon"),
}

RATINGS: Words = {"good": ("满意", "Good"), "ok": ("一般", "OK"), "bad": ("不满意", "Not good")}

CHANNELS: Words = {"kiosk": ("终端", "Kiosk"), "phone": ("手机", "Phone")}

# --- people served (人次) ---------------------------------------------------------------------

# Decided: one person, named by their work ("Delivery rider", not "Rider" nor a plural): the
# kiosk's button is tapped for one person, and a column or a chart bar names a kind of person.
AUDIENCES: Words = {
    "traveller": ("旅客", "Traveller"),
    "rider": ("外卖骑手", "Delivery rider"),
    "courier": ("快递员", "Courier"),
    "sanitation": ("环卫工人", "Sanitation worker"),
    "driver": ("司机", "Driver"),
    "elderly": ("老人", "Elderly"),
    "disabled": ("残障人士", "Disabled"),
    "other": ("其他", "Other"),
    "none": ("未选择", "Not given"),
}

# --- shifts and admin -----------------------------------------------------------------------

SHIFT_STATUSES: Words = {
    "open": ("在岗", "On duty"),
    "closed": ("已签退", "Closed"),
    "auto_closed": ("超时关闭", "Closed by the sweep"),
    "cancelled": ("已取消", "Cancelled"),
}

AMEND_REASONS: Words = {
    "forgot_checkout": ("忘记签退", "Forgot to check out"),
    "left_early": ("提前离开", "Left earlier"),
    "stayed_later": ("延后离开", "Stayed later"),
    "wrong_person": ("签到人有误", "Wrong person checked in"),
    "other": ("其他", "Other"),
}

ROLES: Words = {
    "station_admin": ("站点管理员", "Station admin"),
    "team_leader": ("组长", "Team leader"),
}

ACTIONS: Words = {
    "login": ("登录", "Logged in"),
    "login_failed": ("登录失败", "Login failed"),
    "logout": ("退出", "Logged out"),
    "volunteer_added": ("添加志愿者", "Volunteer added"),
    "volunteer_deactivated": ("停用志愿者", "Volunteer deactivated"),
    "pin_reset": ("重置密码", "PIN reset"),
    "badge_printed": ("打印工牌", "Badge printed"),
    "badge_revoked": ("作废工牌", "Badge revoked"),
    "badge_lifetime_set": ("设置工牌有效期", "Badge lifetime set"),
    "account_set": ("设置账号", "Account set"),
    "shift_approved": ("通过班次", "Shift approved"),
    "shift_amended": ("更正班次", "Shift corrected"),
    "settings_changed": ("修改设置", "Settings changed"),
    "enrolled": ("接入中心", "Enrolled"),
    "sync_now": ("立即同步", "Synced now"),
    "sweep": ("关闭超时班次", "Sweep"),
    "charging_closed": ("结束充电", "Charging closed"),
    "kiosk_left": ("退出终端模式", "Left kiosk mode"),
    "slot_set": ("设置充电位", "Charging slot set"),
    "lending_item_set": ("设置借用物品", "Lending item set"),
    "medicine_item_set": ("设置药品", "Medicine item set"),
    "certificate_issued": ("出具服务时长证明", "Certificate issued"),
    "certificate_reprinted": ("补打证明副本", "Certificate copy printed"),
    "service_set": ("调整首页服务", "Home service set"),
    "stock_added": ("调整借用库存", "Lending stock changed"),
    "loan_returned": ("代为归还", "Loan returned by staff"),
    "loan_written_off": ("借用核销", "Loan written off"),
    "request_withdrawn": ("撤销求助单", "Help request withdrawn"),
    "wish_status_set": ("处理心愿", "Need or wish handled"),
    "training_recorded": ("登记培训记录", "Training recorded"),
    "training_corrected": ("更正培训记录", "Training corrected"),
    "training_voided": ("作废培训记录", "Training voided"),
    "activity_created": ("新建活动", "Activity created"),
    "activity_cancelled": ("取消活动", "Activity cancelled"),
    "activity_hours_credited": ("记录活动时长", "Activity hours credited"),
    "rota_set": ("排班", "Rota entry added"),
    "rota_removed": ("删除排班", "Rota entry removed"),
    "rota_swap_approved": ("批准换班", "Rota swap approved"),
    "personal_data_erased": ("删除个人信息", "Personal data erased"),
}

# --- charging and lending -------------------------------------------------------------------

CHARGING_STATUSES: Words = {
    "open": ("充电中", "Charging"),
    "collected": ("已取走", "Collected"),
    "closed": ("志愿者结束", "Closed by staff"),
}

# Decided: the staff's button, the log and the monthly PDF say the same short words (the button
# said "Code forgotten, owner checked": an instruction, not a name; the log said "code forgotten").
CHARGING_CLOSE_REASONS: Words = {
    "code_forgotten": ("忘记取件码", "Code forgotten"),
    "lost_and_found": ("转失物招领", "To lost and found"),
    "slot_fault": ("充电位故障", "Slot fault"),
    "other": ("其他", "Other"),
}

LOAN_STATUSES: Words = {
    "out": ("借出中", "Out"),
    "returned": ("已归还", "Returned"),
    "written_off": ("已核销", "Written off"),
}

# Decided: "lost / not returned" as on the staff's button (a loan that never came back is the
# common case, and the log said only "lost").
WRITE_OFF_REASONS: Words = {
    "lost": ("丢失 / 未归还", "Lost / not returned"),
    "damaged": ("损坏", "Damaged"),
    "other": ("其他", "Other"),
}

# --- first aid and incidents ----------------------------------------------------------------

PLACES: Words = {
    "waiting_hall": ("候车厅", "Waiting hall"),
    "platform": ("站台", "Platform"),
    "entrance": ("进出站口", "Entrance / exit"),
    "square": ("站前广场", "Station square"),
    "rest_station": ("驿站", "Rest station"),
    "other": ("其他地点", "Elsewhere"),
}

WHAT_HAPPENED: Words = {
    "fainting": ("晕倒", "Fainted"),
    "fall": ("跌倒 / 受伤", "Fall / injury"),
    "bleeding": ("出血", "Bleeding"),
    "chest_pain": ("胸痛", "Chest pain"),
    "breathing": ("呼吸困难", "Breathing trouble"),
    "heat": ("中暑", "Heatstroke"),
    "seizure": ("抽搐", "Seizure"),
    "illness": ("身体不适", "Feeling unwell"),
    "other": ("其他情况", "Something else"),
}

FIRST_AID: Words = {
    "cpr": ("心肺复苏", "CPR"),
    "aed": ("AED 除颤", "AED shock"),
    "wound_care": ("伤口处理", "Wound care"),
    "recovery_position": ("复原卧位", "Recovery position"),
    "cooling": ("降温", "Cooling"),
    "observation": ("休息观察", "Rest and watch"),
    "medicine": ("给药", "Medicine given"),
}

INCIDENT_OUTCOMES: Words = {
    "recovered": ("好转离开", "Recovered, went on"),
    "hospital": ("送医（120）", "To hospital (120)"),
    "family": ("家属接走", "Family took over"),
    "police": ("移交警方", "Handed to police"),
    "declined": ("拒绝帮助", "Declined help"),
    "other": ("其他", "Other"),
}

VOID_REASONS: Words = {
    "duplicate": ("重复登记", "Duplicate"),
    "mistake": ("误登记", "Entered by mistake"),
    "other": ("其他原因", "Other reason"),
}

# --- medicine box ---------------------------------------------------------------------------

DISPENSE_REASONS: Words = {
    "fever_pain": ("发热 / 疼痛", "Fever / pain"),
    "cold_cough": ("感冒 / 咳嗽", "Cold / cough"),
    "stomach": ("肠胃不适", "Stomach"),
    "cut_graze": ("割伤 / 擦伤", "Cut / graze"),
    "motion_sickness": ("晕车晕船", "Travel sickness"),
    "heat": ("中暑", "Heat"),
    "other": ("其他", "Other"),
    "incident": ("急救处置", "First aid"),
}

DISCARD_REASONS: Words = {
    "expired": ("过期", "Expired"),
    "damaged": ("损坏", "Damaged"),
    "count_correction": ("盘点更正", "Count corrected"),
}

# The medicine box's log: how units moved in or out of a batch.
MEDICINE_MOVES: Words = {
    "dispensed": ("发放", "Given out"),
    "restocked": ("补充", "Restocked"),
    "discarded": ("取出", "Taken out"),
}

AED_LIGHTS: Words = {
    "green": ("绿灯（正常）", "Green (ready)"),
    "red": ("红灯 / 闪烁", "Red / flashing"),
    "off": ("不亮", "Off"),
}

# Volunteers' badges: why one was revoked, a serial's state, and the badge log's two events.
BADGE_REVOKE_REASONS: Words = {
    "lost": ("遗失", "Lost"),
    "stolen": ("被盗", "Stolen"),
    "damaged": ("损坏", "Damaged"),
    "left": ("志愿者离站", "Volunteer left"),
    "other": ("其他原因", "Other reason"),
}

BADGE_STATUSES: Words = {
    "current": ("有效", "Valid"),
    "replaced": ("已被新工牌取代", "Replaced"),
    "revoked": ("已作废", "Revoked"),
    "expired": ("已过期", "Expired"),
}

BADGE_EVENTS: Words = {
    "issued": ("打印工牌", "Issued"),
    "revoked": ("作废工牌", "Revoked"),
}

# --- training and certificates of volunteers -------------------------------------------------

# Decided: 急救 / AED together (the courses teach both; the AED alone is not a course);
# 心肺复苏 (CPR) on its own, as the Red Cross certifies it; 防疫 for epidemic prevention; 岗前培训
# for the station's own induction (what a new volunteer does before their first shift).
TRAINING_KINDS: Words = {
    "first_aid": ("急救 / AED", "First aid / AED"),
    "cpr": ("心肺复苏", "CPR"),
    "epidemic": ("防疫", "Epidemic prevention"),
    "induction": ("岗前培训", "Station induction"),
}

TRAINING_VOID_REASONS: Words = {
    "duplicate": ("重复登记", "Recorded twice"),
    "mistake": ("登记错误", "Recorded by mistake"),
    "other": ("其他原因", "Another reason"),
}

TRAINING_EXPIRY: Words = {
    "valid": ("有效", "Valid"),
    "expiring": ("即将到期", "Expiring soon"),
    "expired": ("已过期", "Expired"),
}

# --- activities and meetings -----------------------------------------------------------------

ACTIVITY_KINDS: Words = {
    "meeting": ("会议", "Meeting"),
    "service_day": ("志愿服务日", "Service day"),
    "training": ("培训", "Training"),
    "other": ("其他活动", "Other"),
}

SIGN_IN_METHODS: Words = {
    "badge": ("刷工牌", "Badge"),
    "pin": ("手机号 + 密码", "Phone + PIN"),
    "phone": ("手机扫码", "Own phone"),
}

# --- shift handover ----------------------------------------------------------------------------

HANDOVER_REASONS: Words = {
    "unlogged": ("已发放或借出未登记", "Given or lent without a record"),
    "damaged": ("损坏或过期已丢弃", "Damaged or expired, thrown away"),
    "missing": ("找不到", "Cannot be found"),
    "found": ("多出（归还未登记）", "More than expected (returned unrecorded)"),
    "other": ("其他原因", "Another reason"),
}

# --- train times (the departures board's 状态 column) ------------------------------------------

# As station boards say them: 正在检票 from the check-in window, 停止检票 in the last minutes.
TRAIN_STATUSES: Words = {
    "on_time": ("正点", "On time"),
    "delayed": ("晚点", "Delayed"),
    "checking_in": ("正在检票", "Boarding"),
    "check_in_closed": ("停止检票", "Gate closed"),
    "cancelled": ("停运", "Cancelled"),
}

TRAIN_MARKS: Words = {
    "delayed": ("晚点", "Delayed"),
    "gate_changed": ("改检票口", "Gate changed"),
    "cancelled": ("停运", "Cancelled"),
    "reinstated": ("恢复运行", "Reinstated"),
}

# Personal data (docs/privacy.md): what a sealed field shows, and why a subject was erased.
PERSONAL_DATA: Words = {
    "erased": ("已删除", "Erased"),
}

ERASE_REASONS: Words = {
    "request": ("本人申请删除", "Erased at the person's request"),
    "retention": ("保存期满", "Retention period over"),
}

# --- sync -------------------------------------------------------------------------------------

# A new kiosk's first pull (docs/hub.md, live state first): what the log review says while the
# station's history is still arriving (the kiosk's `sync_state.live_state`). Worded as the
# other log notices: what is so, then what it means for the rows shown.
HISTORY_STATES: Words = {
    "live": ("正在同步站点当前状态…", "Fetching the station's current state…"),
    "history": (
        "历史记录同步中：较早的记录尚未全部显示",
        "History still arriving: older records are not all shown yet",
    ),
}

# --- the rota ---------------------------------------------------------------------------------

WEEKDAYS: Words = {
    "0": ("周一", "Mon"),
    "1": ("周二", "Tue"),
    "2": ("周三", "Wed"),
    "3": ("周四", "Thu"),
    "4": ("周五", "Fri"),
    "5": ("周六", "Sat"),
    "6": ("周日", "Sun"),
}

DUTY_STATES: Words = {
    "expected": ("待到岗", "Expected"),
    "checked_in": ("已到岗", "Checked in"),
    "no_show": ("未到岗", "No-show"),
    "over": ("已结束", "Over"),
}

SWAP_STATES: Words = {
    "offered": ("待接班", "Offered"),
    "taken": ("已接班，待批准", "Taken, awaiting approval"),
    "approved": ("已批准", "Approved"),
    "withdrawn": ("已撤回", "Withdrawn"),
}

# --- the three lists (三个清单, kiosk/features/lists) ---------------------------------------------

RESOURCE_KINDS: Words = {
    "venue": ("场地", "Venue"),
    "volunteers": ("志愿者", "Volunteers"),
    "skill": ("技能", "Skills"),
    "funds": ("资金", "Funds"),
    "goods": ("物资", "Goods"),
}

PROJECT_STATUSES: Words = {
    "open": ("进行中", "In progress"),
    "done": ("已完成", "Done"),
    "cancelled": ("已取消", "Cancelled"),
}

# Decided: 待对接 / 已对接 (the alliance's own words for matching a need to a resource).
NEED_STATES: Words = {
    "open": ("待对接", "Waiting"),
    "linked": ("已对接", "In a project"),
    "done": ("已完成", "Met"),
}

NEED_SOURCES: Words = {
    "wish": ("来自心愿", "From a wish"),
    "staff": ("工作人员登记", "Entered by staff"),
}

# Every table by name (the test walks them; a reader names its table directly).
TABLES: Mapping[str, Words] = {
    "request_categories": REQUEST_CATEGORIES,
    "wish_categories": WISH_CATEGORIES,
    "request_statuses": REQUEST_STATUSES,
    "wish_statuses": WISH_STATUSES,
    "completion_notes": COMPLETION_NOTES,
    "escalations": ESCALATIONS,
    "ratings": RATINGS,
    "channels": CHANNELS,
    "audiences": AUDIENCES,
    "shift_statuses": SHIFT_STATUSES,
    "amend_reasons": AMEND_REASONS,
    "roles": ROLES,
    "actions": ACTIONS,
    "charging_statuses": CHARGING_STATUSES,
    "charging_close_reasons": CHARGING_CLOSE_REASONS,
    "loan_statuses": LOAN_STATUSES,
    "write_off_reasons": WRITE_OFF_REASONS,
    "places": PLACES,
    "what_happened": WHAT_HAPPENED,
    "first_aid": FIRST_AID,
    "incident_outcomes": INCIDENT_OUTCOMES,
    "void_reasons": VOID_REASONS,
    "dispense_reasons": DISPENSE_REASONS,
    "discard_reasons": DISCARD_REASONS,
    "medicine_moves": MEDICINE_MOVES,
    "aed_lights": AED_LIGHTS,
    "badge_revoke_reasons": BADGE_REVOKE_REASONS,
    "badge_statuses": BADGE_STATUSES,
    "badge_events": BADGE_EVENTS,
    "training_kinds": TRAINING_KINDS,
    "training_void_reasons": TRAINING_VOID_REASONS,
    "training_expiry": TRAINING_EXPIRY,
    "activity_kinds": ACTIVITY_KINDS,
    "sign_in_methods": SIGN_IN_METHODS,
    "handover_reasons": HANDOVER_REASONS,
    "train_statuses": TRAIN_STATUSES,
    "train_marks": TRAIN_MARKS,
    "personal_data": PERSONAL_DATA,
    "erase_reasons": ERASE_REASONS,
    "weekdays": WEEKDAYS,
    "history_states": HISTORY_STATES,
    "duty_states": DUTY_STATES,
    "swap_states": SWAP_STATES,
    "resource_kinds": RESOURCE_KINDS,
    "project_statuses": PROJECT_STATUSES,
    "need_states": NEED_STATES,
    "need_sources": NEED_SOURCES,
}


def label(table: Words, value: str | None, language: str) -> str:
    """`value`'s name in `language` ("zh", else English); "" for no value, an unknown value
    (from a newer kiosk) as itself."""
    if not value:
        return ""
    pair = table.get(value)
    if pair is None:
        return str(value)
    return pair[0] if language == "zh" else pair[1]


def pick(table: Words, value: str | None, index: int) -> str:
    """`label` with the language as an index (0 zh, 1 en), as the log review counts them."""
    return label(table, value, "zh" if index == 0 else "en")
