"""What the result screen says, in both languages at once (pure, no Qt): an `Outcome`, and the
ones for errors. Each feature words its own (a clocking's: `features/shifts/ui/outcomes.py`).

Outcomes are shown bilingually like errors: the current language large, the other beneath, so a
person who reads only one of them is never left guessing whether it worked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.errors import KioskError


class Tone(StrEnum):
    SUCCESS = "success"
    INFO = "info"
    QUESTION = "question"
    ERROR = "error"


@dataclass(frozen=True)
class FollowUp:
    """A next step the result screen offers beside Done (e.g. record a handover after a
    check-out): its button's words and what a tap does."""

    name: str  # the button's object name, for tests
    zh: str
    en: str
    act: Callable[[], None]

    def text(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class Outcome:
    """Texts and look of one result screen; `offer_cancel_shift` is set when the screen offers
    to cancel that shift's check-in or check out anyway (a clocking's question)."""

    tone: Tone
    icon: str
    zh: str
    en: str
    detail_zh: str = ""
    detail_en: str = ""
    offer_cancel_shift: str = ""
    follow_up: FollowUp | None = None

    def title(self, language: str) -> str:
        return self.zh if language == "zh" else self.en

    def detail(self, language: str) -> str:
        return self.detail_zh if language == "zh" else self.detail_en


def error(exc: KioskError) -> Outcome:
    return Outcome(Tone.ERROR, "alert", exc.zh, exc.en)


UNEXPECTED = Outcome(
    Tone.ERROR,
    "info",
    "请联系志愿者",
    "Please ask a volunteer",
    "终端遇到了问题，已记录。您的数据是安全的。",
    "The kiosk ran into a problem and noted it. Your data is safe.",
)
