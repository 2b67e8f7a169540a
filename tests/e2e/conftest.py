"""End-to-end fixtures: the sync tests' real hub (uvicorn on loopback) and real kiosks."""

from __future__ import annotations

from tests.sync.conftest import (  # noqa: F401  (fixtures shared with tests/sync)
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
