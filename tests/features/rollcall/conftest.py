"""Two kiosks of one station on a real hub (the sync tests' fixtures), for the roll across
kiosks. The centre's page is driven in tests/e2e (one Playwright per run: a second
session-scoped browser here failed inside the first one's event loop)."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
