"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every void call; the kiosk must
survive far more calls than None's original reference count."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from kiosk.ui.compat import protect_none

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel
    from kiosk.ui.bootstrap import make_application
    app = make_application()
    label = QLabel()
    for i in range(50_000):  # None starts with ~5,000 references
        label.setText("x")
    print("survived")
    """
)


def test_many_void_qt_calls_do_not_abort_the_kiosk() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"


def test_protect_none_is_idempotent() -> None:
    protect_none()
    before = sys.getrefcount(None)
    protect_none()
    assert abs(sys.getrefcount(None) - before) < 1000
    assert sys.version_info >= (3, 12) or before > 1 << 40
