"""Phone charging: slots, sessions, tickets, closing overdue sessions."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="charging",
    summary="Phone charging: slots, sessions, tickets, closing overdue sessions.",
    depends=("admin", "catalogue", "printing", "uses", "volunteers"),
)
