"""Two kiosks of one station on a real hub (the sync tests' fixtures), for records across
kiosks. The centre's page is driven in tests/e2e (one Playwright per run)."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
from tests.platform.sync.test_webhooks import receiver  # noqa: F401  # a real HTTP receiver
