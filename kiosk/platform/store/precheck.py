"""The database's `PRAGMA quick_check`, begun on a thread as soon as home is painted.

`recover_if_corrupt` must see the check's answer before anything opens the database, and the
check reads the whole file: ~1 ms a megabyte with the file in the page cache (a 100 MB file:
92–151 ms here), far more from a kiosk's eMMC after a power cut, and a kiosk with years of
history paid it on the way to ready, after the services' import. SQLite runs the check without
the interpreter's lock, so begun first it overlaps that import instead (docs/performance.md).
"""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.platform.store.backup import quick_check


class EarlyCheck:
    """A `quick_check` of one file running on its own thread; `result()` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._found: list[str] | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._found = quick_check(self.path)
        except BaseException as exc:  # handed to the caller of result(), never lost
            self._error = exc

    def result(self) -> list[str]:
        """The check's lines (["ok"] for a sound file), as `backup.quick_check` returns them."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._found is not None
        return self._found


def begin(path: Path) -> EarlyCheck | None:
    """Start checking the database at `path`; None when there is no file yet (a new kiosk)."""
    return EarlyCheck(path) if path.is_file() else None
