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


def test_home_is_painted_before_the_database_and_event_schema_are_imported(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, KIOSK_STARTUP_PROBE="paint", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "kiosk", "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip().splitlines()[-1] == "painted"
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "kiosk.shell.home" in imported  # the list is the real one
    early = sorted(
        name
        for name in imported
        for top in NOT_BEFORE_PAINT
        if name == top or name.startswith(top + ".")
    )
    assert early == []
