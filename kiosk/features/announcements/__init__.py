"""The centre's announcements (公告) on the home screen."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="announcements",
    summary="The centre's announcements (公告) on the home screen.",
    depends=(),
)
