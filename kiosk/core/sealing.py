"""Sealed personal fields: a subject's phone number and free text under the subject's own key.

Personal data (PIPL, docs/privacy.md) never sits in an event payload in clear. A payload carries
one `sealed` value: `pii1.<subject>.<base64url(nonce + AES-GCM ciphertext)>` of a small JSON
object (e.g. `{"phone": "13800138000", "text": "..."}`), encrypted with a random 256-bit key that
belongs to that subject alone (one request, one wish, one loan). The subject id is bound in as
associated data, so a sealed value cannot be moved onto another subject. The keys live outside
the event log, each wrapped by a master key kept outside the database (`wrap` / `unwrap`);
destroying a subject's key erases its personal data everywhere while every event stays
byte-identical (crypto-shredding).

Pure code: no database, no files; the kiosk's and the hub's key stores use it.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = "pii1"
KEY_BYTES = 32
_NONCE = 12
# Bounded so a sealed value fits a payload: a phone and a 200-character text seal to ~1 KB.
MAX_SEALED = 2048
SEALED_PATTERN = r"^pii1\.[A-Za-z0-9_.:-]{1,64}\.[A-Za-z0-9_-]{20,1900}$"
_SEALED = re.compile(SEALED_PATTERN)
# What a consent records: the version of the notice the person agreed to (no personal data).
NOTICE_VERSION = 1


class SealError(Exception):
    """A sealed value that is malformed, or does not open with the key given."""


def new_key() -> bytes:
    """A fresh random data key for one subject."""
    return os.urandom(KEY_BYTES)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def seal(key: bytes, subject: str, fields: dict[str, Any]) -> str:
    """The subject's personal fields as one sealed value for a payload."""
    nonce = os.urandom(_NONCE)
    plain = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()
    box = AESGCM(key).encrypt(nonce, plain, f"{VERSION}:{subject}".encode())
    return f"{VERSION}.{subject}.{_b64(nonce + box)}"


def subject_of(sealed: str) -> str:
    """The subject a sealed value belongs to (readable without the key)."""
    if not _SEALED.match(sealed):
        raise SealError("not a sealed value")
    return sealed.split(".", 1)[1].rsplit(".", 1)[0]


def unseal(key: bytes, sealed: str) -> dict[str, Any]:
    """The fields of a sealed value; SealError when malformed or sealed under another key."""
    subject = subject_of(sealed)
    try:
        raw = _unb64(sealed.rsplit(".", 1)[1])
        plain = AESGCM(key).decrypt(raw[:_NONCE], raw[_NONCE:], f"{VERSION}:{subject}".encode())
        fields = json.loads(plain)
    except (InvalidTag, ValueError, binascii.Error) as exc:
        raise SealError("sealed value does not open") from exc
    if not isinstance(fields, dict):
        raise SealError("sealed value is not an object")
    return fields


def wrap(master: bytes, subject: str, key: bytes) -> str:
    """A subject's data key encrypted under the master key, for the key table."""
    nonce = os.urandom(_NONCE)
    return _b64(nonce + AESGCM(master).encrypt(nonce, key, f"key:{subject}".encode()))


def unwrap(master: bytes, subject: str, wrapped: str) -> bytes:
    """The data key from its wrapped form; SealError if the master key is not the one used."""
    try:
        raw = _unb64(wrapped)
        return AESGCM(master).decrypt(raw[:_NONCE], raw[_NONCE:], f"key:{subject}".encode())
    except (InvalidTag, ValueError, binascii.Error) as exc:
        raise SealError("key does not unwrap") from exc


def key_to_text(key: bytes) -> str:
    """A data key as it travels to the hub and back (inside the authenticated sync channel)."""
    return _b64(key)


def key_from_text(text: str) -> bytes:
    key = _unb64(text)
    if len(key) != KEY_BYTES:
        raise SealError("wrong key length")
    return key
