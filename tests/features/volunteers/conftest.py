"""Two kiosks of one station on a real hub (the sync tests' fixtures), for the badge tests."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
