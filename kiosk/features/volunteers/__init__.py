"""The roster, badges and who is on duty (badge scan or phone + PIN)."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="volunteers",
    summary="The roster, badges and who is on duty (badge scan or phone + PIN).",
    depends=("admin", "printing", "shifts"),
)
