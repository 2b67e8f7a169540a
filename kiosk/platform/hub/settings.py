"""Hub configuration from HUB_* environment variables (and an optional .env file)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kiosk.platform.sync.protocol import (
    MAX_LARGE_PUSH_EVENTS,
    MAX_PUSH_EVENTS,
    MAX_WAIT_S,
    SKEW_THRESHOLD_S,
)


def default_data_dir() -> Path:
    return Path("var") / "hub"


class HubSettings(BaseSettings):
    """Everything a hub operator may set. `database_url` defaults to an SQLite file."""

    model_config = SettingsConfigDict(env_prefix="HUB_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""  # empty: sqlite file in data_dir
    admin_token: str = ""  # empty: admin API refuses every call
    # `GET /metrics` (Prometheus) answers only a bearer of this token; empty: it is a 404.
    metrics_token: str = ""
    # One JSON line per request on standard error (`kiosk-hub serve` turns it on, in every
    # worker, unless `--no-request-log`); off, the `kiosk.hub.requests` logger is left alone.
    request_log: bool = False
    badge_key_path: Path | None = None  # default: data_dir/badge_signing.key
    # The master key that wraps personal data's per-subject keys (docs/privacy.md); kept outside
    # the database and its backups' reach. Default: data_dir/personal_data.key (made, 0600).
    personal_data_key_path: Path | None = None
    # Days a closed request / wish / loan keeps its traveller's phone and words (as the kiosks'
    # KIOSK_RETENTION_*); the hub erases on its own hourly sweep.
    retention_request_days: int = Field(default=180, ge=1, le=3650)
    retention_wish_days: int = Field(default=180, ge=1, le=3650)
    retention_loan_days: int = Field(default=180, ge=1, le=3650)
    # PostgreSQL: whole months of events older than this many months (before the current
    # one) are detached from the event log into the `events_archive` schema, never dropped
    # (docs/hub.md, "The events table on PostgreSQL"); 0 keeps every month in the log.
    events_keep_months: int = Field(default=0, ge=0, le=1200)
    skew_threshold_s: float = Field(default=SKEW_THRESHOLD_S, gt=0)
    # A kiosk not heard from for longer is flagged on the centre's stations page (not revoked).
    silent_after_s: int = Field(default=15 * 60, ge=60)
    enrol_code_ttl_s: int = Field(default=24 * 3600, ge=60)
    pool_size: int = Field(default=20, ge=1, le=200)
    # The push channel's long-poll (`GET /v1/sync/wait`) holds a kiosk's request at most this
    # long, whatever `timeout` it asks for (under the 30 s idle cut of most proxies).
    wait_max_s: float = Field(default=MAX_WAIT_S, gt=0, le=MAX_WAIT_S)
    # Station webhooks: the waits between attempts after a failed call (so 4 attempts in all).
    webhook_retry_s: tuple[float, ...] = (2.0, 10.0, 60.0)
    host: str = "127.0.0.1"
    port: int = Field(default=8700, ge=1, le=65535)
    # Web pages (kiosk/platform/hub/web_*.py): token buckets, sessions, the stations' zone.
    # A phone's own limits are per device (its cookie); the address's are much looser, because
    # station Wi-Fi and carrier NAT put many phones behind one address.
    web_view_burst: int = Field(default=60, ge=1)  # page views at once, per device
    web_view_per_min: float = Field(default=30, gt=0)  # page views refilled per minute
    web_view_address_burst: int = Field(default=600, ge=1)  # page views at once, per address
    web_view_address_per_min: float = Field(default=300, gt=0)
    web_submit_burst: int = Field(default=5, ge=1)  # tickets made at once, per device
    web_submit_per_hour: float = Field(default=12, gt=0)  # tickets refilled per hour
    web_submit_address_burst: int = Field(default=60, ge=1)  # tickets at once, per address
    web_submit_address_per_hour: float = Field(default=240, gt=0)
    web_ticket_burst: int = Field(default=6, ge=1)  # cancels/ratings of one ticket at once
    web_ticket_per_hour: float = Field(default=12, gt=0)
    web_login_burst: int = Field(default=10, ge=1)  # dashboard sign-in attempts at once
    web_login_per_hour: float = Field(default=30, gt=0)
    # Per dashboard account, whatever the address: failed sign-ins at once, refilled per hour.
    web_account_burst: int = Field(default=10, ge=1)
    web_account_per_hour: float = Field(default=6, gt=0)
    # Behind a reverse proxy: the client's address from X-Forwarded-For. Off, the header is
    # ignored whoever sends it (`kiosk-hub serve` also turns off uvicorn's own proxy headers).
    trust_forwarded_for: bool = False
    session_ttl_s: int = Field(default=8 * 3600, ge=60)  # a dashboard sign-in lasts this long
    cookie_secure: bool = False  # set behind TLS: cookies only over https
    timezone: str = "Asia/Shanghai"  # the stations' days (reports, departure times)
    # A new kiosk's live pass (GET /v1/sync/live) holds every event of these last local days
    # (today included), besides every aggregate still open: the admin's logs of the week.
    live_days: int = Field(default=7, ge=1, le=366)
    # Feed rows one live page looks at, at most, whatever it keeps (a page's cost is bounded
    # where almost everything is closed history).
    live_scan_rows: int = Field(default=10_000, ge=1, le=1_000_000)
    # The most events a push may carry; above MAX_PUSH_EVENTS the hub lists "push_events:N" in
    # its push replies and a kiosk with a backlog sends it larger batches (docs/hub.md "A
    # backlog in larger pushes"). 500: this hub takes what any hub takes, and says nothing.
    push_max_events: int = Field(
        default=MAX_LARGE_PUSH_EVENTS, ge=MAX_PUSH_EVENTS, le=MAX_LARGE_PUSH_EVENTS
    )
    # Volunteer hours on the dashboard credit each shift as the kiosks do (KIOSK_HOURS_*).
    # Values of kiosk.features.shifts.domain.Rounding (the platform names no feature).
    hours_rounding: Literal["none", "down", "nearest", "up"] = "down"
    hours_unit_minutes: int = Field(default=15, ge=1, le=60)
    charging_overdue_hours: float = Field(default=4.0, gt=0, le=72)  # as the kiosks' setting
    daily_check_hour: int = Field(default=10, ge=0, le=23)  # as the kiosks' KIOSK_DAILY_CHECK_HOUR

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hub.sqlite3').resolve()}"

    def resolved_badge_key_path(self) -> Path:
        return self.badge_key_path or self.data_dir / "badge_signing.key"

    def resolved_personal_data_key_path(self) -> Path:
        return self.personal_data_key_path or self.data_dir / "personal_data.key"
