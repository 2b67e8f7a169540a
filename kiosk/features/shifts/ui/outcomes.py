"""What the result screen says about a clocking, in both languages at once (pure, no Qt): a
volunteer who reads only one of them is never left guessing whether the scan counted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from kiosk.core.results import ClockResult, VolunteerInfo
from kiosk.features.shifts.domain import ScanAction, format_duration
from kiosk.platform.ui.outcomes import Outcome, Tone

LocalTime = Callable[[datetime], datetime]


def _hm(moment: datetime | None, local: LocalTime) -> str:
    return "" if moment is None else local(moment).strftime("%H:%M")


def describe(result: ClockResult, local: LocalTime) -> Outcome:
    """The result screen for a scan or PIN entry."""
    who = f"{result.volunteer.name}（{result.volunteer.number}）"
    who_en = f"{result.volunteer.name} ({result.volunteer.number})"
    at_in = _hm(result.checked_in_at, local)
    if result.action is ScanAction.CHECK_IN:
        return Outcome(
            Tone.SUCCESS,
            "check",
            f"签到成功 {at_in}",
            f"Checked in at {at_in}",
            f"{who}，感谢您的服务！",
            f"Thank you for volunteering, {who_en}!",
        )
    if result.action is ScanAction.CHECK_OUT:
        minutes = result.minutes or 0
        at_out = _hm(result.checked_out_at, local)
        return Outcome(
            Tone.SUCCESS,
            "check",
            f"签退成功，本次服务 {format_duration(minutes, 'zh')}",
            f"Checked out: this shift was {format_duration(minutes, 'en')}",
            f"{who}  {at_in} – {at_out}，辛苦了！",
            f"{who_en}  {at_in} – {at_out}. Thank you!",
        )
    if result.action is ScanAction.ALREADY_CHECKED_IN:
        return Outcome(
            Tone.INFO,
            "clock",
            f"已于 {at_in} 签到，无需重复扫码",
            f"Already checked in at {at_in}: no need to scan again",
            who,
            who_en,
        )
    if result.action is ScanAction.ALREADY_CHECKED_OUT:
        at_out = _hm(result.checked_out_at, local)
        return Outcome(
            Tone.INFO,
            "clock",
            f"已于 {at_out} 签退，无需重复扫码",
            f"Already checked out at {at_out}: no need to scan again",
            who,
            who_en,
        )
    return Outcome(
        Tone.QUESTION,
        "info",
        f"您在 {at_in} 刚刚签到",
        f"You checked in only minutes ago, at {at_in}",
        f"{who}：要取消这次签到，还是仍要签退？",
        f"{who_en}: cancel this check-in, or check out anyway?",
        offer_cancel_shift=result.shift_id,
    )


def with_notes(outcome: Outcome, notes: list[tuple[str, str]]) -> Outcome:
    """The outcome with other features' lines (zh, en) under its detail."""
    if not notes:
        return outcome
    return replace(
        outcome,
        detail_zh="\n".join([outcome.detail_zh, *(zh for zh, _ in notes)]),
        detail_en="\n".join([outcome.detail_en, *(en for _, en in notes)]),
    )


def cancelled(result: ClockResult, local: LocalTime) -> Outcome:
    who = f"{result.volunteer.name}（{result.volunteer.number}）"
    who_en = f"{result.volunteer.name} ({result.volunteer.number})"
    at_in = _hm(result.checked_in_at, local)
    return Outcome(
        Tone.SUCCESS,
        "check",
        "已取消签到",
        "Check-in cancelled",
        f"{who} {at_in} 的签到不计入服务时长",
        f"The {at_in} check-in of {who_en} will not count",
    )


def pin_chosen(volunteer: VolunteerInfo) -> Outcome:
    """A PIN chosen with the centre's setup code: who, and what to do next."""
    return Outcome(
        Tone.SUCCESS,
        "check",
        "密码已设置",
        "Your PIN is set",
        f"{volunteer.name}（{volunteer.number}）：以后请用手机号和这个密码签到",
        f"{volunteer.name} ({volunteer.number}): check in with your phone and this PIN from now on",
    )
