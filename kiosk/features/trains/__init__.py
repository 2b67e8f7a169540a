"""Train times that work offline (列车动态): the station's departures board, staff marks."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="trains",
    summary="The station's departures board from its own timetable, with staff's delay marks.",
    depends=("admin", "reports"),
)
