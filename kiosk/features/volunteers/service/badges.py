"""Old signed badges' keys, and drawing a badge card to print.

Before serials (`serials.py`) each kiosk signed badges with a local Ed25519 key kept in its data
directory (mode 0600), and the hub with its own; those badges still verify against these keys
until their volunteer's first serial badge. `issue` still signs one, for tests of such badges
and for the hub's old clients; the admin screen and `kiosk badge` issue serial badges.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.core.files import private_dir
from kiosk.core.results import VolunteerInfo
from kiosk.features.volunteers.domain.badges import (
    Badge,
    public_key_from_text,
    public_key_to_text,
    sign_badge,
)


class BadgeIssuer:
    """Holds the local signing key and the set of keys a scan is verified against."""

    def __init__(self, key_path: Path, extra_public_keys: dict[str, str]) -> None:
        self._key_path = key_path
        self._extra = extra_public_keys
        self._published: dict[str, str] = {}
        self._private: Ed25519PrivateKey | None = None

    def _load(self) -> Ed25519PrivateKey:
        if self._private is None:
            if self._key_path.exists():
                raw = base64.b64decode(self._key_path.read_text().strip())
                self._private = Ed25519PrivateKey.from_private_bytes(raw)
            else:
                self._private = Ed25519PrivateKey.generate()
                private_dir(self._key_path.parent)
                fd = os.open(self._key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w") as handle:
                    from cryptography.hazmat.primitives.serialization import (
                        Encoding,
                        NoEncryption,
                        PrivateFormat,
                    )

                    raw = self._private.private_bytes(
                        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
                    )
                    handle.write(base64.b64encode(raw).decode())
        return self._private

    @property
    def key_id(self) -> str:
        # Imported here: cryptography's serialization package (~5 ms) is not needed before a
        # scan, and the kiosk's start does not make one.
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        pub = self._load().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return "local-" + hashlib.sha256(pub).hexdigest()[:8]

    def set_published(self, keys: dict[str, str]) -> None:
        """Trust the keys the hub published (its badges verify offline from then on)."""
        self._published = dict(keys)
        self._cache = None

    _cache: dict[str, Ed25519PublicKey] | None = None

    def public_keys(self) -> dict[str, Ed25519PublicKey]:
        """Keys a scanned badge may be signed with: settings, the hub's, and this kiosk's own."""
        if self._cache is None:
            texts = {**self._extra, **self._published}
            keys = {kid: public_key_from_text(text) for kid, text in texts.items()}
            keys[self.key_id] = self._load().public_key()
            self._cache = keys
        return self._cache

    def public_key_text(self) -> str:
        return public_key_to_text(self._load().public_key())

    def issue(self, volunteer_id: str, issued: date) -> str:
        """The token to print on the volunteer's badge."""
        return sign_badge(Badge(volunteer_id, self.key_id, issued), self._load())


def _cjk_font(size: int) -> Any:
    """A font that has Chinese glyphs (found through fontconfig), else Pillow's default."""
    from PIL import ImageFont

    path = None
    if shutil.which("fc-match"):
        result = subprocess.run(
            ["fc-match", "-f", "%{file}", "sans-serif:lang=zh-cn"],
            capture_output=True,
            text=True,
            check=False,
        )
        path = result.stdout.strip() or None
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def render_badge(
    volunteer: VolunteerInfo,
    station_name: str,
    token: str,
    out: Path,
    serial: str = "",
    expires_on: date | None = None,
) -> Path:
    """A printable badge (CR80 proportions at 300 dpi): name, number, station, serial, expiry
    and the QR.

    Pillow and qrcode are imported here, not at module level: a running kiosk rarely prints a
    badge and they cost ~5 MB and ~40 ms at start.
    """
    import qrcode
    from PIL import Image, ImageDraw

    width, height = 1011, 638
    card = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(card)
    draw.rectangle([(0, 0), (width, 110)], fill=(178, 34, 34))
    draw.text((40, 28), "志愿者 VOLUNTEER", font=_cjk_font(48), fill="white")
    draw.text((40, 170), volunteer.name, font=_cjk_font(96), fill="black")
    draw.text((40, 300), f"编号 No. {volunteer.number}", font=_cjk_font(44), fill="black")
    draw.text((40, 380), station_name, font=_cjk_font(40), fill=(60, 60, 60))
    if serial:
        draw.text((40, 460), f"工牌 Badge {serial}", font=_cjk_font(34), fill=(60, 60, 60))
    if expires_on is not None:
        valid = f"有效期至 Valid to {expires_on:%Y-%m-%d}"
        draw.text((40, 510), valid, font=_cjk_font(34), fill=(60, 60, 60))
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    qr.add_data(token)
    qr.make(fit=True)
    qr_image = qr.make_image(fill_color="black", back_color="white").get_image()
    qr_image = qr_image.convert("RGB").resize((420, 420), Image.Resampling.NEAREST)
    card.paste(qr_image, (width - 460, 160))
    out.parent.mkdir(parents=True, exist_ok=True)
    card.save(out)
    return out
