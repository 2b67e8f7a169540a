"""Umbrellas and other items lent and returned, stock per item."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="lending",
    summary="Umbrellas and other items lent and returned, stock per item.",
    depends=("admin", "catalogue", "shifts", "uses", "volunteers"),
)
