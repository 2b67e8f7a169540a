"""First-aid and incident records."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="incidents",
    summary="First-aid and incident records.",
    depends=("catalogue", "medicine", "uses", "volunteers"),
)
