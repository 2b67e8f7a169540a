"""Regression guard for the Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to
None on every void call (setText, processEvents …), and the interpreter aborts once None's few
thousand references run out — minutes into a kiosk's day. pyproject pins a release without it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(50_000):  # None starts with ~5,000 references
        label.setText("x")
    print(sys.getrefcount(None) - before)
    """
)


def test_many_void_qt_calls_leave_none_alone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert abs(int(done.stdout.strip())) < 100  # not -50,000
