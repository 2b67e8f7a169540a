"""One typed Settings object, read from a TOML file (KIOSK_CONFIG) and KIOSK_* variables.

A frozen dataclass and the standard library's tomllib rather than pydantic-settings: settings are
read before the first paint, and importing pydantic-settings (230 ms here) costs more than a bare
Qt window's whole start. The hub, where start-up time does not matter, uses pydantic-settings.
"""

from __future__ import annotations

import json
import os
import tomllib
import types
import typing
from dataclasses import dataclass, field, fields, replace
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal

from kiosk.features.catalogue.domain.seasons import SEASON_SETTINGS
from kiosk.features.printing.domain.printer import PrinterSettingError, parse_printer
from kiosk.features.shifts.domain import HoursRule, Rounding, ShiftRules

ENV_PREFIX = "KIOSK_"


def default_data_dir() -> Path:
    """Where the kiosk keeps its database, keys and logs unless told otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "station-kiosk"


class SettingsError(ValueError):
    """A setting has a value the kiosk cannot use; the message names it and says what fits."""


# Bounds checked on every load: (minimum, maximum) inclusive.
_BOUNDS: dict[str, tuple[float, float]] = {
    "idle_timeout_s": (10, 3600),
    "admin_idle_timeout_s": (30, 3600),
    "result_timeout_s": (2, 120),
    "max_shift_hours": (0.5, 24),
    "sweep_credit_hours": (0, 24),
    "hours_unit_minutes": (1, 60),
    "charging_overdue_hours": (0.25, 72),
    "daily_check_hour": (0, 23),
    "request_accept_minutes": (1, 120),
    "retention_request_days": (1, 3650),
    "retention_wish_days": (1, 3650),
    "retention_loan_days": (1, 3650),
}


@dataclass(frozen=True)
class Settings:
    """Everything an installer may set. Build it with `load_settings()` to read the environment
    and the TOML file; `Settings(...)` alone gives defaults plus what is passed (tests)."""

    data_dir: Path = field(default_factory=default_data_dir)
    station_id: str = "demo-station"
    station_name_zh: str = "暖心驿站（示范站）"
    station_name_en: str = "Warm Heart Station (demo)"
    timezone: str = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    large_type: bool = False
    kiosk_mode: bool = False
    idle_timeout_s: int = 60
    admin_idle_timeout_s: int = 180  # on admin screens: log out after this long untouched
    result_timeout_s: int = 8
    max_shift_hours: float = 12.0
    sweep_credit_hours: float = 4.0
    hours_rounding: Rounding = Rounding.DOWN
    hours_unit_minutes: int = 15
    badge_public_keys: dict[str, str] = field(default_factory=dict)
    hub_url: str | None = None
    # What a traveller's phone reaches (QR codes on service pages and tickets): the hub's public
    # address, when the kiosk enrolled over a LAN address a phone cannot open.
    hub_public_url: str | None = None
    charging_overdue_hours: float = 4.0  # a phone left longer is flagged on home and admin
    # Printed on hours certificates and the monthly report: how to reach the issuing station.
    station_contact: str = ""
    # Certificate numbers start with this (letters and digits); empty: from the station id.
    certificate_prefix: str = ""
    # The service content a certificate states (志愿服务内容).
    certificate_service: str = "驿站志愿服务：引导问询、便民服务、爱心帮扶"
    # Seasonal preset on the home screen: by the month ("auto"), fixed, or "off".
    season: Literal["auto", "summer", "winter", "rain", "off"] = "auto"
    daily_check_hour: int = 10  # no medicine box / AED check today by this hour: an alert
    kiosk_place_zh: str = "候车大厅服务台"  # where this kiosk stands (the emergency banner)
    kiosk_place_en: str = "Waiting hall service desk"
    aed_location_zh: str = "服务台左侧墙上的绿色 AED 箱"  # the nearest AED, for the emergency page
    aed_location_en: str = "Green AED box on the wall left of the service desk"
    request_accept_minutes: int = 5  # a help request not accepted by then is escalated
    # Personal data (docs/privacy.md): days a closed request / wish / loan keeps its traveller's
    # phone and words before its key is destroyed (the hub has the same HUB_RETENTION_*).
    retention_request_days: int = 180
    retention_wish_days: int = 180
    retention_loan_days: int = 180
    # The receipt printer: "" (none), "usb:0416:5011", "net:192.168.1.50:9100" or "file:PATH".
    printer: str = ""
    # Spoken guidance (docs/speech.md): Qt's text-to-speech engine, "speechd" on Debian; "" off.
    speech_engine: str = "speechd"

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        object.__setattr__(self, "hours_rounding", _convert("hours_rounding", self.hours_rounding))
        if self.language not in ("zh", "en"):
            raise SettingsError(f"language must be zh or en, not {self.language!r}")
        if self.season not in SEASON_SETTINGS:
            raise SettingsError(
                f"season must be one of {', '.join(SEASON_SETTINGS)}, not {self.season!r}"
            )
        for name, (low, high) in _BOUNDS.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise SettingsError(f"{name} must be between {low:g} and {high:g}, not {value}")
        if not self.station_id or not self.station_id.replace("-", "").replace("_", "").isalnum():
            raise SettingsError("station_id must be letters, digits, '-' or '_'")
        prefix = self.certificate_prefix
        if prefix and not (prefix.isascii() and prefix.isalnum() and len(prefix) <= 12):
            raise SettingsError("certificate_prefix must be up to 12 letters or digits")
        try:
            parse_printer(self.printer)
        except PrinterSettingError as exc:
            raise SettingsError(f"printer: {exc.en}") from None
        if not 1 <= len(self.certificate_service) <= 200:
            raise SettingsError("certificate_service must be 1 to 200 characters")
        public = self.hub_public_url
        if public and not (public.startswith(("http://", "https://")) and len(public) <= 300):
            raise SettingsError("hub_public_url must start with http:// or https://")

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    @property
    def shift_rules(self) -> ShiftRules:
        return ShiftRules(
            max_shift=timedelta(hours=self.max_shift_hours),
            sweep_credit=timedelta(hours=self.sweep_credit_hours),
        )

    @property
    def certificate_code(self) -> str:
        """The station part of certificate numbers: the prefix, or the station id's letters."""
        if self.certificate_prefix:
            return self.certificate_prefix.upper()
        letters = "".join(ch for ch in self.station_id if ch.isascii() and ch.isalnum())
        return (letters[:8] or "KIOSK").upper()

    @property
    def hours_rule(self) -> HoursRule:
        return HoursRule(mode=self.hours_rounding, unit_minutes=self.hours_unit_minutes)


