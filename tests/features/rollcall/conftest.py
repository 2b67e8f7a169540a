"""Two kiosks of one station on a real hub (the sync tests' fixtures), for the roll across
kiosks and the centre's page, and a real browser (the end-to-end tests' Playwright fixtures)."""

from tests.e2e.conftest import browser, desk  # noqa: F401
from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
