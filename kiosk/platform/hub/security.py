"""Device tokens, enrolment codes and the hub's badge-signing key.

Device tokens are 256-bit random, so sha256 is a sound stored form (no brute force to slow down)
and lets the hub find the kiosk with one index lookup. Enrolment codes are shorter (typed by a
person) but single use and short-lived; also stored as sha256.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from kiosk.core.files import private_dir

# Crockford-like alphabet without look-alikes (0/O, 1/I/L): codes are read aloud and typed.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # ~59 bits


def new_device_token() -> str:
    return "skd_" + secrets.token_urlsafe(32)


def new_enrol_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class BadgeKey:
    """The hub's Ed25519 signing key, kept in a 0600 file and created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._key: Ed25519PrivateKey | None = None

    def private(self) -> Ed25519PrivateKey:
        if self._key is None:
            if self.path.exists():
                raw = base64.b64decode(self.path.read_text().strip())
                self._key = Ed25519PrivateKey.from_private_bytes(raw)
            else:
                key = Ed25519PrivateKey.generate()
                private_dir(self.path.parent)
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
                with os.fdopen(fd, "w") as handle:
                    handle.write(base64.b64encode(raw).decode())
                self._key = key
        return self._key

    @property
    def key_id(self) -> str:
        pub = self.private().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return "hub-" + hashlib.sha256(pub).hexdigest()[:8]

    def public(self) -> Ed25519PublicKey:
        return self.private().public_key()