_TYPES = typing.get_type_hints(Settings)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _convert(name: str, raw: Any) -> Any:
    """`raw` (a string from the environment, or a TOML value) as the field's type."""
    kind = _TYPES[name]
    optional = isinstance(kind, types.UnionType) and type(None) in typing.get_args(kind)
    if optional:
        if raw is None or raw == "":
            return None
        kind = next(t for t in typing.get_args(kind) if t is not type(None))
    origin = typing.get_origin(kind)
    try:
        if kind is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in _TRUE | _FALSE:
                return text in _TRUE
            raise ValueError("use true or false")
        if kind in (int, float):
            if isinstance(raw, bool):
                raise ValueError("a number is needed")
            return kind(raw)
        if kind is Path:
            return Path(str(raw)).expanduser()
        if kind is Rounding:
            return Rounding(raw)
        if origin is dict:
            value = json.loads(raw) if isinstance(raw, str) else raw
            if not isinstance(value, dict):
                raise ValueError("a table of names to texts is needed")
            return {str(k): str(v) for k, v in value.items()}
        if origin is Literal:
            return str(raw)
        return str(raw)
    except (ValueError, TypeError) as exc:
        raise SettingsError(f"{name}: cannot use {raw!r} ({exc})") from None


def _from_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise SettingsError(f"KIOSK_CONFIG names {path}, which does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path} is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(_TYPES))
    if unknown:
        raise SettingsError(f"{path}: unknown settings {', '.join(unknown)}")
    return {name: _convert(name, value) for name, value in data.items()}


def _from_env(environ: typing.Mapping[str, str]) -> dict[str, Any]:
    values = {}
    for item in fields(Settings):
        raw = environ.get(ENV_PREFIX + item.name.upper())
        if raw is not None:
            values[item.name] = _convert(item.name, raw)
    return values


def load_settings(environ: typing.Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Defaults, then the TOML file named by KIOSK_CONFIG, then KIOSK_* variables, then
    `overrides` (command-line options): each later source wins."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config = environ.get(ENV_PREFIX + "CONFIG")
    if config:
        values.update(_from_toml(Path(config)))
    values.update(_from_env(environ))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **values) if values else Settings()
