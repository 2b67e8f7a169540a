"""Work around PySide6 6.12.0 on Python 3.11: every call of a void Qt method drops a reference
to None that it never took.

None starts with a few thousand references, so a kiosk would abort with "Fatal Python error:
none_dealloc" after a few thousand calls such as `label.setText(...)` — minutes of use. Python
3.12 made None immortal (PEP 683) and the bug is invisible there. On older Pythons we give None
a reference count no program can exhaust, which is what PEP 683 does.
"""

from __future__ import annotations

import ctypes
import sys

# Far beyond any number of calls in a kiosk's lifetime, far below overflow of Py_ssize_t.
NONE_REFS = 1 << 48


def protect_none() -> bool:
    """Make None effectively immortal on Python < 3.12; returns True when it had to."""
    if sys.version_info >= (3, 12):
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is PyObject's first field
    if refcount.value < NONE_REFS // 2:
        refcount.value = NONE_REFS
    return True
