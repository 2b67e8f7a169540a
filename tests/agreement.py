"""What every agreement test (DESIGN §3: two kiosks holding the same events show the same
thing) needs: two fresh kiosks of one station, copies of the migrated template."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services


@contextmanager
def two_kiosks(template: Path, start: datetime) -> Iterator[list[KioskServices]]:
    """The south and north kiosks, their clocks at `start`; closed after."""
    with tempfile.TemporaryDirectory(prefix="agree-") as tmp:
        made = []
        for name in ("south", "north"):
            data_dir = Path(tmp) / name
            shutil.copytree(template, data_dir)
            made.append(build_services(Settings(data_dir=data_dir), FixedClock(start)))
        try:
            yield made
        finally:
            for services in made:
                services.close()
