"""The words of the phone pages (help, wish, ticket) and of the centre's tickets page, in
中文 and English: added to the hub's page words by the part (`HubPart.words`). The names of coded
values (categories, states) are the house's words, the same the kiosk and its log show."""

from __future__ import annotations

from kiosk.core import words as house

REQUEST_CATEGORIES = house.REQUEST_CATEGORIES
WISH_CATEGORIES = house.WISH_CATEGORIES
STATES: dict[str, tuple[str, str]] = {**house.REQUEST_STATUSES, **house.WISH_STATUSES}
RATINGS = house.RATINGS
CHANNELS = house.CHANNELS

WORDS: dict[str, tuple[str, str]] = {
    "where": ("位置", "Where"),
    "hours": ("开放时间", "Opening hours"),
    "order_help": ("请志愿者帮忙", "Ask a volunteer for help"),
    "leave_wish": ("留下诉求或心愿", "Leave a need or a wish"),
    "category": ("需要什么帮助", "What do you need"),
    "wish_category": ("关于什么", "What is it about"),
    "train": ("车次（选填）", "Train (optional)"),
    "departs": ("发车时间（选填）", "Departure time (optional)"),
    "phone": ("手机号（选填，仅志愿者可见）", "Phone (optional, only volunteers see it)"),
    "train_short": ("车次", "Train"),
    "category_short": ("类别", "Category"),
    "phone_short": ("手机号", "Phone"),
    "consent": (
        "我已阅读并同意：手机号和文字仅用于本次服务，加密保存，结单 {days} 天后删除；"
        "可向驿站或志愿服务中心申请提前删除。",
        "I have read and agree: my phone and words are used only for this ticket, stored "
        "encrypted and erased {days} days after it closes; I can ask the station or the volunteer "
        "centre to erase them sooner.",
    ),
    "erased": ("已删除", "Erased"),
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
    "status_line": ("当前状态：{state}", "Status: {state}"),
    "departs_short": ("发车时间", "Departs"),
    "look_up": ("查询单号", "Look up a ticket"),
    "look_up_hint": (
        "输入您的 6 位单号，查看求助或诉求的进展。",
        "Enter your 6-digit ticket number to see how your request or wish is going.",
    ),
    "ticket_number": ("单号（6 位数字）", "Ticket number (6 digits)"),
    "find": ("查询", "Look up"),
    "cancel_request": ("不需要了，取消求助", "I no longer need help: cancel"),
    "cancel_title": ("取消这次求助？", "Cancel this request?"),
    "cancel_body": (
        "取消后志愿者将不再前来。如仍需帮助，可以重新提交。",
        "No volunteer will come once it is cancelled. If you need help again, ask again.",
    ),
    "cancel_yes": ("确定取消", "Yes, cancel it"),
    "cancel_no": ("不取消，返回", "No, keep it"),
    "rate_title": ("这次帮助怎么样？", "How was the help?"),
    "rating_line": ("您的评价：{rating}。谢谢！", "Your rating: {rating}. Thank you!"),
    "answer": ("答复", "Answer"),
    "refreshes": ("本页每 20 秒自动刷新。", "This page refreshes itself every 20 seconds."),
    "request": ("求助", "Request for help"),
    "wish": ("诉求 / 心愿", "Need or wish"),
    "made_at": ("提交时间", "Made at"),
    "tickets": ("求助与诉求", "Requests and wishes"),
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
    "chart_response_days": ("每日接单中位时长", "Median minutes to accept, by day"),
    "chart_response_regions": ("各片区接单中位时长", "Median minutes to accept, by region"),
    "chart_response_stations": ("各站点接单中位时长", "Median minutes to accept, by station"),
    "minutes": ("分钟", "minutes"),
    "chart_rest_stations": (
        "另有 {count} 个站点未画出，见上表。",
        "{count} more stations are not drawn: see the table above.",
    ),
    "all_open": ("全部未完成", "All open"),
    "open_count": (
        "共 {total} 张，第 {page}/{pages} 页。",
        "{total} in all, page {page} of {pages}.",
    ),
    "age_legend": (
        "紧急的排在前面；等待超过 10 分钟标黄，超过 25 分钟标红。",
        "Urgent ones first; waiting over 10 min in amber, over 25 min in red.",
    ),
    "waiting_col": ("已等待", "Waiting"),
    "waiting_min": ("等待 {m} 分钟", "waiting {m} min"),
    "waiting_hours": ("等待 {h} 小时 {m} 分钟", "waiting {h} h {m} min"),
    "urgent": ("紧急", "Urgent"),
    "page_prev": ("上一页", "Previous page"),
    "page_next": ("下一页", "Next page"),
    # The centre's ticket page (desk.py)
    "ticket_title": ("单号 {ticket}", "Ticket {ticket}"),
    "back_to_list": ("返回列表", "Back to the list"),
    "their_words": ("留言", "Their words"),
    "personal_row": ("个人信息", "Personal data"),
    "personal_erased": (
        "手机号和留言已删除（本人申请或保存期满）",
        "The phone and words were erased (at the person's request or after retention)",
    ),
    "refused_accepts": (
        "未生效的接单（同时接单，较早者为准）",
        "Accepts that lost (taken at once: the earliest stands)",
    ),
    "accepted_by": ("接单志愿者", "Taken by"),
    "answer_wish": ("答复诉求 / 心愿", "Answer the need or wish"),
    "answer_hint": (
        "答复会显示在旅客手机的单号页面和驿站终端的单号查询中（500 字以内）。",
        "The answer shows on the traveller's ticket page and in the kiosks' ticket lookup "
        "(500 characters at most).",
    ),
    "answer_send": ("发送答复", "Send the answer"),
    "assign_title": ("派单给在岗志愿者", "Assign to a volunteer on duty"),
    "assign_pick": ("志愿者（姓名 · 编号）", "Volunteer (name · number)"),
    "assign_send": ("派单", "Assign"),
    "nobody_on_duty": (
        "该站点现在没有在岗志愿者（以终端已同步的签到为准）。",
        "Nobody is on duty at this station now (as far as the kiosks have synced).",
    ),
    "close_title": ("关闭此单", "Close this request"),
    "close_reason": ("关闭原因（必填，200 字以内）", "Reason (required, 200 characters at most)"),
    "close_send": ("关闭此单", "Close it"),
    "ticket_closed": ("此单已结束，不能再处理。", "This ticket is closed: nothing more to do."),
    "answered_notice": (
        "已答复，终端下次同步后可见。",
        "Answered: the kiosks show it after their next sync.",
    ),
    "assigned_notice": (
        "已派单给 {name}，终端下次同步后可见。",
        "Assigned to {name}: the kiosks show it after their next sync.",
    ),
    "history_title": ("处理记录", "History"),
    "by_centre": ("中心账号 {name}", "centre account {name}"),
    "by_phone": ("旅客手机", "the traveller's phone"),
    "by_kiosk": ("终端 {kiosk}", "kiosk {kiosk}"),
    "closed_notice": (
        "已关闭，终端下次同步后从队列中移除。",
        "Closed: the kiosks drop it after their next sync.",
    ),
}

