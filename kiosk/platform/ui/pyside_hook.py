"""Import Qt without keeping the source of every later module in memory.

Once PySide6 is imported, shiboken's import hook asks of every module imported after it whether
it uses PySide6 (`shibokensupport.feature._mod_uses_pyside`, for `from __feature__ import
snake_case`). It answers with `inspect.getsource`, which reads the module's source through
`linecache` and keeps it there: measured on the kiosk, 700 files and 290,000 lines, 23 MB of the
idle process (a seventh of it) and tens of milliseconds of start-up spent reading files
(docs/performance.md). A PyInstaller bundle has no sources, so only the venv paid it.

`install` keeps the question and its answer and changes only how the file is read: the module's
`.py` file is read as bytes, searched for ``PySide6`` and dropped. Anything else (no file, not
a `.py`, unreadable) goes to PySide's own function. We use no `__feature__`, so even a wrong
answer would change nothing we run; the answer is kept right anyway.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

_MARK = "_kiosk_reads_bytes"


def install() -> bool:
    """Import PySide6 and replace its per-module source read; True once installed.

    Idempotent. Call it before the first PySide6 import of a process (the kiosk's `run_app`,
    the tests' conftest): modules imported before it are not read at all (shiboken's hook is
    not there yet), and those after it are read as bytes and not kept.
    """
    import PySide6.QtCore  # noqa: F401  (installs shiboken's import hook)

    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False  # a PySide6 without the hook: nothing to replace
    if getattr(original, _MARK, False):
        return True
    vars(feature)["_mod_uses_pyside"] = _reading_bytes(original)
    return True


def _reading_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    return uses_pyside
