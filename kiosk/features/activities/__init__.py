"""Activities and meetings with a sign-in sheet (活动签到 / 会议签到)."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="activities",
    summary="Activities and meetings: a sign-in sheet by badge, PIN or phone; PDF; hours.",
    depends=("admin", "reports", "shifts", "volunteers"),
)
