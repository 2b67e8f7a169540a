"""The medicine box, daily checks, the AED and staff alerts."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="medicine",
    summary="The medicine box, daily checks, the AED and staff alerts.",
    depends=("catalogue", "uses", "volunteers"),
)
