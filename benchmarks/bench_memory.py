"""Idle RSS of the kiosk after start (database open, home screen shown), beside a bare Qt window."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _kiosk_proc import BUNDLE, prepared_data_dir, rss_mb, spawn_bare, spawn_kiosk, time_until

SETTLE_S = 3.0


def idle_rss(proc_factory: object) -> float:
    assert callable(proc_factory)
    proc = proc_factory()
    try:
        time_until(time.perf_counter(), proc, "ready")
        time.sleep(SETTLE_S)  # idle: timers and caches settle
        return rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    data_dir = prepared_data_dir()
    try:
        kiosk = idle_rss(lambda: spawn_kiosk(data_dir, "idle"))
        bare = idle_rss(lambda: spawn_bare("idle"))
        figures = {"rss_mb": round(kiosk, 1), "bare_qt_rss_mb": round(bare, 1)}
        if BUNDLE.exists():  # `make bundle` made it: its own figure beside the venv's
            bundled = idle_rss(lambda: spawn_kiosk(data_dir, "idle", bundle=True))
            figures["bundle_rss_mb"] = round(bundled, 1)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
