"""Shift handover (交接班): what the leaving volunteer hands over, and the stock they counted."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="handover",
    summary="Shift handover: open tickets, phones, loans, a note and a stock count; acknowledged.",
    depends=(
        "admin",
        "charging",
        "lending",
        "medicine",
        "printing",
        "requests",
        "shifts",
        "volunteers",
        "wishes",
    ),
)
