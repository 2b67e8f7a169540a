"""The rota (轮值表 / 排班): who is expected on duty when, weekly patterns and one-off shifts."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="rota",
    summary="The rota: weekly patterns and one-off shifts; who is expected on duty today.",
    depends=("admin", "shifts", "volunteers"),
)
