"""Needs and wishes (诉求 / 微心愿) with tickets and answers."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="wishes",
    summary="Needs and wishes (诉求 / 微心愿) with tickets and answers.",
    depends=("admin", "printing", "requests"),
)
