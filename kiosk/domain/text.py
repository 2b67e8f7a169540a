"""Checks on text that comes from outside (scanners, keypads, data files)."""

from __future__ import annotations

import re
import unicodedata

from kiosk.domain.errors import ValidationError

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
