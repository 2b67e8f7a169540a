"""Training records and certificates of volunteers (first aid / AED, CPR, 防疫, induction)."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="training",
    summary="Volunteers' training records and certificates: expiry warnings, first aid on duty.",
    depends=("admin", "emergency", "shifts", "volunteers"),
)
