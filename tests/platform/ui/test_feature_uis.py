"""Each feature's `KIOSK_UI` is light: reading the registry's UIs builds no widget and imports no
flow or page module (they come once the database is open, pages on first use)."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from kiosk.shell.bootstrap import feature_uis
from kiosk.platform.ui.navigator import FeatureUI

before = set(sys.modules)  # the window's own modules (home, its strips) are there already
uis = feature_uis()
assert uis and all(isinstance(ui, FeatureUI) for ui in uis.values()), uis
heavy = sorted(
    name for name in set(sys.modules) - before
    if name.startswith("kiosk.features.") and ".ui." in name
)
print(",".join(sorted(uis)))
print(",".join(heavy))
"""


def test_reading_the_feature_uis_imports_no_flow_and_no_page() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    names, heavy = done.stdout.splitlines()
    assert {"shifts", "charging", "admin", "catalogue", "reports"} <= set(names.split(","))
    assert heavy == ""  # e.g. kiosk.features.charging.ui.flow, …ui.pages


def test_tiles_and_scans_are_claimed_in_the_declared_order() -> None:
    from kiosk.shell.bootstrap import feature_uis

    uis = feature_uis()
    tiles = sorted((ui.tile_rank, name) for name, ui in uis.items() if ui.tile_rank is not None)
    scans = sorted((ui.scan_rank, name) for name, ui in uis.items() if ui.scan_rank is not None)
    tile_order = [name for _, name in tiles]
    scan_order = [name for _, name in scans]
    assert tile_order[-1] == "catalogue"  # the plain service page: last
    assert scan_order[-1] == "shifts"  # a badge nobody claimed clocks its volunteer
    assert scan_order[:1] == ["charging"]  # pickup codes before badges
    assert sum(ui.admin_session for ui in uis.values()) == 1
