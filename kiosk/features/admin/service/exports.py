"""Exports of a filtered log to CSV or XLSX, written page by page off the GUI thread.

Runs in whatever thread calls it (no Qt here): the screen runs it on a worker and passes a
progress callback and a cancel check. Rows come from `LogService.page`, so a file holds what
the table showed; full phone numbers only when the admin ticked it, and either way the export
is an audit event (`admin.exported`) written after the file is complete.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kiosk.core.clock import Clock
from kiosk.core.errors import KioskError, Locked
from kiosk.core.feature import Feature
from kiosk.core.ids import new_id
from kiosk.core.text import spreadsheet_safe
from kiosk.features.admin.service.logs import LogFilters, LogService, PageToken
from kiosk.platform.logs.registry import log_specs
from kiosk.platform.logs.spec import NUMBER, TEXT, TIME, TIME_FORMAT, Names
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

if TYPE_CHECKING:
    from collections.abc import Sequence
    from zoneinfo import ZoneInfo

    from kiosk.platform.store.db import Database
    from kiosk.settings import Settings


class _Named(Protocol):
    """A catalogue service or an item, as far as names go."""

    @property
    def id(self) -> str: ...
    @property
    def name_zh(self) -> str: ...
    @property
    def name_en(self) -> str: ...


class _Timezoned(Protocol):
    @property
    def timezone(self) -> ZoneInfo: ...


class NameSources(Protocol):
    """Where the names of services and items come from (the kiosk's current configuration)."""

    @property
    def catalogue(self) -> Sequence[_Named]: ...
    @property
    def lending_items(self) -> Sequence[_Named]: ...
    @property
    def medicine_items(self) -> Sequence[_Named]: ...


class LogReviewServices(Protocol):
    """What the log review needs of the kiosk's services (the composition root's bundle)."""

    @property
    def database(self) -> Database: ...
    @property
    def clock(self) -> Clock: ...
    @property
    def shifts(self) -> _Timezoned: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def admin_actor(self) -> str: ...
    @property
    def catalogue(self) -> Sequence[_Named]: ...
    @property
    def lending_items(self) -> Sequence[_Named]: ...
    @property
    def medicine_items(self) -> Sequence[_Named]: ...


EXPORT_PAGE = 1000
FORMATS = ("csv", "xlsx")


class ExportCancelled(KioskError):
    def __init__(self) -> None:
        super().__init__("导出已取消", "Export cancelled")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    unmasked: bool


class ExportService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        logs: LogService,
        folder: Path | Callable[[], Path],
    ) -> None:
        self._db = database
        self._clock = clock
        self._logs = logs
        self._folder = folder

    @property
    def folder(self) -> Path:
        """Where files go now (the admin's chosen folder, looked up at each export)."""
        return self._folder() if callable(self._folder) else self._folder

    def export(
        self,
        log: str,
        filters: LogFilters,
        fmt: str,
        *,
        unmasked: bool = False,
        language: str = "zh",
        folder: Path | None = None,
        progress: Callable[[int], None] = lambda rows: None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ExportResult:
        """Write the whole filtered log; `progress(rows so far)` after each page."""
        if fmt not in FORMATS:
            raise ValueError(fmt)
        if log not in self._logs.visible():  # the screen hides the tab; the file is refused too
            raise Locked("您的账号无权导出此日志", "Your account may not export this log")
        target_dir = folder or self.folder
        target_dir.mkdir(parents=True, exist_ok=True)
        stamp = self._clock.now().astimezone(self._logs.timezone).strftime("%Y%m%d-%H%M%S")
        path = target_dir / f"{log}-{stamp}.{fmt}"
        columns = self._logs.columns(log)
        header = [f"{c.zh} {c.en}" for c in columns]
        written = 0
        try:
            with _writer(path, fmt, [c.kind for c in columns]) as add:
                add(header)
                after: PageToken | None = None
                while True:
                    if cancelled():
                        raise ExportCancelled()
                    page = self._logs.page(
                        log,
                        filters,
                        after,
                        limit=EXPORT_PAGE,
                        language=language,
                        unmasked=unmasked,
                    )
                    for row in page.rows:
                        add(list(row.cells))
                    written += len(page.rows)
                    progress(written)
                    if page.after is None:
                        break
                    after = page.after
        except BaseException:
            path.unlink(missing_ok=True)  # never leave half a file that looks complete
            raise
        with self._db.write() as session:
            eventlog.append(
                session,
                "admin.exported",
                {
                    "audit_id": new_id(),
                    "log": str(log),
                    "format": fmt,
                    "filters": filters.describe(),
                    "rows": written,
                    "unmasked": unmasked,
                    "file": path.name,
                },
                occurred_at=self._clock.now(),
                actor=self._logs.actor(),
            )
        return ExportResult(path, written, unmasked)


class _writer:
    """A context giving `add(cells)` for CSV (UTF-8 with BOM, so Excel reads Chinese) or XLSX.

    A cell is never a formula: CSV cells go through `spreadsheet_safe`, and workbook cells that
    openpyxl would store as a formula (text starting with "=") are typed as text explicitly.
    In a workbook a NUMBER column's cells are numbers and a TIME column's are dates (what the
    table shows, typed), so 人次 sum and dates sort; a cell that does not read as one (the
    header, "—") stays the text it was."""

    def __init__(self, path: Path, fmt: str, kinds: Sequence[str] = ()) -> None:
        self._path = path
        self._fmt = fmt
        self._kinds = list(kinds)

    def __enter__(self) -> Callable[[list[str]], None]:
        if self._fmt == "csv":
            self._file = self._path.open("w", newline="", encoding="utf-8-sig")
            out = csv.writer(self._file)
            return lambda cells: out.writerow([spreadsheet_safe(cell) for cell in cells])
        from openpyxl import Workbook  # loaded only when someone exports a workbook
        from openpyxl.cell import WriteOnlyCell

        self._book = Workbook(write_only=True)
        sheet = self._book.create_sheet()

        kinds = self._kinds

        def text(cell: str) -> object:
            if not cell.startswith("="):
                return cell
            typed = WriteOnlyCell(sheet, value=cell)
            typed.data_type = "s"  # openpyxl made it a formula ("f"): text it is
            return typed

        def typed(cell: str, kind: str) -> object:
            if kind == NUMBER:
                number = _number(cell)
                if number is not None:
                    return number
            elif kind == TIME:
                try:
                    moment = datetime.strptime(cell, TIME_FORMAT)
                except ValueError:
                    pass
                else:
                    dated = WriteOnlyCell(sheet, value=moment)
                    dated.number_format = "yyyy-mm-dd hh:mm:ss"
                    return dated
            return text(cell)

        return lambda cells: sheet.append(
            [typed(cell, kinds[i] if i < len(kinds) else TEXT) for i, cell in enumerate(cells)]
        )

    def __exit__(self, *exc: object) -> None:
        if self._fmt == "csv":
            self._file.close()
        else:
            self._book.save(self._path)


def item_names(services: NameSources) -> dict[str, Callable[[], Names]]:
    """The name tables a log tab or a report section may ask for, read when asked (the
    configuration can change while the kiosk runs)."""
    return {
        "services": lambda: {i.id: (i.name_zh, i.name_en) for i in services.catalogue},
        "lending": lambda: {i.id: (i.name_zh, i.name_en) for i in services.lending_items},
        "medicine": lambda: {i.id: (i.name_zh, i.name_en) for i in services.medicine_items},
    }


def build_log_services(
    services: LogReviewServices, features: Sequence[Feature] | None = None
) -> tuple[LogService, ExportService]:
    """The log review's services over the kiosk's database, for the logs the `features` declare
    (the registry when not given); exports go to the chosen folder (data_dir/exports unless the
    admin picked a USB stick)."""
    from kiosk.features.reports.service.folders import ExportFolders

    if features is None:
        from kiosk.features import FEATURES

        features = FEATURES
    logs = LogService(
        services.database,
        services.clock,
        services.shifts.timezone,
        log_specs(features),
        item_names(services),
        lambda: services.admin_actor,
    )
    folders = ExportFolders(services.database, services.settings.data_dir / "exports")
    return logs, ExportService(services.database, services.clock, logs, folders.current)


def _number(cell: str) -> int | float | None:
    """The count a NUMBER cell shows, or None when it shows none (blank, "—")."""
    try:
        return int(cell)
    except ValueError:
        pass
    try:
        return float(cell)
    except ValueError:
        return None
