"""Checks on text that comes from outside (scanners, keypads, data files, the wire)."""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, time
from typing import Any

from kiosk.core.errors import ValidationError

# What every store we write can hold: PostgreSQL refuses U+0000 in text and in json it turns
# into text, and neither UTF-8 nor a database holds a lone surrogate (U+D800..U+DFFF), which
# JSON's \ud800 escape and Python's str can still carry. Non-finite numbers are not JSON at all,
# integers past 64 bits fit no database column, and a very deep value overflows the encoders'
# stacks; kiosk payloads and hub configuration are a few levels deep.
MAX_JSON_DEPTH = 32
MAX_JSON_INT = 2**63 - 1
REPLACEMENT = "\ufffd"
_UNSTORABLE_CHAR = re.compile("[\x00\ud800-\udfff]")

PHONE_RE = re.compile(r"^1\d{10}$|^\d{6,15}$")
PIN_RE = re.compile(r"^\d{4,8}$")
# A spreadsheet runs a cell as a formula when it starts with = + - @ (or TAB / CR, which some
# strip first), also after leading blanks or control characters (OWASP "CSV injection").
_FORMULA_START = re.compile(r"[\s\x00-\x1f]*[=+\-@]|[\t\r]")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def clean_name(raw: str, *, max_len: int = 40) -> str:
    """A person's or item's display name: printable, no emoji or control characters."""
    name = unicodedata.normalize("NFC", raw).strip()
    if not name:
        raise ValidationError("名称不能为空", "The name must not be empty")
    if len(name) > max_len:
        raise ValidationError(f"名称最多 {max_len} 个字", f"The name is longer than {max_len}")
    for ch in name:
        category = unicodedata.category(ch)
        if category.startswith("C") or category == "So" or ord(ch) > 0xFFFF:
            raise ValidationError(
                "名称含有不支持的字符（如表情符号）",
                "The name contains unsupported characters (such as emoji)",
            )
    return name


def clean_phone(raw: str) -> str:
    """A phone number as digits only; mainland mobiles are 11 digits starting with 1."""
    digits = raw.strip().replace(" ", "").replace("-", "")
    if not PHONE_RE.match(digits):
        raise ValidationError("手机号格式不正确", "That is not a valid phone number")
    return digits


def clean_pin(raw: str) -> str:
    """A PIN is 4 to 8 digits."""
    if not PIN_RE.match(raw):
        raise ValidationError("密码须为 4 至 8 位数字", "The PIN must be 4 to 8 digits")
    return raw


def mask_phone(phone: str) -> str:
    """Show a phone as 138****1234: enough to recognise, not enough to call."""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * len(phone)


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet shows as text and never runs: one that could start a formula
    gets a leading apostrophe (OWASP). Plain numbers such as "-3" stay as they are.

    The one rule for every CSV the kiosk and the hub write."""
    if _FORMULA_START.match(cell) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def unstorable_char(text: str) -> str | None:
    """What in `text` no database we write can store (NUL, a lone surrogate), or None."""
    found = _UNSTORABLE_CHAR.search(text)
    if found is None:
        return None
    return "NUL (U+0000)" if found.group() == "\x00" else "a lone surrogate"


def unstorable_json(value: Any, where: str = "") -> str | None:
    """Where and why a JSON value (keys included) cannot be stored, or None if it can.

    Iterative, so a deeply nested value is refused rather than exhausting the stack."""
    stack: list[tuple[Any, str, int]] = [(value, where, 1)]
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            problem = unstorable_char(item)
            if problem is not None:
                return f"{path or 'value'}: contains {problem}"
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if not -MAX_JSON_INT <= item <= MAX_JSON_INT:
                return f"{path or 'value'}: number out of range"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return f"{path or 'value'}: not a finite number"
        elif isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                return f"{path or 'value'}: nested deeper than {MAX_JSON_DEPTH} levels"
            if isinstance(item, dict):
                for key, inner in item.items():
                    if not isinstance(key, str):
                        return f"{path or 'value'}: a key that is not text"
                    problem = unstorable_char(key)
                    if problem is not None:
                        return f"{path or 'value'}: a key contains {problem}"
                    stack.append((inner, f"{path}.{key}" if path else key, depth + 1))
            else:
                stack.extend((inner, f"{path}[{i}]", depth + 1) for i, inner in enumerate(item))
        else:
            return f"{path or 'value'}: not a JSON value"
    return None


def storable_text(text: str) -> str:
    """`text` with what cannot be stored replaced by U+FFFD (for keeping a refused input)."""
    return _UNSTORABLE_CHAR.sub(REPLACEMENT, text)


def storable_json(value: Any, depth: int = 1) -> Any:
    """A copy of a JSON value that can be stored: unstorable characters replaced, numbers no
    database holds written as text, nesting past MAX_JSON_DEPTH cut. For keeping a refused
    input where staff can see it, never for accepting one."""
    if isinstance(value, str):
        return storable_text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value if -MAX_JSON_INT <= value <= MAX_JSON_INT else str(value)[:40]
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dict | list) and depth > MAX_JSON_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {storable_text(str(k)): storable_json(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [storable_json(v, depth + 1) for v in value]
    return storable_text(repr(value))[:80]


def check_storable(text: str) -> str:
    """`text` unchanged if it can be stored, else a ValidationError for the screen."""
    if unstorable_char(text) is not None:
        raise ValidationError(
            "内容含有无法保存的字符", "The text contains characters that cannot be stored"
        )
    return text


# A station-local day and time typed at the admin (forms of activities, the rota): one parser
# and one refusal each, so every form says the same.
BAD_DAY = ValidationError(
    "日期格式应为 年-月-日，如 2026-12-20", "Date as YYYY-MM-DD, e.g. 2026-12-20"
)
BAD_TIME = ValidationError("时间格式应为 时:分，如 09:30", "Time as HH:MM, e.g. 09:30")


def parse_day(text: str) -> date:
    """ "2026-12-20" as a date; BAD_DAY otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BAD_DAY from None


def parse_time(text: str) -> time:
    """ "09:30" (a full-width colon too) as a time of day; BAD_TIME otherwise."""
    try:
        hours, minutes = text.strip().replace("：", ":").split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise BAD_TIME from None
