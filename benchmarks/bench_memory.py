"""Idle RSS of the kiosk after start (database open, home screen shown), beside a bare Qt window
and beside the same window holding the libraries the check-in must stand on (the second floor)."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _kiosk_proc import BUNDLE, prepared_data_dir, rss_mb, spawn_bare, spawn_kiosk, time_until

SETTLE_S = 3.0
# Later, a start-up's last work is done: the flows' warm-ups, the speech engine opened, and the
# freed heap handed back (kiosk.app.TRIM_AFTER_SETTLED_MS); what an idle kiosk holds for hours.
LATER_S = 8.0


def idle_rss(proc_factory: object) -> tuple[float, float]:
    """RSS at ready + SETTLE_S (the figure kept since #20 was filed) and at ready + LATER_S."""
    assert callable(proc_factory)
    proc = proc_factory()
    try:
        time_until(time.perf_counter(), proc, "ready")
        time.sleep(SETTLE_S)  # idle: timers and caches settle
        first = rss_mb(proc.pid)
        time.sleep(LATER_S - SETTLE_S)
        return first, rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    data_dir = prepared_data_dir()
    try:
        kiosk, kiosk_later = idle_rss(lambda: spawn_kiosk(data_dir, "idle"))
        bare, _ = idle_rss(lambda: spawn_bare("idle"))
        _, libs = idle_rss(lambda: spawn_bare("idle", libs=True))
        figures = {
            "rss_mb": round(kiosk, 1),
            "bare_qt_rss_mb": round(bare, 1),
            "rss_later_mb": round(kiosk_later, 1),
            # the bare window holding the libraries the check-in must stand on (_kiosk_proc)
            "libs_floor_rss_mb": round(libs, 1),
            "rss_later_over_libs_floor_mb": round(kiosk_later - libs, 1),
        }
        if BUNDLE.exists():  # `make bundle` made it: its own figures beside the venv's
            bundled, bundled_later = idle_rss(lambda: spawn_kiosk(data_dir, "idle", bundle=True))
            figures["bundle_rss_mb"] = round(bundled, 1)
            figures["bundle_rss_later_mb"] = round(bundled_later, 1)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
