"""The sync fixtures (a real hub on loopback, kiosks that enrol in it) for the privacy tests."""

from tests.platform.sync.conftest import (  # noqa: F401  (fixtures shared with tests/sync)
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
