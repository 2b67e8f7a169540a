"""The services travellers see: tiles, details, QR codes, local edits, seasons."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="catalogue",
    summary="The services travellers see: tiles, details, QR codes, local edits, seasons.",
    depends=("admin", "uses"),
)
