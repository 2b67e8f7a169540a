"""Taps that count people served per service (人次)."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="uses",
    summary="Taps that count people served per service (人次).",
    depends=("catalogue",),  # the centre's 人次 page names services as the catalogue does
)
