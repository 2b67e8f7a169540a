"""Printed tickets on an ESC/POS thermal receipt printer (USB, network or a file)."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="printing",
    summary="Printed tickets on an ESC/POS thermal receipt printer (USB, network or a file).",
)
