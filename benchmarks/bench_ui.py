"""Tap → next page painted, over 500 page switches of the real window (offscreen, 1920×1080).

A tap is a real mouse click on a service tile (home → service detail) or on the detail page's
back button (→ home); the clock stops when the event loop has painted the new page.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.core.clock import FixedClock
from kiosk.features.charging.domain import SERVICE_ID as CHARGING_SERVICE_ID
from kiosk.features.medicine.domain import SERVICE_ID as MEDICINE_SERVICE_ID
from kiosk.features.requests.domain import FLOW_SERVICE_IDS
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.context import build_services
from kiosk.shell.demo import seed_demo

SWITCHES = 500
WARMUP = 20


class PaintProbe(QObject):
    """Notes when the watched page receives a paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def tap_and_wait(app: QApplication, button: QWidget, target: QWidget, probe: PaintProbe) -> float:
    probe.painted = False
    target.installEventFilter(probe)
    start = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    while not probe.painted:
        app.processEvents()
        if time.perf_counter() - start > 10:
            raise SystemExit(f"{target.objectName() or target} was never painted after the tap")
    app.processEvents()  # let the rest of the frame (children, flush) finish
    elapsed = (time.perf_counter() - start) * 1000
    target.removeEventFilter(probe)
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-ui-") as tmp:
        clock = FixedClock(datetime(2026, 11, 2, 2, 17, tzinfo=UTC))
        settings = Settings(data_dir=Path(tmp), idle_timeout_s=3600)
        services = build_services(settings, clock)
        seed_demo(services)
        window = build_window(settings, lambda: services.shifts.local_time(clock.now()))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window.resize(1920, 1080)
        window.show()
        window.attach_services(services)
        for _ in range(5):
            app.processEvents()
        probe = PaintProbe()
        samples: list[float] = []
        # tiles that open their service page (charging, lending, medicine, help and wishes have
        # their own flows)
        own_flow = FLOW_SERVICE_IDS | {CHARGING_SERVICE_ID, MEDICINE_SERVICE_ID}
        tiles = [
            t
            for t in window.home.tiles
            if t.item.id not in own_flow and not window.flow("lending").lends(t.item.id)
        ]
        for i in range(SWITCHES + WARMUP):
            tile = tiles[i % len(tiles)]
            forward = tap_and_wait(app, tile, window.flow("catalogue").detail, probe)
            back = tap_and_wait(
                app, window.flow("catalogue").detail.back_button, window.home, probe
            )
            if i >= WARMUP // 2:
                samples += [forward, back]
        samples = samples[:SWITCHES]
        window.allow_close()
        window.close()
        services.close()
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(
        json.dumps(
            {
                "p50_ms": round(statistics.median(samples), 2),
                "p99_ms": round(p99, 2),
                "switches": len(samples),
            }
        )
    )


if __name__ == "__main__":
    main()
