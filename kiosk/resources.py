"""Where bundled files are: resources/ and db/ of the project, read with importlib.resources.

setup.py maps them into the package as `kiosk._resources` and `kiosk._migrations`, so the same
lookup works in a checkout's editable install, in an installed wheel and in the PyInstaller
bundle (which collects them under the same package path).
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

RESOURCES = "kiosk._resources"
MIGRATIONS = "kiosk._migrations"


def _on_disk(package: str, *parts: str) -> Path:
    """A file or folder of a data package as a real path (Alembic and Qt need one, not a zip).

    Joined before the check: in the PyInstaller bundle the data packages are namespaces (their
    `__init__` lives in the checkout's resources/ and db/, which the bundle's analysis cannot
    see), and a namespace's joined child is a plain path.
    """
    found = files(package)
    for part in parts:  # one at a time: a namespace's joinpath takes one name on Python 3.11
        found = found.joinpath(part)
    if not isinstance(found, Path):
        raise RuntimeError(f"{package} is not on the file system ({found!r}): install unzipped")
    return found


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return _on_disk(RESOURCES, *parts)


def bundled_json(name: str) -> Any:
    """A bundled JSON file under `resources/` (the catalogue, the items and slots lists)."""
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)


def migrations_path(database: Literal["kiosk", "hub"]) -> Path:
    """The Alembic script folder of the kiosk's or the hub's database (`db/kiosk`, `db/hub`)."""
    return _on_disk(MIGRATIONS, database)
