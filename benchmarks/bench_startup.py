"""Process start → home screen painted, beside a bare PySide6 window with a 12-button grid.

Both are spawned the same way in the same run (medians of interleaved runs, offscreen), so the
ratio is meaningful on a noisy machine. `ready_ms` adds the deferred step: database open, the
check-in's flow made and the on-duty board filled (`ready_ratio`: against the same floor);
`settled_ms` is when every other feature's flow is made and home shows every figure (they follow
ready one per turn of the event loop). `libs_floor_ms` is a second floor: the bare window that,
once painted, imports the libraries the check-in must stand on (SQLAlchemy's ORM, pydantic,
cryptography) and runs one query through SQLAlchemy; `ready_to_libs_floor` is ready against it,
what the kiosk's own code adds (docs/performance.md, "What the floor holds"). With a bundle in
dist/kiosk (`make bundle`), its own paint and ready are measured in the same run (`bundle_*`).
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _kiosk_proc import BUNDLE, prepared_data_dir, spawn_bare, spawn_kiosk, time_until

RUNS = 7


def main() -> None:
    data_dir = prepared_data_dir()
    try:
        bare: list[float] = []
        libs: list[float] = []
        kiosk: list[float] = []
        ready: list[float] = []
        settled: list[float] = []
        bundled: dict[str, list[float]] = {"painted": [], "ready": []}
        for _ in range(RUNS):
            if BUNDLE.exists():  # the bundle's own start, interleaved with the rest
                for probe, marker in (("paint", "painted"), ("ready", "ready")):
                    start = time.perf_counter()
                    proc = spawn_kiosk(data_dir, probe, bundle=True)
                    bundled[marker].append(time_until(start, proc, marker))
                    proc.wait()
            start = time.perf_counter()
            proc = spawn_bare()
            bare.append(time_until(start, proc, "painted"))
            proc.wait()
            start = time.perf_counter()
            proc = spawn_bare(libs=True)
            libs.append(time_until(start, proc, "ready"))
            proc.wait()
            start = time.perf_counter()
            proc = spawn_kiosk(data_dir, "paint")
            kiosk.append(time_until(start, proc, "painted"))
            proc.wait()
            start = time.perf_counter()
            proc = spawn_kiosk(data_dir, "ready")
            ready.append(time_until(start, proc, "ready"))
            proc.wait()
            start = time.perf_counter()
            proc = spawn_kiosk(data_dir, "settled")
            settled.append(time_until(start, proc, "settled"))
            proc.wait()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    startup, floor = statistics.median(kiosk), statistics.median(bare)
    figures = {
        "startup_ms": round(startup, 1),
        "bare_qt_ms": round(floor, 1),
        "ratio": round(startup / floor, 2),
        "ready_ms": round(statistics.median(ready), 1),
        "ready_ratio": round(statistics.median(ready) / floor, 2),
        "settled_ms": round(statistics.median(settled), 1),
        "settled_ratio": round(statistics.median(settled) / floor, 2),
        # The second floor: the bare window, then the libraries the check-in must stand on.
        "libs_floor_ms": round(statistics.median(libs), 1),
        "ready_to_libs_floor": round(statistics.median(ready) / statistics.median(libs), 2),
    }
    if bundled["ready"]:
        figures["bundle_startup_ms"] = round(statistics.median(bundled["painted"]), 1)
        figures["bundle_ready_ms"] = round(statistics.median(bundled["ready"]), 1)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
