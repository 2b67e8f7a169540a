"""Shared by the start-up and memory benchmarks: spawn the real kiosk or a bare Qt window."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The PyInstaller bundle (`make bundle`): measured beside the venv when it is there.
BUNDLE = ROOT / "dist" / "kiosk" / "kiosk"

# The floor: a bare PySide6 window with a 12-button grid, reporting its first paint the same
# way the kiosk does (a 0-ms timer after the first paintEvent).
BARE_QT = """
import os, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QWidget

class Window(QWidget):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.report)
    def report(self):
        print("painted" if os.environ.get("BARE_PROBE") != "idle" else "ready", flush=True)
        if os.environ.get("BARE_PROBE") != "idle":
            app.quit()

app = QApplication(sys.argv[:1])
window = Window()
grid = QGridLayout(window)
for i in range(12):
    grid.addWidget(QPushButton(f"Service {i + 1}"), i // 4, i % 4)
window.resize(1920, 1080)
window.show()
app.exec()
"""


def env(**extra: str) -> dict[str, str]:
    result = dict(os.environ)
    # A kiosk in the field runs from compiled bytecode (the bundle ships it; a venv writes it on
    # the first start). Measuring with the caches off times the compiler, not the kiosk.
    result.pop("PYTHONDONTWRITEBYTECODE", None)
    result.setdefault("QT_QPA_PLATFORM", "offscreen")
    result.update(extra)
    return result


def prepared_data_dir() -> Path:
    """A kiosk data directory with the demo data, started once so later starts are normal."""
    data_dir = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    spawn_kiosk(data_dir, "ready", demo=True).wait(timeout=120)
    return data_dir


def spawn_kiosk(
    data_dir: Path, probe: str, demo: bool = False, bundle: bool = False
) -> subprocess.Popen[str]:
    program = [str(BUNDLE)] if bundle else [sys.executable, "-m", "kiosk"]
    args = [*program, "--data-dir", str(data_dir)]
    if demo:
        args.append("--demo")
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env(KIOSK_STARTUP_PROBE=probe),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def spawn_bare(probe: str = "paint") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", BARE_QT],
        cwd=ROOT,
        env=env(BARE_PROBE=probe),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def time_until(start: float, proc: subprocess.Popen[str], marker: str) -> float:
    """Milliseconds from `start` until the process prints `marker`."""
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == marker:
            elapsed = (time.perf_counter() - start) * 1000
            break
    else:
        raise RuntimeError(f"process ended without printing {marker!r}")
    return elapsed


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")
