"""Identifiers made on the kiosk: UUIDv7, time-ordered and unique without coordination."""

from __future__ import annotations

import uuid_utils


def new_id() -> str:
    """A new UUIDv7 as its canonical string."""
    return str(uuid_utils.uuid7())
