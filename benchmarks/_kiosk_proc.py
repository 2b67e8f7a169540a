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
# way the kiosk does (a 0-ms timer after the first paintEvent). With BARE_LIBS set it is the
# second floor, "the house's libraries": after the paint it imports what the check-in stands on
# and must (SQLAlchemy's ORM, pydantic, cryptography's AES-GCM for sealed fields and Ed25519 for
# badges), builds one model and runs one query on a SQLite file through SQLAlchemy, then reports
# "ready". What the kiosk takes beyond that floor is its own code (docs/performance.md).
BARE_QT = """
import os, sys, tempfile
if os.environ.get("BARE_LIBS"):  # the kiosk's own fix of shiboken's import hook, as in run_app
    from kiosk.platform.ui import pyside_hook
    pyside_hook.install()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QWidget

def load_libs():
    import pydantic, sqlalchemy, sqlalchemy.orm
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    class Check(pydantic.BaseModel):
        number: str

    Check(number="0001")
    path = os.path.join(tempfile.gettempdir(), f"bare-floor-{os.getpid()}.db")
    engine = sqlalchemy.create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        connection.execute(sqlalchemy.text("SELECT 1"))
    engine.dispose()
    os.remove(path)

class Window(QWidget):
    painted = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.report)
    def report(self):
        idle = os.environ.get("BARE_PROBE") == "idle"
        if os.environ.get("BARE_LIBS"):
            load_libs()
        print("ready" if idle or os.environ.get("BARE_LIBS") else "painted", flush=True)
        if not idle:
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


def spawn_bare(probe: str = "paint", libs: bool = False) -> subprocess.Popen[str]:
    """The bare window; `libs`: the second floor, which prints "ready" once its libraries are in."""
    extra = {"BARE_LIBS": "1"} if libs else {}
    return subprocess.Popen(
        [sys.executable, "-c", BARE_QT],
        cwd=ROOT,
        env=env(BARE_PROBE=probe, **extra),
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
