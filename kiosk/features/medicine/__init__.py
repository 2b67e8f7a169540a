"""The medicine box, daily checks, the AED and staff alerts."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="medicine",
    summary="The medicine box, daily checks, the AED and staff alerts.",
    depends=("catalogue", "uses", "volunteers"),
)

# The catalogue tile that opens the medicine box. Here, not in `domain`, so home (painted before
# the event schema is imported) can ask whether the station offers it.
SERVICE_ID = "medicine_box"
