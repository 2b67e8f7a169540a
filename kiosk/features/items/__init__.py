"""Local admin settings of charging slots, lending and medicine items."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="items",
    summary="Local admin settings of charging slots, lending and medicine items.",
    depends=("admin", "charging", "lending", "medicine"),
)
