"""A kiosk of a station on a real hub (the sync tests' fixtures), for what the centre does to
a ticket reaching the kiosk's screens."""

from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)
