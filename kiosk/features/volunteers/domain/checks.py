"""Checks a kiosk runs on the volunteers' configuration the hub publishes, before storing it:
the kinds applied whole (a bad one is refused, so the last good publication stays)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kiosk.features.volunteers.domain.badges import public_key_from_text
from kiosk.features.volunteers.domain.roster import Roster

_KEY_ID = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def check_roster(body: dict[str, Any]) -> None:
    Roster.model_validate(body)


def check_badge_keys(body: dict[str, Any]) -> None:
    """Every key must load: a bad one would fail every badge scan on this kiosk."""
    keys = body.get("keys")
    if not isinstance(keys, dict) or not keys:
        raise ValueError('the body must be {"keys": {key id: public key}}')
    for key_id, text in keys.items():
        if not _KEY_ID.match(key_id) or not isinstance(text, str):
            raise ValueError(f"key {ascii(key_id)[:40]} is not a key id and a text")
        try:
            public_key_from_text(text)
        except (ValueError, TypeError):
            raise ValueError(f"key {key_id} is not an Ed25519 public key") from None


# Config kind -> its check (raises pydantic's ValidationError or ValueError naming the problem).
CONFIG_CHECKS: dict[str, Callable[[dict[str, Any]], None]] = {
    "roster": check_roster,
    "badge_public_key": check_badge_keys,
}
