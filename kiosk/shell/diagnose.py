"""One support archive (`python -m kiosk diagnose --out FILE.zip`) a volunteer can send.

It must work when the kiosk is sick: the database is only read (never migrated or recovered),
each section that fails is written as its error instead of aborting the archive, and no secret
leaves the kiosk (the device token, badge private keys and PIN hashes are never read into it).
"""

from __future__ import annotations

import json
import platform
import sqlite3
import sys
import zipfile
from dataclasses import fields
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from kiosk.platform.store.backup import backup_dir, list_backups, quick_check
from kiosk.settings import Settings

LOG_DIR = "logs"
_SECRET_WORDS = ("token", "secret", "private", "password", "pin")


def _versions() -> dict[str, Any]:
    packages: dict[str, str | None] = {}
    for name in ("station-kiosk", "PySide6-Essentials", "SQLAlchemy", "alembic", "zxing-cpp"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "python": sys.version,
        "platform": platform.platform(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "sqlite": sqlite3.sqlite_version,
        "packages": packages,  # Qt's version is PySide6's; read without importing Qt
    }


def _settings(settings: Settings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in fields(settings):
        value = getattr(settings, item.name)
        if any(word in item.name for word in _SECRET_WORDS):
            value = "<removed>"
        elif item.name == "badge_public_keys":
            value = sorted(value)  # key ids only: which keys, not their bytes
        out[item.name] = value if isinstance(value, (int, float, bool, type(None))) else str(value)
    return out


def _database(path: Path) -> dict[str, Any]:
    """Integrity, schema revision and sync state, read-only; what failed is reported as text."""
    report: dict[str, Any] = {"path": str(path), "exists": path.exists()}
    if not path.exists():
        return report
    report["size_bytes"] = path.stat().st_size
    report["quick_check"] = quick_check(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        report["error"] = str(exc)
        return report
    try:
        conn.row_factory = sqlite3.Row
        report["integrity_check"] = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
        for key, sql in {
            "schema_revision": "SELECT version_num FROM alembic_version",
            "kiosk_meta": "SELECT kiosk_id, station_id, last_seq, acked_seq, created_at "
            "FROM kiosk_meta",
            "sync_state": "SELECT hub_url, cursor, enrolled_at, revoked, clock_offset_s, "
            "last_attempt_at, last_success_at, last_error FROM sync_state",
            "counts": "SELECT (SELECT count(*) FROM events) AS events, "
            "(SELECT count(*) FROM outbox) AS outbox, "
            "(SELECT count(*) FROM sync_rejects) AS rejects",
        }.items():
            try:
                report[key] = [dict(row) for row in conn.execute(sql)]
            except sqlite3.Error as exc:
                report[key] = f"error: {exc}"
    except sqlite3.Error as exc:
        report["error"] = str(exc)
    finally:
        conn.close()
    return report


def write_archive(settings: Settings, out: Path) -> Path:
    """Write the archive to `out` (parent folders made); returns its path."""
    data_dir = settings.data_dir
    summary = {
        "written_at": datetime.now(UTC).isoformat(),
        "versions": _versions(),
        "settings": _settings(settings),
        "database": _database(settings.database_path),
        "backups": [
            {"name": b.path.name, "size_bytes": b.size_bytes, "taken_at": b.taken_at.isoformat()}
            for b in list_backups(backup_dir(data_dir))
        ],
        "files": sorted(
            p.name for p in data_dir.glob("kiosk.sqlite3*") if p.is_file()
        ),  # moved-aside databases show up here
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.json", json.dumps(summary, ensure_ascii=False, indent=2))
        for log_file in sorted((data_dir / LOG_DIR).glob("kiosk.log*")):
            archive.write(log_file, f"logs/{log_file.name}")
    temp.replace(out)
    return out
