"""One code tree per benchmark child: a child that measures a tree (a `git archive` of main, or
this checkout) imports that tree's `kiosk`, migrations and resources, not the editable install's.

Why: the editable install maps `kiosk` (and `kiosk._migrations`, `kiosk._resources`) to the
checkout it was made from, so a child that only changed its working directory still ran that
checkout's code against the other tree's schema — how earlier A/B figures showed no difference
between trees. Standard library only: it is imported before any tree is on the path.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from pathlib import Path
from typing import Any


class TreeData(importlib.abc.MetaPathFinder):
    """`kiosk._migrations` and `kiosk._resources` from the tree measured (the editable install
    maps them to its own checkout's db/ and resources/)."""

    def __init__(self, code: Path) -> None:
        self.folders = {"kiosk._migrations": code / "db", "kiosk._resources": code / "resources"}

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        folder = self.folders.get(fullname)
        if folder is None:
            return None
        return importlib.util.spec_from_file_location(
            fullname, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )


def load_tree(code: Path | str) -> Path:
    """Put `code` first for `kiosk` and its data; call before anything imports `kiosk`."""
    tree = Path(code).resolve()
    if "kiosk" in sys.modules:
        raise RuntimeError("kiosk was imported before its tree was chosen")
    sys.path.insert(0, str(tree))
    sys.meta_path.insert(0, TreeData(tree))
    return tree


def check_tree(tree: Path) -> None:
    """Fail unless this process runs `tree`'s code and migrations."""
    import kiosk
    from kiosk.resources import migrations_path

    assert Path(kiosk.__file__).resolve().is_relative_to(tree), kiosk.__file__
    assert migrations_path("hub").resolve().is_relative_to(tree), migrations_path("hub")
