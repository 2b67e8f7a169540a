"""Where the kiosk keeps its device credential (data_dir/keys/device_token, mode 0600).

Separate from the engine so the app can tell whether it is enrolled without importing the HTTP
client (httpx and its TLS stack cost start-up time and ~10 MB in a stand-alone kiosk).
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.files import private_dir


def token_path(data_dir: Path) -> Path:
    return data_dir / "keys" / "device_token"


def read_token(data_dir: Path) -> str | None:
    path = token_path(data_dir)
    return path.read_text().strip() if path.exists() else None


def write_token(data_dir: Path, token: str) -> None:
    path = token_path(data_dir)
    private_dir(path.parent)
    temp = path.with_suffix(".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(token)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
