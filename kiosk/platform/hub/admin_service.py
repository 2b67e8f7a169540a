"""Use cases of hub staff and of enrolment: stations, codes, kiosks, config, rejects."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from pydantic import ValidationError as PydanticValidationError
from pydantic_core import to_json
from sqlalchemy import select

from kiosk.core.clock import Clock
from kiosk.core.text import unstorable_char, unstorable_json
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import Conflict, Gone, Invalid, NotFound, TooLarge
from kiosk.platform.hub.models import ConfigRow, EnrolCode, Kiosk, Station
from kiosk.platform.hub.opening import HoursError, OpeningHours
from kiosk.platform.hub.part import ConfigCheck, PublishForm
from kiosk.platform.hub.regions import station_regions
from kiosk.platform.hub.security import (
    BadgeKey,
    digest,
    new_device_token,
    new_enrol_code,
    normalise_code,
)
from kiosk.platform.hub.web_events import is_hub_author
from kiosk.platform.sync.protocol import (
    KIOSK_NAME_MAX,
    MAX_CONFIG_BODY_BYTES,
    REGION_MAX,
    ConfigItem,
    ConfigKind,
    EnrolCodeOut,
    EnrollRequest,
    EnrollResponse,
    HubStatus,
    KioskStatus,
    RejectOut,
    StationOut,
)

KIOSK_NAMES = "kiosk_names"  # the config kind kiosks read their station's kiosks' names from


def clean_kiosk_name(name: str) -> str:
    """A kiosk's name as stored: trimmed, 1 to KIOSK_NAME_MAX characters, no control
    characters (it is shown in tables, logs and file names)."""
    name = " ".join(name.split())
    if not 1 <= len(name) <= KIOSK_NAME_MAX or any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise Invalid(
            f"a kiosk name is 1 to {KIOSK_NAME_MAX} characters",
            reason="bad_kiosk_name",
            reason_zh=f"终端名称须为 1 到 {KIOSK_NAME_MAX} 个字符",
        )
    return name


def clean_region(region: str) -> str:
    """A station's region as stored: trimmed, at most REGION_MAX characters, no control
    characters ("" is no region). It is shown in tables, charts and CSV."""
    region = " ".join(region.split())
    if len(region) > REGION_MAX or any(ord(c) < 32 or ord(c) == 127 for c in region):
        raise Invalid(
            f"a region is at most {REGION_MAX} characters, without control characters",
            reason="bad_region",
            reason_zh=f"片区名称最多 {REGION_MAX} 个字符，且不能含控制字符",
        )
    if unstorable_char(region) is not None:
        raise Invalid(
            "the region holds a character that cannot be stored",
            reason="bad_region",
            reason_zh="片区名称含有无法保存的字符",
        )
    return region


def _item(row: ConfigRow) -> ConfigItem:
    return ConfigItem(
        position=row.position,
        kind=row.kind,
        station_id=row.station_id,
        version=row.version,
        published_at=row.published_at,
        body=row.body,
    )


def _problem(exc: ValueError) -> str:
    """The first problem a config check found, where it is: `services.2.name_zh: Field
    required` for a schema's error, the message itself for a parser's."""
    if isinstance(exc, PydanticValidationError):
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        error = first.get("ctx", {}).get("error")  # a validator's own ValueError: its words
        message = str(error) if first["type"] == "value_error" and error else str(first["msg"])
        return f"{where}: {message}" if where else message
    return str(exc)


def _station_missing(station_id: str) -> NotFound:
    return NotFound(f"no station {station_id}", reason="unknown_station", reason_zh="站点不存在")


class AdminService:
    """Everything behind /v1/enroll and /v1/admin. Each method is one transaction."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        badge_key: BadgeKey,
        skew_threshold_s: float,
        config_checks: Mapping[str, ConfigCheck] | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._badge_key = badge_key
        self._skew = skew_threshold_s
        self._checks = dict(config_checks or {})

    # --- enrolment ---------------------------------------------------------------------

    def issue_code(self, station_id: str, ttl_s: int) -> EnrolCodeOut:
        now = self._clock.now()
        code = new_enrol_code()
        with self._db.write() as session:
            if repo.get_station(session, station_id) is None:
                raise _station_missing(station_id)
            expires = now + timedelta(seconds=ttl_s)
            repo.add(
                session,
                EnrolCode(
                    code_hash=digest(normalise_code(code)),
                    station_id=station_id,
                    created_at=now,
                    expires_at=expires,
                ),
            )
        return EnrolCodeOut(code=code, station_id=station_id, expires_at=expires)

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        now = self._clock.now()
        token = new_device_token()
        with self._db.write() as session:
            code = repo.lock_enrol_code(session, digest(normalise_code(request.code)))
            if code is None:
                raise NotFound(
                    "unknown enrolment code", reason="code_unknown", reason_zh="注册码无效"
                )
            if code.used_at is not None:
                raise Gone(
                    "enrolment code already used", reason="code_used", reason_zh="注册码已被使用"
                )
            if code.expires_at <= now:
                raise Gone(
                    "enrolment code expired", reason="code_expired", reason_zh="注册码已过期"
                )
            kiosk_id = request.kiosk_id or f"k-{secrets.token_hex(6)}"
            if is_hub_author(kiosk_id):  # the hub's own pseudo-kiosks (web_events.py)
                raise Conflict(
                    f"kiosk id {kiosk_id} is reserved for the hub",
                    reason="kiosk_reserved",
                    reason_zh="该终端编号为中心保留",
                )
            if repo.get_kiosk(session, kiosk_id) is not None:
                raise Conflict(
                    f"kiosk {kiosk_id} is already enrolled",
                    reason="kiosk_exists",
                    reason_zh="该终端编号已注册",
                )
            code.used_at = now
            code.kiosk_id = kiosk_id
            name = clean_kiosk_name(request.name) if request.name else None
            repo.add(
                session,
                Kiosk(
                    id=kiosk_id,
                    station_id=code.station_id,
                    name=name,
                    token_hash=digest(token),
                    revoked=False,
                    enrolled_at=now,
                    acked_seq=0,
                ),
            )
            station_id = code.station_id
            if name:
                session.flush()
                self._publish_kiosk_names(session, station_id)
        return EnrollResponse(kiosk_id=kiosk_id, station_id=station_id, device_token=token)

    # --- stations and kiosks -----------------------------------------------------------

    def create_station(
        self, station_id: str, name: str, name_en: str | None = None, region: str = ""
    ) -> StationOut:
        region = clean_region(region)
        with self._db.write() as session:
            if repo.get_station(session, station_id) is not None:
                raise Conflict(
                    f"station {station_id} exists", reason="station_exists", reason_zh="站点已存在"
                )
            repo.add(
                session,
                Station(
                    id=station_id,
                    name=name,
                    name_en=name_en,
                    created_at=self._clock.now(),
                    region=region or None,
                ),
            )
        return StationOut(station_id=station_id, name=name, name_en=name_en, region=region)

    def set_station_region(self, station_id: str, region: str) -> str:
        """Put a station in a region (片区; empty: none) for the centre's figures per region.
        Returns the region as stored; a bad one is refused, nothing written."""
        region = clean_region(region)
        with self._db.write() as session:
            station = repo.get_station(session, station_id)
            if station is None:
                raise _station_missing(station_id)
            station.region = region or None
        return region

    def station_regions(self) -> dict[str, str]:
        """Every station's region ("" for none)."""
        return station_regions(self._db)

    def rename_station(self, station_id: str, name: str, name_en: str | None) -> StationOut:
        """Set a station's Chinese and English names (the English one may be cleared)."""
        with self._db.write() as session:
            station = repo.get_station(session, station_id)
            if station is None:
                raise _station_missing(station_id)
            station.name, station.name_en = name, name_en
            region = station.region or ""
        return StationOut(station_id=station_id, name=name, name_en=name_en, region=region)

    def set_station_hours(self, station_id: str, opens: str, closes: str) -> OpeningHours | None:
        """Set a station's opening hours from the form's two fields (both empty: all day);
        the silent-kiosk flag counts only open time. Bad times are refused, nothing written."""
        try:
            hours = OpeningHours.parse(opens, closes)
        except HoursError as exc:
            raise Invalid(str(exc), reason="bad_hours", reason_zh=exc.reason_zh) from None
        with self._db.write() as session:
            station = repo.get_station(session, station_id)
            if station is None:
                raise _station_missing(station_id)
            station.opens_at = f"{hours.opens:%H:%M}" if hours else None
            station.closes_at = f"{hours.closes:%H:%M}" if hours else None
        return hours

    def station_hours(self) -> dict[str, OpeningHours | None]:
        """Every station's opening hours (None: open all day)."""
        with self._db.read() as session:
            rows = session.execute(select(Station.id, Station.opens_at, Station.closes_at))
            return {sid: OpeningHours.stored(o, c) for sid, o, c in rows}

    def kiosks(self, station_id: str | None) -> list[KioskStatus]:
        with self._db.read() as session:
            rows = repo.list_kiosks(session, station_id)
        return [self._status(k, n) for k, n in rows]

    def kiosks_at(self, stations: Sequence[str]) -> list[KioskStatus]:
        """The kiosks of `stations` only (a page of the stations page), by station then id."""
        if not stations:
            return []
        with self._db.read() as session:
            rows = repo.kiosks_at(session, stations)
        return [self._status(k, n) for k, n in rows]

    def _status(self, k: Kiosk, rejects: int) -> KioskStatus:
        return KioskStatus(
            kiosk_id=k.id,
            station_id=k.station_id,
            name=k.name,
            enrolled_at=k.enrolled_at,
            last_seen=k.last_seen,
            acked_seq=k.acked_seq,
            rejects=rejects,
            clock_offset_s=k.clock_offset_s,
            skew_flagged=k.clock_offset_s is not None and abs(k.clock_offset_s) > self._skew,
            revoked=k.revoked,
            pending=k.pending,
            app_version=k.app_version,
            disk_free_mb=k.disk_free_mb,
            last_error=k.last_error,
            last_error_at=k.last_error_at,
            health_at=k.health_at,
        )

    def kiosk_station(self, kiosk_id: str) -> str:
        """The station a kiosk belongs to (who may rename it is decided by its station)."""
        with self._db.read() as session:
            kiosk = repo.get_kiosk(session, kiosk_id)
            if kiosk is None:
                raise NotFound(
                    f"no kiosk {kiosk_id}", reason="unknown_kiosk", reason_zh="终端不存在"
                )
            return kiosk.station_id

    def rename_kiosk(self, kiosk_id: str, name: str) -> str:
        """Name a kiosk ("北出口 / North exit"); the station's kiosks learn it on their next
        pull (a `kiosk_names` configuration written in the same transaction). Returns the
        name as stored."""
        name = clean_kiosk_name(name)
        with self._db.write() as session:
            kiosk = repo.get_kiosk(session, kiosk_id)
            if kiosk is None:
                raise NotFound(
                    f"no kiosk {kiosk_id}", reason="unknown_kiosk", reason_zh="终端不存在"
                )
            if kiosk.name != name:
                kiosk.name = name
                session.flush()
                self._publish_kiosk_names(session, kiosk.station_id)
        return name

    def _publish_kiosk_names(self, session: Any, station_id: str) -> None:
        """Every named kiosk of the station (revoked ones too: their records keep a name)."""
        kiosks = repo.station_kiosks(session, station_id)
        body = {"kiosks": [{"id": k.id, "name": k.name} for k in kiosks if k.name]}
        repo.add(
            session,
            ConfigRow(
                kind=KIOSK_NAMES,
                station_id=station_id,
                version=repo.next_config_version(session, KIOSK_NAMES, station_id),
                body=body,
                published_at=self._clock.now(),
            ),
        )

    def revoke(self, kiosk_id: str) -> None:
        with self._db.write() as session:
            if not repo.set_revoked(session, kiosk_id):
                raise NotFound(
                    f"no kiosk {kiosk_id}", reason="unknown_kiosk", reason_zh="终端不存在"
                )

    def rejects(self, kiosk_id: str | None, after_id: int, limit: int) -> list[RejectOut]:
        with self._db.read() as session:
            rows = repo.list_rejects(session, kiosk_id, after_id, limit)
            return [
                RejectOut(
                    kiosk_id=r.kiosk_id,
                    seq=r.seq,
                    event_id=r.event_id,
                    kind=r.kind,
                    reason=r.reason,
                    received_at=r.received_at,
                    payload=r.payload,
                )
                for r in rows
            ]

    def status(self) -> HubStatus:
        with self._db.read() as session:
            counts = repo.counts(session)
        return HubStatus(**counts, database=self._db.dialect, badge_key_id=self._badge_key.key_id)

    # --- configuration -----------------------------------------------------------------

    @property
    def publishable(self) -> tuple[str, ...]:
        """The configuration kinds the features' hub parts check, in the registry's order."""
        return tuple(self._checks)

    def kind_name(self, kind: str, lang: str) -> str:
        """A kind as a person reads it: 公告 (announcements) in Chinese, the kind in English."""
        check = self._checks.get(kind)
        return f"{check.name_zh}（{kind}）" if lang == "zh" and check is not None else kind

    def form_of(self, kind: str) -> PublishForm | None:
        """The kind's publish form, when its feature gives one."""
        check = self._checks.get(kind)
        return None if check is None else check.form

    def current(self, kind: str, station_id: str | None) -> dict[str, Any] | None:
        """The body a station's kiosks read now (what a form starts from): the station's own,
        else the one for every station, else what the kind's form starts from."""
        with self._db.read() as session:
            for scope in dict.fromkeys((station_id, None)):
                row = repo.latest_config(session, kind, scope)
                if row is not None:
                    return dict(row.body)
        form = self.form_of(kind)
        return dict(form.start()) if form is not None and form.start is not None else None

    def check(self, kind: ConfigKind, body: dict[str, Any]) -> object:
        """What `publish` would store, read as a kiosk reads it (the centre's preview); the
        refusals `publish` gives, nothing written."""
        if kind == KIOSK_NAMES:
            raise Invalid(
                "kiosk names are set by naming a kiosk, not published",
                reason="not_publishable",
                reason_zh="终端名称请在站点页为终端改名，不能直接发布",
            )
        problem = unstorable_json(body)  # the centre's form reaches here without ConfigPublish
        if problem is not None:
            raise Invalid(
                f"config body cannot be stored: {problem}",
                reason="unstorable_config",
                reason_zh="配置含有无法保存的内容（如空字符、孤立代理字符或超大数字）",
            )
        if len(to_json(body)) > MAX_CONFIG_BODY_BYTES:
            raise TooLarge("config body too large", reason="config_too_large", reason_zh="配置过大")
        check = self._checks.get(kind)
        if check is None:
            return body
        try:  # read by every kiosk of the station: refuse a bad one here
            return check.read(body)
        except ValueError as exc:
            problem = _problem(exc)
            raise Invalid(
                f"{kind}: {problem}",
                reason=f"bad_{kind}",
                reason_zh=f"{check.name_zh}格式不正确（{problem}）",
            ) from exc

    def history(self, kind: str, station_id: str | None, limit: int = 20) -> list[ConfigItem]:
        """The latest `limit` publications of `kind` for one station (or all), newest first."""
        with self._db.read() as session:
            return [_item(row) for row in repo.config_history(session, kind, station_id, limit)]

    def publication(self, position: int) -> ConfigItem | None:
        """One earlier publication (to publish it again)."""
        with self._db.read() as session:
            row = session.get(ConfigRow, position)
            return None if row is None else _item(row)

    def publish(self, kind: ConfigKind, station_id: str | None, body: dict[str, Any]) -> ConfigItem:
        self.check(kind, body)
        now = self._clock.now()
        with self._db.write() as session:
            if station_id is not None and repo.get_station(session, station_id) is None:
                raise _station_missing(station_id)
            row = ConfigRow(
                kind=kind,
                station_id=station_id,
                version=repo.next_config_version(session, kind, station_id),
                body=body,
                published_at=now,
            )
            repo.add(session, row)
            return _item(row)

    def ensure_published(
        self, kind: ConfigKind, station_id: str | None, body: dict[str, Any]
    ) -> None:
        """Publish `body` unless it is already the latest of its kind (start-up work of a part,
        e.g. the badge key: idempotent, so N workers starting together publish it once)."""
        with self._db.read() as session:
            latest = repo.latest_config(session, kind, station_id)
            if latest is not None and latest.body == body:
                return
        self.publish(kind, station_id, body)
