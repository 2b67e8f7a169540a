"""Roll call (清点人数): who is checked in at the station now, each ticked as accounted for."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="rollcall",
    summary="Roll call: everyone checked in at the station, ticked by badge or tap, logged.",
    depends=("activities", "admin", "emergency", "shifts", "volunteers"),
)
