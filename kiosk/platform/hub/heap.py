"""The served hub's garbage collector, set once its app is built (docs/hub.md, push ingest).

Why: a push of 5,000 events makes some 200,000 objects that all live until its reply (the
events, their payloads, the folds' rows), so CPython's collector, at its default 700
allocations a young collection, ran ~80 collections a push, each promoting survivors, and
every few pushes a full collection that walked the whole app as well (its modules, pydantic
schemas, SQLAlchemy metadata: ~1 M objects). Measured in process on 40,000 ticket events:
27–53 µs an event in the collector, of 54–64 µs of the hub's CPU. So the served process
(not a test's app: a test suite's frozen apps would never be freed) freezes what the app
built (`gc.freeze`: out of every later collection) and collects the young less often.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Callable
from typing import Any

# Young objects a collection (default 700), young collections a middle one (10), middle ones
# a full one (10): a full walk every ~50 M allocations, minutes at a full push rate.
THRESHOLDS = (10_000, 50, 100)
# The factory a worker builds its app with (`kiosk-hub serve --workers N`): uvicorn imports
# `served_app` in each worker, which reads the real factory's path from here.
FACTORY_ENV = "HUB_SERVED_FACTORY"


def settle() -> None:
    """Freeze what exists now (the built app) and collect the young less often."""
    from kiosk.platform.hub import fastpush

    fastpush.warm()  # the push validator, built before the first push and frozen with the app
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)


def served_app() -> Any:
    """A worker's app: built by the factory `kiosk-hub serve` was given, then settled."""
    module, _, name = os.environ[FACTORY_ENV].partition(":")
    factory: Callable[[], Any] = getattr(importlib.import_module(module), name)
    app = factory()
    settle()
    return app
