"""Settings: defaults < TOML file < KIOSK_* environment < command line, with clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.features.shifts.domain import Rounding
from kiosk.settings import Settings, SettingsError, load_settings


def test_defaults() -> None:
    settings = load_settings(environ={})
    assert settings.language == "zh" and settings.idle_timeout_s == 60
    assert settings.hours_rule.mode is Rounding.DOWN and settings.hours_rule.unit_minutes == 15
    assert settings.shift_rules.max_shift.total_seconds() == 12 * 3600


def test_precedence_toml_env_overrides(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        'station_id = "fzb-north"\nstation_name_zh = "福州北站"\nidle_timeout_s = 90\n'
        'large_type = true\nhours_rounding = "nearest"\n'
        '[badge_public_keys]\nhub-1 = "abc"\n',
        encoding="utf-8",
    )
    environ = {"KIOSK_CONFIG": str(config), "KIOSK_IDLE_TIMEOUT_S": "120", "KIOSK_LANGUAGE": "en"}
    settings = load_settings(environ=environ, data_dir=tmp_path / "data")
    assert settings.station_id == "fzb-north" and settings.station_name_zh == "福州北站"
    assert settings.idle_timeout_s == 120  # the environment beats the file
    assert settings.language == "en" and settings.large_type is True
    assert settings.hours_rounding is Rounding.NEAREST
    assert settings.badge_public_keys == {"hub-1": "abc"}
    assert settings.data_dir == tmp_path / "data"  # the command line beats both


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"KIOSK_IDLE_TIMEOUT_S": "5"}, "idle_timeout_s must be between 10 and 3600"),
        ({"KIOSK_IDLE_TIMEOUT_S": "soon"}, "idle_timeout_s: cannot use 'soon'"),
        ({"KIOSK_LARGE_TYPE": "maybe"}, "large_type: cannot use 'maybe'"),
        ({"KIOSK_LANGUAGE": "fr"}, "language must be zh or en"),
        ({"KIOSK_HOURS_ROUNDING": "sideways"}, "hours_rounding: cannot use 'sideways'"),
        ({"KIOSK_BADGE_PUBLIC_KEYS": "[1]"}, "badge_public_keys"),
        ({"KIOSK_STATION_ID": "北站 1"}, "station_id must be letters"),
        ({"KIOSK_CONFIG": "/nonexistent/kiosk.toml"}, "does not exist"),
    ],
)
def test_bad_values_are_refused_with_a_clear_message(environ: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(environ=environ)


def test_unknown_and_malformed_toml(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("idle_timeout = 90\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="unknown settings idle_timeout"):
        load_settings(environ={"KIOSK_CONFIG": str(config)})
    config.write_text("idle_timeout_s = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(environ={"KIOSK_CONFIG": str(config)})


def test_booleans_and_optional() -> None:
    settings = load_settings(environ={"KIOSK_KIOSK_MODE": "yes", "KIOSK_HUB_URL": ""})
    assert settings.kiosk_mode is True and settings.hub_url is None
    assert Settings(data_dir="/tmp/x").data_dir == Path("/tmp/x")  # type: ignore[arg-type]