# A ticket's events in its history on the centre's ticket page.
HISTORY: dict[str, tuple[str, str]] = {
    "request.ordered": ("提交求助", "Asked for help"),
    "request.accepted": ("接单", "Accepted"),
    "request.completed": ("完成", "Done"),
    "request.rated": ("评价", "Rated"),
    "request.cancelled": ("关闭 / 取消", "Closed or cancelled"),
    "wish.submitted": ("提交诉求 / 心愿", "Need or wish left"),
    "wish.status_set": ("更新状态", "Status set"),
}

# Why the centre's action on a ticket was refused (desk.DeskRefused.reason).
DESK_ERRORS: dict[str, tuple[str, str]] = {
    "answer_required": ("请写下答复", "Please write an answer"),
    "answer_too_long": ("答复最多 500 字", "An answer is 500 characters at most"),
    "reason_required": ("请写下关闭原因", "Please give a reason"),
    "reason_too_long": ("原因最多 200 字", "A reason is 200 characters at most"),
    "unstorable": ("含有无法保存的字符", "This contains characters that cannot be stored"),
    "volunteer_unknown": (
        "请选择一位该站点的在岗志愿者",
        "Please choose a volunteer on duty at this station",
    ),
    "closed": ("此单已结束，不能再处理", "This ticket is already closed"),
    "already_accepted": ("此单已有志愿者接单", "A volunteer has already taken this request"),
    "not_a_wish": ("只有诉求 / 心愿可以答复", "Only a need or wish can be answered"),
    "not_a_request": ("只有求助单可以派单或关闭", "Only a request can be assigned or closed"),
    "unknown_ticket": ("找不到该单号", "No such ticket"),
}

# A form field's mistake, by error key (TicketFormError.errors).
ERRORS: dict[str, tuple[str, str]] = {
    "category": ("请选择一项", "Please choose one"),
    "train": ("车次格式如 G1234", "A train looks like G1234"),
    "departs": ("时间格式如 14:30", "A time looks like 14:30"),
    "phone": ("手机号须为 6–15 位数字", "A phone number is 6 to 15 digits"),
    "text": ("最多 200 字", "200 characters at most"),
    "text_required": ("请写下内容", "Please write something"),
    "consent": (
        "留下手机号前，请勾选同意上面的说明",
        "Please tick the box to agree to the notice before leaving a phone",
    ),
    "unstorable": ("含有无法保存的字符", "This contains characters that cannot be stored"),
    "rating": ("请选择一个评价", "Please choose one"),
    "ticket": ("单号为 6 位数字，如 382914", "A ticket number is 6 digits, like 382914"),
}

# Why a ticket's action was refused, by TicketRefused.reason.
REFUSALS: dict[str, tuple[str, str]] = {
    "not_open": (
        "这次求助已完成或已取消，不能再取消",
        "This request is already done or cancelled: it cannot be cancelled",
    ),
    "not_done": ("服务完成后才能评价", "You can rate a request only after it has been done"),
    "rated": ("这次求助已经评价过了，谢谢", "This request has already been rated: thank you"),
}
