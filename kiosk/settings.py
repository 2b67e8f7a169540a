"""One typed Settings object, read from a TOML file and KIOSK_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from kiosk.domain.shifts import HoursRule, Rounding, ShiftRules


def default_data_dir() -> Path:
    """Where the kiosk keeps its database, keys and logs unless told otherwise."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "station-kiosk"


class Settings(BaseSettings):
    """Everything an installer may set. Environment beats the TOML file beats defaults."""

    model_config = SettingsConfigDict(env_prefix="KIOSK_", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    station_id: str = "demo-station"
    station_name_zh: str = "暖心驿站（示范站）"
    station_name_en: str = "Warm Heart Station (demo)"
    timezone: str = "Asia/Shanghai"
    language: Literal["zh", "en"] = "zh"
    large_type: bool = False
    kiosk_mode: bool = False
    idle_timeout_s: int = Field(default=60, ge=10, le=3600)
    result_timeout_s: int = Field(default=8, ge=2, le=120)
    max_shift_hours: float = Field(default=12.0, gt=0, le=24)
    sweep_credit_hours: float = Field(default=4.0, ge=0, le=24)
    hours_rounding: Rounding = Rounding.DOWN
    hours_unit_minutes: int = Field(default=15, ge=1, le=60)
    badge_public_keys: dict[str, str] = Field(default_factory=dict)
    hub_url: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_path = os.environ.get("KIOSK_CONFIG")
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if toml_path:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=Path(toml_path)))
        return tuple(sources)

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    @property
    def shift_rules(self) -> ShiftRules:
        from datetime import timedelta

        return ShiftRules(
            max_shift=timedelta(hours=self.max_shift_hours),
            sweep_credit=timedelta(hours=self.sweep_credit_hours),
        )

    @property
    def hours_rule(self) -> HoursRule:
        return HoursRule(mode=self.hours_rounding, unit_minutes=self.hours_unit_minutes)


def load_settings(**overrides: Any) -> Settings:
    """Settings from KIOSK_CONFIG (a TOML file), the environment and explicit overrides."""
    return Settings(**overrides)
