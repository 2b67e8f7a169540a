"""PySide's import hook still tells Qt modules from others, without keeping their sources."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

from kiosk.platform.ui import pyside_hook


@pytest.fixture
def modules_dir(tmp_path: Path) -> Path:
    (tmp_path / "hook_uses_qt.py").write_text("from PySide6.QtCore import QObject\n")
    (tmp_path / "hook_plain.py").write_text("VALUE = 1\n")
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in ("hook_uses_qt", "hook_plain"):
        sys.modules.pop(name, None)


def test_modules_are_classified_and_their_sources_not_kept(modules_dir: Path) -> None:
    assert pyside_hook.install()
    assert pyside_hook.install()  # idempotent
    feature = sys.modules["shibokensupport.feature"]
    # An `import` statement (shiboken hooks `builtins.__import__`, not importlib).
    __import__("hook_uses_qt")
    __import__("hook_plain")
    # 0: a module that uses PySide (the default feature set); -1: one PySide may ignore.
    assert feature.pyside_feature_dict["hook_uses_qt"] == 0
    assert feature.pyside_feature_dict["hook_plain"] == -1
    assert str(modules_dir / "hook_uses_qt.py") not in linecache.cache
    assert str(modules_dir / "hook_plain.py") not in linecache.cache
