"""Old volunteer badges (before serials): an Ed25519-signed token, verified offline.

Badges printed now carry a serial (`serials.py`); these still work until the volunteer's first
serial badge is issued, so a station need not reprint every badge on the day it updates.

Token format (ASCII only, so a USB scanner in keyboard mode types it faithfully on any layout):
    SKB1.<base64url(volunteer_id|key_id|YYYYMMDD)>.<base64url(signature)>
The signature covers the text `SKB1.` + the middle part.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.errors import ValidationError

PREFIX = "SKB1."
MAX_TOKEN_LEN = 256
_TOKEN_RE = re.compile(r"^SKB1\.[A-Za-z0-9_-]{4,120}\.[A-Za-z0-9_-]{86}$")
_FIELD_RE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


@dataclass(frozen=True)
class Badge:
    """What a verified badge says."""

    volunteer_id: str
    key_id: str
    issued: date


def _b64e(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64d(text: str) -> bytes:
    """Strict base64url: only the one text that `_b64e` writes for these bytes. The last
    character of unpadded base64 carries spare bits, so a different character can decode to
    the same bytes: a badge must have exactly one valid spelling (ValueError otherwise)."""
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64e(raw) != text:
        raise ValueError("not the canonical base64url of its bytes")
    return raw


def sign_badge(badge: Badge, private_key: Ed25519PrivateKey) -> str:
    """Make the token printed on a badge."""
    for field in (badge.volunteer_id, badge.key_id):
        if not _FIELD_RE.match(field):
            raise ValueError(f"badge field not printable safely: {field!r}")
    body = _b64e(f"{badge.volunteer_id}|{badge.key_id}|{badge.issued:%Y%m%d}".encode())
    signed = PREFIX + body
    return signed + "." + _b64e(private_key.sign(signed.encode()))


_FORGED = ValidationError(
    "工牌无效或已被篡改，请联系站长", "This badge is not valid or has been altered; ask the admin"
)


def looks_like_badge(text: str) -> bool:
    """Cheap test used to route a scan before verifying it (an old or a serial badge)."""
    return text.startswith((PREFIX, "SKB2."))


def verify_badge(token: str, public_keys: dict[str, Ed25519PublicKey]) -> Badge:
    """Verify a scanned token against the trusted keys; raise ValidationError if not genuine."""
    if len(token) > MAX_TOKEN_LEN or not _TOKEN_RE.match(token):
        raise ValidationError(
            "无法识别的二维码，请扫描志愿者工牌", "Unrecognised code; please scan a volunteer badge"
        )
    _, body, signature = token.split(".")
    try:
        fields = _b64d(body).decode("ascii").split("|")
        sig = _b64d(signature)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _FORGED from None
    if len(fields) != 3:
        raise _FORGED
    volunteer_id, key_id, issued_text = fields
    key = public_keys.get(key_id)
    if key is None:
        raise _FORGED
    try:
        key.verify(sig, (PREFIX + body).encode())
    except InvalidSignature:
        raise _FORGED from None
    try:
        issued = date(int(issued_text[:4]), int(issued_text[4:6]), int(issued_text[6:8]))
    except ValueError:
        raise _FORGED from None
    return Badge(volunteer_id=volunteer_id, key_id=key_id, issued=issued)


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Load a raw 32-byte public key written as base64url."""
    return Ed25519PublicKey.from_public_bytes(_b64d(text))


def public_key_to_text(key: Ed25519PublicKey) -> str:
    """Write a public key as base64url of its 32 raw bytes (fits in a settings file)."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return _b64e(key.public_bytes(Encoding.Raw, PublicFormat.Raw))
