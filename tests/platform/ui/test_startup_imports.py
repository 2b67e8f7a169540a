"""What the kiosk imports before home is painted: nothing that the first paint does not need.

The database layer, the event schema (pydantic) and the cryptography come after the paint
(docs/architecture.md); one stray import of a feature's domain pulled all of pydantic and every
event model in front of the first paint once, unnoticed, which this guards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
NOT_BEFORE_PAINT = ("pydantic", "sqlalchemy", "cryptography", "kiosk.core.events")


def imported_until(data_dir: Path, probe: str, printed: str) -> set[str]:
    """Every module a real start imports until `KIOSK_STARTUP_PROBE=probe` prints `printed`."""
    env = dict(os.environ, KIOSK_STARTUP_PROBE=probe, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kiosk", "--data-dir", str(data_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1] == printed
    return {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_home_is_painted_before_the_database_and_event_schema_are_imported(
    tmp_path: Path,
) -> None:
    imported = imported_until(tmp_path, "paint", "painted")
    assert "kiosk.shell.home" in imported  # the list is the real one
    early = sorted(
        name
        for name in imported
        for top in NOT_BEFORE_PAINT
        if name == top or name.startswith(top + ".")
    )
    assert early == []


# Made before the kiosk says it is ready: the check-in's flow and the admin session's (#20).
AT_START = {"shifts", "admin"}
SERVICES_AFTER_READY = (
    "charging",
    "lending",
    "medicine",
    "requests",
    "uses",
    "wishes",
    "incidents",
)


def test_the_kiosk_is_ready_before_the_other_features_are_imported(tmp_path: Path) -> None:
    """Ready means the check-in works and the on-duty board is filled: no other feature's
    flow, and no service home's other figures need, is imported for it (they follow)."""
    subprocess.run(  # the demo data: a kiosk with figures to show
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "--demo"],
        cwd=ROOT,
        env=dict(os.environ, KIOSK_STARTUP_PROBE="ready", QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        timeout=120,
        check=True,
    )
    imported = {probe: imported_until(tmp_path, probe, probe) for probe in ("ready", "settled")}
    flows = {
        probe: {name.split(".")[2] for name in names if name.endswith(".ui.flow")}
        for probe, names in imported.items()
    }
    # The probe lets the event loop turn once so the filled board is painted: the first flows
    # made after ready, those adding to the check-in's (its follow-ups), may be in.
    assert AT_START <= flows["ready"] <= AT_START | {"handover", "rota"}
    assert len(flows["settled"]) > 20  # every feature with a flow, once settled
    early = [f"kiosk.features.{name}.service" for name in SERVICES_AFTER_READY]
    assert not set(early) & imported["ready"]
    assert set(early) <= imported["settled"]
