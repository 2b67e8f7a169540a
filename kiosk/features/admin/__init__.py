"""Admin accounts, PIN login, the admin console, settings and the log review."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="admin",
    summary="Admin accounts, PIN login, the admin console, settings and the log review.",
    depends=(
        "catalogue",
        "charging",
        "emergency",
        "incidents",
        "items",
        "lending",
        "printing",
        "reports",
        "requests",
        "shifts",
        "volunteers",
    ),
)
