"""Where bundled files are: resources/ and db/ of the project, read with importlib.resources.

setup.py maps them into the package as `kiosk._resources` and `kiosk._migrations`, so the same
lookup works in a checkout's editable install, in an installed wheel and in the PyInstaller
bundle (which collects them under the same package path).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

RESOURCES = "kiosk._resources"
MIGRATIONS = "kiosk._migrations"


def package_dir(package: str) -> Path:
    """The folder of a data package on disk (Alembic and Qt need real paths, not a zip)."""
    root = files(package)
    if not isinstance(root, Path):
        raise RuntimeError(f"{package} is not on the file system ({root!r}): install unzipped")
    return root


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return package_dir(RESOURCES).joinpath(*parts)


def migrations_path(database: Literal["kiosk", "hub"]) -> Path:
    """The Alembic script folder of the kiosk's or the hub's database (`db/kiosk`, `db/hub`)."""
    return package_dir(MIGRATIONS) / database
