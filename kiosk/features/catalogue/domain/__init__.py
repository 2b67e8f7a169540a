"""The catalogue feature's pure rules; its event kinds are in `events`."""

from __future__ import annotations

import importlib
from typing import Any

# Loaded on first use (PEP 562): importing a rule module of this package (e.g. `seasons`, read
# by the settings at start) must not load the payload models, and pydantic with them.
_LAZY = {"KINDS": "events"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
