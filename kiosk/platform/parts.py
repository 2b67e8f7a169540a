"""Find a feature's parts by module convention (the way Home Assistant finds an integration's
platforms): `kiosk.features.<name>.<module>.<attr>`, or `default` when the feature has none."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from kiosk.core.feature import Feature


def part(feature: Feature, module: str, attr: str, default: Any = None) -> Any:
    """The feature's `<module>.<attr>`, or `default` if the module or attribute is absent."""
    name = f"kiosk.features.{feature.name}.{module}"
    if importlib.util.find_spec(name) is None:
        return default
    return getattr(importlib.import_module(name), attr, default)
