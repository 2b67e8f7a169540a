"""The announcements as the hub publishes them (config kind "announcements"): the hub refuses
a body `parse_announcements` refuses (naming the first problem); kiosks read the same entries,
skipping a bad one (`read_announcements`)."""

from __future__ import annotations

from kiosk.features.announcements.domain import parse_announcements, read_announcements

__all__ = ["parse_announcements", "read_announcements"]
