"""Admin accounts, PIN login, the admin console, settings and the log review."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="admin",
    summary="Admin accounts, PIN login, the admin console, settings and the log review.",
    # Other features bring their own tabs and management pages to the console (they depend on
    # admin); admin's own services still audit volunteers' and shifts' changes (management.py).
    depends=("printing", "reports", "shifts", "volunteers"),
)
