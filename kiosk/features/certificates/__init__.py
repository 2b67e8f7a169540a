"""Volunteer hours certificates as PDF."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="certificates",
    summary="Volunteer hours certificates as PDF.",
    depends=("admin", "reports", "shifts", "volunteers"),
)
