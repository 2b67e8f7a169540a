"""Two kiosks of one station on a real hub (the sync tests' fixtures), for lists across kiosks.
The centre's page in a browser is driven in tests/e2e (one Playwright per run)."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
