"""Emergencies raised at a kiosk and shown on every kiosk of the station."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="emergency",
    summary="Emergencies raised at a kiosk and shown on every kiosk of the station.",
    depends=("admin", "incidents", "medicine", "volunteers"),
)
