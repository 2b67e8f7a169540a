"""Help requests (点单→接单→评单) with tickets and the staff queue."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="requests",
    summary="Help requests (点单→接单→评单) with tickets and the staff queue.",
    depends=(
        "admin",
        "catalogue",
        "printing",
        "shifts",
        "trains",  # the timetable fills a typed train's departure time
        "uses",
        "volunteers",
        "wishes",
    ),
)
