"""The three lists (三个清单): needs, member units' resources, and the projects matching them."""

from kiosk.core.feature import Feature

FEATURE = Feature(
    name="lists",
    summary="The three lists (需求清单, 资源清单, 项目清单): needs, resources and projects.",
    depends=("admin", "requests", "wishes"),
)
