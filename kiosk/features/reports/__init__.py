"""The dashboard, the monthly station report and the export folder."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="reports",
    summary="The dashboard, the monthly station report and the export folder.",
    depends=(
        "admin",
        "certificates",
        "charging",
        "lending",
        "medicine",
        "requests",
        "shifts",
        "uses",
        "volunteers",
    ),
)
