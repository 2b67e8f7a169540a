"""Two kiosks of one station on a real hub (the sync tests' fixtures), for handovers across
kiosks. The centre's page is driven in tests/e2e."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
