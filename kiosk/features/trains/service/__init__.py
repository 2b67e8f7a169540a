"""Train-times use cases: the timetable in force, the board and its search, staff's marks on a
run, importing a timetable file, and a train's departure for other features (help requests).

Where the timetable comes from: the centre's publication (config kind `timetable`, synced to
every kiosk of the station) or a file imported at this kiosk's admin, whichever is newer. The
import is kept as this kiosk's local configuration (`local_preferences`), not as an event:
a timetable is reference data the station's passenger-information system replaces wholesale,
not a fact of the day; a big station's file (a few hundred trains, ~40 KB) is over an event's
16 KB payload cap, and keeping every re-import in the immutable log forever would only grow
it. The station-wide route is the centre's publication; a kiosk without a hub, or waiting for
the centre, imports the file from the USB stick (each kiosk once).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import select

from kiosk.core.errors import Conflict, KioskError, Locked, NotFound, ValidationError
from kiosk.features.admin.domain import AdminAccount, Permission
from kiosk.features.reports.service.folders import ExportFolders
from kiosk.features.trains import store
from kiosk.features.trains.config import Timetable
from kiosk.features.trains.domain import (
    GATE_PATTERN,
    MAX_DELAY_MIN,
    Departure,
    Scheduled,
    departures,
    matches,
)
from kiosk.features.trains.service.files import SUFFIXES, read_timetable
from kiosk.platform.services import ServiceContext
from kiosk.platform.store import eventlog, preferences
from kiosk.platform.store.models import ConfigItemRow

log = logging.getLogger(__name__)

KEY = "trains.timetable"  # the imported file, in local_preferences
MAX_LISTED_FILES = 20

BAD_SEARCH = ValidationError(
    "车次格式不正确，如 G1234 或 1234", "That is not a train number, e.g. G1234 or 1234"
)
UNKNOWN_TRAIN = NotFound(
    "时刻表中没有这趟车（请核对车次）", "This train is not in the timetable (check the number)"
)
BAD_MINUTES = ValidationError(
    f"晚点分钟数须为 0 到 {MAX_DELAY_MIN} 的整数（0 为恢复正点）",
    f"Minutes late is a whole number from 0 to {MAX_DELAY_MIN} (0: on time again)",
)
BAD_GATE = ValidationError(
    "检票口格式不正确，如 5、A12 或 12B", "That is not a gate, e.g. 5, A12 or 12B"
)
SAME_GATE = ValidationError("检票口没有变化", "That is the gate already")
CANCELLED = Conflict("该车次已停运，请先恢复", "This train is cancelled: reinstate it first")
NOT_CANCELLED = Conflict("该车次未停运", "This train is not cancelled")
ALREADY_CANCELLED = Conflict("该车次已标记停运", "This train is already marked cancelled")
NOT_ALLOWED = Locked("您的账号无权进行此操作", "Your account may not do this")
NO_FILE = NotFound(
    "找不到该文件（U 盘是否已拔出？）", "The file is not there (was the USB stick pulled?)"
)


@dataclass(frozen=True)
class Board:
    """What the departures board shows: its lines, when it was read, and the source."""

    departures: list[Departure]
    now: datetime  # station-local
    source: str  # "centre", "import" or "" (no timetable yet)
    as_of: datetime | None


@dataclass(frozen=True)
class Imported:
    """A timetable file taken in: how many trains, from which file."""

    trains: int
    file: str


class TrainService:
    """The station's train times, from the kiosk's own database only (no network), so the
    board works with the hub unreachable."""

    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone
        self._station = str(getattr(context.settings, "station_id", ""))
        data_dir = getattr(context.settings, "data_dir", None)
        self._exports = Path(data_dir) / "exports" if data_dir is not None else Path("exports")
        self._published_cache: tuple[tuple[Any, ...], list[Scheduled] | None] | None = None
        self._imported_cache: tuple[str, list[Scheduled], datetime] | None = None
        self._board_cache: tuple[list[Scheduled], tuple[Any, ...], list[Departure]] | None = None

    @property
    def timezone(self) -> ZoneInfo:
        """The station's zone: every time of the timetable and the board is in it."""
        return self._tz

    # --- the timetable in force ---------------------------------------------------------------

    def _published(self, session: Any) -> tuple[list[Scheduled] | None, datetime | None]:
        for scope in (self._station, "*"):
            stamp = session.execute(
                select(ConfigItemRow.version, ConfigItemRow.published_at).where(
                    ConfigItemRow.kind == "timetable", ConfigItemRow.scope == scope
                )
            ).first()
            if stamp is None:
                continue
            key = (scope, stamp.version, stamp.published_at)
            if self._published_cache is not None and self._published_cache[0] == key:
                return self._published_cache[1], stamp.published_at
            body = session.get(ConfigItemRow, ("timetable", scope)).body
            try:
                table: list[Scheduled] | None = Timetable.model_validate_json(body).scheduled()
            except (ValueError, PydanticValidationError) as exc:  # the hub checks; never crash
                log.warning("published timetable ignored: %s", exc)
                table = None
            self._published_cache = (key, table)
            return table, stamp.published_at
        return None, None

    def _imported(self, session: Any) -> tuple[list[Scheduled] | None, datetime | None]:
        raw = preferences.get(session, KEY)
        if not raw:
            return None, None
        if self._imported_cache is not None and self._imported_cache[0] == raw:
            return self._imported_cache[1], self._imported_cache[2]
        try:
            kept = json.loads(raw)
            table = Timetable.model_validate({"trains": kept["trains"]}).scheduled()
            at = datetime.fromisoformat(kept["imported_at"])
        except (ValueError, KeyError, TypeError, PydanticValidationError) as exc:
            log.warning("imported timetable unreadable: %s", exc)
            return None, None
        self._imported_cache = (raw, table, at)
        return table, at

    def _timetable(self, session: Any) -> tuple[list[Scheduled], str, datetime | None]:
        """The newer of the centre's publication and this kiosk's import (each parsed once
        and kept until it changes: the board is read on every tap and status refresh)."""
        published, published_at = self._published(session)
        imported, imported_at = self._imported(session)
        centre_older = published is None or published_at is None
        if imported is not None and imported_at is not None and not centre_older:
            assert published_at is not None
            centre_older = imported_at >= published_at
        if imported is not None and centre_older:
            return imported, "import", imported_at
        if published is not None:
            return published, "centre", published_at
        return [], "", None

    # --- the board --------------------------------------------------------------------------

    def board(self) -> Board:
        """Every run still to leave (today's and tomorrow's, station-local), soonest first."""
        now = self._clock.now()
        today = now.astimezone(self._tz).date()
        with self._db.read() as session:
            timetable, source, as_of = self._timetable(session)
            runs = store.runs(session, today - timedelta(days=1), today + timedelta(days=1))
        # Statuses change by the minute: the same minute, timetable and marks lay out the same
        # board, so taps and refreshes within a minute reuse it (a large station's day is a
        # few hundred runs to lay out).
        minute = now.replace(second=0, microsecond=0)
        key = (minute, tuple(sorted(runs.items())))
        cached = self._board_cache
        if cached is None or cached[0] is not timetable or cached[1] != key:
            cached = (timetable, key, departures(timetable, runs, minute, self._tz))
            self._board_cache = cached
        return Board(list(cached[2]), now.astimezone(self._tz), source, as_of)

    def search(self, typed: str) -> list[Departure]:
        """The board's runs whose number starts with what was typed (G12 finds G1234; digits
        alone match whatever the letter)."""
        text = typed.strip().upper()
        if (
            not text
            or len(text) > 6
            or not (text.isdigit() or text[1:].isdigit() or text.isalpha())
        ):
            raise BAD_SEARCH
        return [d for d in self.board().departures if matches(d.train, text)]

    def departure_of(self, train: str) -> datetime | None:
        """The next departure of `train` (expected, with its delay; station-local), or None
        when the timetable does not list it or it is cancelled: read by the help-request form
        so a traveller's train counts for the urgent-train escalation."""
        for departure in self.board().departures:
            if departure.train == train.strip().upper():
                if departure.status.value == "cancelled":
                    return None
                return departure.expected
        return None

    # --- staff's marks ----------------------------------------------------------------------

    def _run(self, train: str, day: str) -> Departure:
        for departure in self.board().departures:
            if departure.train == train and departure.day.isoformat() == day:
                return departure
        raise UNKNOWN_TRAIN

    def _mark(
        self, account: AdminAccount, kind: str, run: Departure, extra: dict[str, Any]
    ) -> None:
        if not account.may(Permission.HANDLE_REQUESTS):
            raise NOT_ALLOWED
        payload = {"run_id": run.run_id, "train": run.train, "day": run.day.isoformat(), **extra}
        with self._db.write() as session:
            eventlog.append(session, kind, payload, occurred_at=self._clock.now(), actor=account.id)

    def mark_delayed(self, account: AdminAccount, train: str, day: str, minutes: str) -> Departure:
        """`train.delayed`: the run leaves `minutes` late (typed on the keypad; 0 = on time)."""
        text = minutes.strip()
        if not text.isdigit() or int(text) > MAX_DELAY_MIN:
            raise BAD_MINUTES
        run = self._run(train, day)
        if run.status.value == "cancelled":
            raise CANCELLED
        self._mark(account, "train.delayed", run, {"minutes": int(text)})
        return self._find(train, day, run)

    def change_gate(self, account: AdminAccount, train: str, day: str, gate: str) -> Departure:
        """`train.gate_changed`: the run checks in at another gate (检票口)."""
        text = gate.strip().upper()
        if not re.match(GATE_PATTERN, text):
            raise BAD_GATE
        run = self._run(train, day)
        if text == run.gate:
            raise SAME_GATE
        self._mark(account, "train.gate_changed", run, {"gate": text})
        return self._find(train, day, run)

    def cancel(self, account: AdminAccount, train: str, day: str) -> Departure:
        """`train.cancelled`: the run does not run today (停运)."""
        run = self._run(train, day)
        if run.status.value == "cancelled":
            raise ALREADY_CANCELLED
        self._mark(account, "train.cancelled", run, {})
        return self._find(train, day, run)

    def reinstate(self, account: AdminAccount, train: str, day: str) -> Departure:
        """`train.reinstated`: a cancellation marked by mistake is taken back."""
        run = self._run(train, day)
        if run.status.value != "cancelled":
            raise NOT_CANCELLED
        self._mark(account, "train.reinstated", run, {})
        return self._find(train, day, run)

    def _find(self, train: str, day: str, before: Departure) -> Departure:
        """The run after a mark; itself as it was if the mark took it off the board."""
        try:
            return self._run(train, day)
        except KioskError:
            return before

    # --- importing a file ---------------------------------------------------------------------

    def files(self) -> list[Path]:
        """Timetable files (CSV, XLSX) in the export folder and on any USB stick, newest first."""
        folders = ExportFolders(self._db, self._exports)
        found: list[Path] = []
        for place in folders.choices():
            try:
                found += [
                    p for p in place.path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
                ]
            except OSError:
                continue
        found.sort(key=lambda p: (-p.stat().st_mtime, str(p)))
        return found[:MAX_LISTED_FILES]

    def import_file(self, account: AdminAccount, path: Path) -> Imported:
        """Take the file's timetable for this kiosk (it replaces an earlier import, and is in
        force until the centre publishes a newer one). A bad file is refused naming the row
        and column, and nothing is kept."""
        if not account.may(Permission.SETTINGS):
            raise NOT_ALLOWED
        if not Path(path).is_file():
            raise NO_FILE
        table = read_timetable(Path(path))
        kept = {
            "imported_at": self._clock.now().isoformat(),
            "file": Path(path).name,
            "trains": [e.model_dump() for e in table.trains],
        }
        with self._db.write() as session:
            preferences.put(session, KEY, json.dumps(kept, ensure_ascii=False))
        return Imported(len(table.trains), Path(path).name)

    def source(self) -> tuple[str, datetime | None, int]:
        """Where the timetable in force comes from ("centre", "import", ""), since when, and
        how many trains it lists (the admin page's line)."""
        with self._db.read() as session:
            timetable, source, as_of = self._timetable(session)
        return source, as_of, len(timetable)


SERVICES = (TrainService,)
