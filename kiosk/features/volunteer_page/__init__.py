"""A volunteer's own page on their phone: their hours by month, training and activities."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="volunteer_page",
    summary=(
        "A volunteer's own page on the hub: hours by month, rota shifts ahead, training, "
        "activities, export."
    ),
    depends=("activities", "certificates", "rota", "shifts", "training", "volunteers"),
)
