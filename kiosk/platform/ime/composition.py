"""What the keyboard needs of the pinyin engine without loading it: key codes, the composition
it shows, the error of a missing engine (kept apart so importing the keyboard stays cheap)."""

from __future__ import annotations

from dataclasses import dataclass

# X keysyms librime understands for the keys the touch keyboard has.
KEY_BACKSPACE = 0xFF08
KEY_RETURN = 0xFF0D
KEY_ESCAPE = 0xFF1B
KEY_PAGE_UP = 0xFF55
KEY_PAGE_DOWN = 0xFF56


class RimeUnavailable(RuntimeError):
    """librime or its pinyin data is not installed (or would not start)."""


@dataclass(frozen=True)
class Composition:
    """What the candidate bar shows: the pinyin typed so far and this page's candidates."""

    preedit: str = ""
    candidates: tuple[str, ...] = ()
    page: int = 0
    last_page: bool = True

    @property
    def composing(self) -> bool:
        return bool(self.preedit)
