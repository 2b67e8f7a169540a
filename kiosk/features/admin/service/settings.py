"""Settings an admin changes on the kiosk's screen, kept in the kiosk's database.

Decision: these are local to the kiosk (a `local_settings` table, not events) because they
describe this screen (its idle time, its default language); the installer's TOML and
environment stay the base, and a value changed here wins over them from the next start on.
Each change is audited (`admin.audited` with before and after), so the log says who changed it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from kiosk.core.clock import Clock
from kiosk.core.errors import ValidationError
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit, denied
from kiosk.features.printing.domain.printer import PrinterSettingError, parse_printer
from kiosk.platform.store.db import Database
from kiosk.platform.store.models import LocalSettingRow
from kiosk.settings import Settings, SettingsError

log = logging.getLogger(__name__)

EDITABLE = (
    "station_name_en",
    "idle_timeout_s",
    "admin_idle_timeout_s",
    "language",
    "large_type",
    "hub_url",
    "printer",
)


def load_overrides(database: Database) -> dict[str, Any]:
    with database.read() as session:
        rows = session.scalars(select(LocalSettingRow)).all()
        values: dict[str, Any] = {}
        for row in rows:
            if row.name in EDITABLE:
                values[row.name] = json.loads(row.value)
        return values


def apply_overrides(settings: Settings, overrides: dict[str, Any]) -> Settings:
    """`settings` with the admin's values; one that no longer fits is skipped (and logged)."""
    for name, value in overrides.items():
        try:
            settings = replace(settings, **{name: value})
        except (SettingsError, TypeError) as exc:
            log.warning("local setting %s ignored: %s", name, exc)
    return settings


class SettingsService:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._db = database
        self._clock = clock

    def overrides(self) -> dict[str, Any]:
        """The values changed on this kiosk's admin screen, by setting name."""
        return load_overrides(self._db)

    def save(self, actor: AdminAccount, current: Settings, changes: dict[str, Any]) -> Settings:
        """Store the changed values; returns the settings now in force. Nothing is written when
        a value does not fit (the message names it) or nothing changed."""
        if not actor.may(Permission.SETTINGS):
            raise denied()
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValidationError("不能修改该设置", f"Cannot change {', '.join(sorted(unknown))}")
        if "station_name_en" in changes:
            name = str(changes["station_name_en"]).strip()
            if not 1 <= len(name) <= 60:
                raise ValidationError(
                    "站点名称须为 1–60 个字符", "The station name needs 1–60 characters"
                )
            changes = {**changes, "station_name_en": name}
        if changes.get("hub_url"):
            url = str(changes["hub_url"]).strip()
            if not url.startswith(("http://", "https://")) or len(url) > 300:
                raise ValidationError(
                    "服务器地址须以 http:// 或 https:// 开头",
                    "The hub URL must start with http:// or https://",
                )
            changes = {**changes, "hub_url": url}
        if "printer" in changes:
            printer = str(changes["printer"] or "").strip()
            try:
                target = parse_printer(printer)
            except PrinterSettingError as exc:
                raise ValidationError(exc.zh, exc.en) from None
            changes = {**changes, "printer": str(target) if target else ""}
        try:
            updated = replace(current, **changes)
        except SettingsError as exc:
            raise ValidationError("设置值无效", f"Setting not valid: {exc}") from None
        changed = {k: v for k, v in changes.items() if getattr(current, k) != v}
        if not changed:
            return current
        with self._db.write() as session:
            for name, value in changed.items():
                session.merge(LocalSettingRow(name=name, value=json.dumps(value)))
            audit(
                session,
                self._clock,
                actor.id,
                Action.SETTINGS_CHANGED,
                ",".join(sorted(changed))[:64],
                {k: getattr(current, k) for k in changed},
                dict(changed),
            )
        return updated

    def enrol(self, actor: AdminAccount, data_dir: Path, hub_url: str, code: str) -> str:
        """Enrol this kiosk in a hub with a one-time code (network: call it off the GUI
        thread); returns the station id. Success and failure are both audited."""
        from kiosk.platform.sync.client import HubClient, HubError
        from kiosk.platform.sync.engine import EnrolError, enroll

        if not actor.may(Permission.SETTINGS):
            raise denied()
        code = code.strip()
        if not hub_url.startswith(("http://", "https://")):
            raise ValidationError("请先设置服务器地址", "Set the hub address first")
        if not code:
            raise ValidationError("请输入注册码", "Enter the enrolment code")
        try:
            with HubClient(hub_url) as client:
                station = enroll(self._db, data_dir, client, hub_url, code, self._clock.now())
        except (EnrolError, HubError, OSError) as exc:
            with self._db.write() as session:
                audit(
                    session,
                    self._clock,
                    actor.id,
                    Action.ENROLLED,
                    hub_url[:64],
                    after={"ok": False, "error": str(exc)[:200]},
                )
            raise ValidationError(
                "注册失败：" + str(exc)[:120], "Enrolment failed: " + str(exc)[:120]
            ) from None
        with self._db.write() as session:
            audit(
                session,
                self._clock,
                actor.id,
                Action.ENROLLED,
                hub_url[:64],
                after={"ok": True, "station": station},
            )
        return station
