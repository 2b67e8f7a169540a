"""The lazy table model of the log review, and the export job that runs beside the GUI thread.

The model holds only the pages scrolled to so far: `fetchMore` asks the service for the next
keyset page (≤ 50 ms at any depth), so a log of a million events opens as fast as a short one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from kiosk.core.errors import KioskError
from kiosk.features.admin.service.exports import ExportCancelled, ExportService
from kiosk.features.admin.service.logs import LogFilters, LogPage, LogRow, PageToken
from kiosk.platform.logs.spec import LogColumn
from kiosk.platform.ui.tasks import Task

Fetch = Callable[[PageToken | None], LogPage]
_Index = QModelIndex | QPersistentModelIndex


class LogTableModel(QAbstractTableModel):
    """Rows of one filtered log, loaded a page at a time as the view scrolls."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: tuple[LogColumn, ...] = ()
        self._rows: list[LogRow] = []
        self._fetch: Fetch | None = None
        self._after: PageToken | None = None
        self._ended = True
        self._language = "zh"

    def load(self, columns: tuple[LogColumn, ...], fetch: Fetch, language: str) -> None:
        """Start over with a new log or filter: the first page now, the rest on demand."""
        self.beginResetModel()
        self._columns = columns
        self._fetch = fetch
        self._language = language
        self._rows = []
        self._after = None
        self._ended = False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._fetch = None
        self._ended = True
        self.endResetModel()

    def rows(self) -> list[tuple[str, ...]]:
        """The cells of every row loaded so far (what the screen can show)."""
        return [row.cells for row in self._rows]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()].cells[index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        column = self._columns[section]
        return column.zh if self._language == "zh" else column.en

    def set_language(self, language: str) -> None:
        self._language = language
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._ended and self._fetch is not None

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        page = self._fetch(self._after)
        self._after = page.after
        self._ended = page.after is None
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()


class ExportJob(Task):
    """One export on the task manager's worker; `cancel()` stops it between pages and deletes
    the file. Signals: progress is rows written, finished the ExportResult."""

    def __init__(
        self,
        exports: ExportService,
        log: str,
        filters: LogFilters,
        fmt: str,
        unmasked: bool,
        language: str,
        folder: Path | None = None,
    ) -> None:
        super().__init__(lambda _progress, _cancelled: None)  # `run` below is the work
        self._args = (exports, log, filters, fmt, unmasked, language, folder)

    def run(self) -> None:
        exports, log, filters, fmt, unmasked, language, folder = self._args
        try:
            result = exports.export(
                log,
                filters,
                fmt,
                unmasked=unmasked,
                language=language,
                folder=folder,
                progress=self.signals.progress.emit,
                cancelled=self.cancel_event.is_set,
            )
        except ExportCancelled as exc:
            self.signals.failed.emit(exc.zh, exc.en)
        except KioskError as exc:
            self.signals.failed.emit(exc.zh, exc.en)
        except OSError as exc:
            self.signals.failed.emit(f"导出失败：{exc.strerror}", f"Export failed: {exc.strerror}")
        else:
            self.signals.finished.emit(result)
