"""Personal data (PIPL): erasure events, the retention sweep and the consent notice."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="privacy",
    summary="Personal data (PIPL): erasure events, the retention sweep and the consent notice.",
    depends=("admin", "lending", "requests", "volunteers"),
)
