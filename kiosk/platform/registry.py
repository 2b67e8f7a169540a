"""The feature registry as the platform reads it: the features a composition root installed, or
else `kiosk.features.FEATURES`, found by name on first use (the way `parts` finds a feature's
modules by convention), so every program and tool that opens a store folds with every feature
without the platform naming one."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from kiosk.core.events import KindTable, kind_table
from kiosk.core.feature import Feature
from kiosk.platform.parts import part

REGISTRY = "kiosk.features"  # the module holding FEATURES (DESIGN §1)

_features: tuple[Feature, ...] | None = None
generation = 0  # bumped by `install`: caches built from the registry compare it


def install(features: Iterable[Feature]) -> None:
    """Use these features (a composition root's choice; tests may pass a subset)."""
    global _features, generation
    _features = tuple(features)
    generation += 1


def features() -> tuple[Feature, ...]:
    """The installed features, or the registry's."""
    global _features
    if _features is None:
        _features = tuple(importlib.import_module(REGISTRY).FEATURES)
    return _features


def kinds() -> KindTable:
    """Core's table of event kinds, the registry loaded first (loading it hands core the
    features' kinds), so a tool that opens a store without importing a feature validates too."""
    features()
    return kind_table()


def parts(module: str, attr: str) -> Iterator[tuple[Feature, Any]]:
    """Each feature's `<module>.<attr>`, for the features that have one."""
    for feature in features():
        found = part(feature, module, attr)
        if found is not None:
            yield feature, found


def merged(module: str, attr: str) -> dict[str, Any]:
    """The features' `<module>.<attr>` dicts as one; a key two features claim is an error."""
    out: dict[str, Any] = {}
    for feature, table in parts(module, attr):
        for key, value in table.items():
            if key in out:
                claimed = f"{module}.{attr}: {key!r} claimed twice (again by {feature.name})"
                raise ValueError(claimed)
            out[key] = value
    return out
