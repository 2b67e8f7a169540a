"""Names (zh, en) of the coded values the log review shows: incident picks, loan, request and
wish statuses and categories, audited actions.

Why here and not the screens' translated strings: an export is written off the GUI thread
without Qt and holds exactly what the table showed, so the log's cells are made by the service
layer in the language asked for. The screens that take these values keep their own labels.
"""

from __future__ import annotations

Names = dict[str, tuple[str, str]]

PLACES: Names = {
    "waiting_hall": ("候车厅", "Waiting hall"),
    "platform": ("站台", "Platform"),
    "entrance": ("进出站口", "Entrance / exit"),
    "square": ("站前广场", "Station square"),
    "rest_station": ("驿站", "Rest station"),
    "other": ("其他地点", "Elsewhere"),
}

WHAT: Names = {
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

FIRST_AID: Names = {
    "cpr": ("心肺复苏", "CPR"),
    "aed": ("AED 除颤", "AED shock"),
    "wound_care": ("伤口处理", "Wound care"),
    "recovery_position": ("复原卧位", "Recovery position"),
    "cooling": ("降温", "Cooling"),
    "observation": ("休息观察", "Rest and watch"),
    "medicine": ("给药", "Medicine given"),
}

OUTCOMES: Names = {
    "recovered": ("好转离开", "Recovered, went on"),
    "hospital": ("送医（120）", "To hospital (120)"),
    "family": ("家属接走", "Family took over"),
    "police": ("移交警方", "Handed to police"),
    "declined": ("拒绝帮助", "Declined help"),
    "other": ("其他", "Other"),
}

LOAN_STATUS: Names = {
    "out": ("借出中", "Out"),
    "returned": ("已归还", "Returned"),
    "written_off": ("已核销", "Written off"),
}

WRITE_OFF: Names = {
    "lost": ("丢失", "lost"),
    "damaged": ("损坏", "damaged"),
    "other": ("其他", "other"),
}

REQUEST_STATUS: Names = {
    "ordered": ("待接单", "Waiting"),
    "accepted": ("已接单", "Accepted"),
    "completed": ("已完成", "Done"),
    "rated": ("已评价", "Done and rated"),
    "cancelled": ("已取消", "Cancelled"),
}

REQUEST_CATEGORIES: Names = {
    "wheelchair": ("轮椅 / 陪护", "Wheelchair or escort"),
    "luggage": ("行李搬运", "Luggage"),
    "lost": ("寻物 / 寻人", "Lost item or person"),
    "directions": ("问路引导", "Directions"),
    "medical": ("身体不适", "Feeling unwell"),
    "other": ("其他帮助", "Other help"),
}

WISH_STATUS: Names = {
    "received": ("已收到", "Received"),
    "in_progress": ("正在办理", "In progress"),
    "answered": ("已答复", "Answered"),
}

WISH_CATEGORIES: Names = {
    "wages": ("工资 / 劳动权益", "Wages, labour rights"),
    "rest": ("休息 / 吃饭 / 充电", "Rest, food, charging"),
    "health": ("健康", "Health"),
    "job": ("工作 / 培训", "Work, training"),
    "family": ("家庭", "Family"),
    "suggestion": ("对驿站的建议", "A suggestion for us"),
    "other": ("其他心愿", "Another wish"),
}

CHANNELS: Names = {"kiosk": ("终端", "Kiosk"), "phone": ("手机", "Phone")}

RATINGS: Names = {"good": ("满意", "Good"), "ok": ("一般", "OK"), "bad": ("不满意", "Not good")}

ACTIONS: Names = {
    "login": ("登录", "Logged in"),
    "login_failed": ("登录失败", "Login failed"),
    "logout": ("退出", "Logged out"),
    "volunteer_added": ("添加志愿者", "Volunteer added"),
    "volunteer_deactivated": ("停用志愿者", "Volunteer deactivated"),
    "pin_reset": ("重置密码", "PIN reset"),
    "badge_printed": ("打印工牌", "Badge printed"),
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
}


def name(names: Names, value: str | None, pick: int) -> str:
    """The label of `value` in the language `pick` (0 zh, 1 en); unknown values as they are."""
    if not value:
        return ""
    return names.get(value, (value, value))[pick]
