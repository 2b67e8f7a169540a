"""The log tabs of every feature: each feature's `logs.py` exports `LOGS`, a tuple of `LogSpec`;
the composition root passes the registry (`kiosk.features.FEATURES`) and gets them in tab order."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.feature import Feature
from kiosk.platform.logs.spec import LogSpec
from kiosk.platform.parts import part


def log_specs(features: Iterable[Feature]) -> tuple[LogSpec, ...]:
    """Every feature's log specs, ordered by their `position` (the screen's tab order)."""
    found: list[LogSpec] = []
    for feature in features:
        found += part(feature, "logs", "LOGS", ())
    keys = [spec.key for spec in found]
    twice = {key for key in keys if keys.count(key) > 1}
    if twice:
        raise ValueError(f"two features declare the log(s) {sorted(twice)}")
    return tuple(sorted(found, key=lambda spec: spec.position))
