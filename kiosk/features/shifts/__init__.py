"""Volunteers clock in and out; flagged shifts; credited hours."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="shifts",
    summary="Volunteers clock in and out; flagged shifts; credited hours.",
    depends=("volunteers", "admin"),
)
