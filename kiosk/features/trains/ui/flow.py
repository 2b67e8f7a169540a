"""The trains flow: the 列车动态 tile opens the departures board (search by train number on
the keypad); a Train times button on the admin console opens the staff's page, where a run is
marked delayed, moved to another gate, cancelled or reinstated, and a timetable file is
imported. Every mark goes through the service as the logged-in account (an event that syncs
to the station's other kiosks)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError, NotFound
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.trains.domain import Departure
    from kiosk.features.trains.service import TrainService
    from kiosk.features.trains.ui.board import BoardPage, TrainSearchPage
    from kiosk.features.trains.ui.staff import (
        DelayMinutesPage,
        GatePage,
        TimetableFilesPage,
        TrainStaffPage,
    )
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")

TRAIN_SERVICE_ID = "train_status"  # the catalogue's 列车动态 tile


def not_found(typed: str) -> NotFound:
    return NotFound(
        f"今明两天没有待发的 {typed} 次列车（请核对车次，或向问询处询问）",
        f"No train {typed} still to leave today or tomorrow (check the number, or ask "
        "the information desk)",
    )


class TrainServices(Protocol):
    """What the trains flow needs of the kiosk's services."""

    def get(self, kind: type[T]) -> T: ...


class TrainsFlow(Flow):
    """Owns the board, its search keypad and the staff's pages (built on first use)."""

    def __init__(self, navigator: Navigator, services: TrainServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._searched = ""

    @property
    def trains(self) -> TrainService:
        from kiosk.features.trains.service import TrainService

        return self._services.get(TrainService)

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def board(self) -> BoardPage:
        from kiosk.features.trains.ui.board import BoardPage

        page = BoardPage(self._nav.language, self._nav.theme)
        page.search_requested.connect(self._on_search_requested)
        page.show_all_requested.connect(self.open)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def search(self) -> TrainSearchPage:
        from kiosk.features.trains.ui.board import TrainSearchPage

        page = TrainSearchPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_search)
        page.back_requested.connect(lambda: self._nav.show_page(self.board))
        return page

    @lazy_page
    def staff(self) -> TrainStaffPage:
        from kiosk.features.trains.ui.staff import TrainStaffPage

        page = TrainStaffPage(self._nav.language, self._nav.theme)
        page.delay_requested.connect(self._on_delay_requested)
        page.gate_requested.connect(self._on_gate_requested)
        page.cancel_requested.connect(self._on_cancel)
        page.reinstate_requested.connect(self._on_reinstate)
        page.import_requested.connect(self._on_import_requested)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def minutes(self) -> DelayMinutesPage:
        from kiosk.features.trains.ui.staff import DelayMinutesPage

        page = DelayMinutesPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_minutes)
        page.back_requested.connect(lambda: self.open_staff(keep_page=True))
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def gate(self) -> GatePage:
        from kiosk.features.trains.ui.staff import GatePage

        page = GatePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_gate)
        page.back_requested.connect(lambda: self.open_staff(keep_page=True))
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def files(self) -> TimetableFilesPage:
        from kiosk.features.trains.ui.staff import TimetableFilesPage

        page = TimetableFilesPage(self._nav.language, self._nav.theme)
        page.chosen.connect(self._on_file_chosen)
        page.back_requested.connect(lambda: self.open_staff(keep_page=True))
        admin_flow(self._nav).behind_login(page)
        return page

    # --- the board ------------------------------------------------------------------------------

    def open_tile(self, service_id: str) -> bool:
        if service_id != TRAIN_SERVICE_ID:
            return False
        self.open()
        return True

    @Slot()
    def open(self) -> None:
        """Every departure still to leave, soonest first."""
        self._searched = ""
        page = self.board
        page.reset()
        page.show_board(self.trains.board())
        self._nav.show_page(page)

    def _refresh_board(self) -> None:
        page = TrainsFlow.board.built(self)
        if page is None or not page.isVisible():
            return
        board = self.trains.board()
        if self._searched:
            found = [d for d in board.departures if _matches(d, self._searched)]
            page.show_board(board, self._searched, found)
        else:
            page.show_board(board)

    def on_status_refresh(self) -> None:
        """The status timer: statuses move with the clock (正在检票, 停止检票), marks arrive."""
        self._refresh_board()

    def on_config_changed(self) -> None:
        self._refresh_board()

    def on_home(self) -> None:
        self._searched = ""

    @Slot()
    def _on_search_requested(self) -> None:
        self.search.reset()
        self._nav.show_page(self.search)

    @Slot(str)
    def _on_search(self, typed: str) -> None:
        page = self.search
        try:
            found = self.trains.search(typed)
        except KioskError as exc:
            page.keypad.clear()
            page.show_error(exc)
            return
        text = typed.strip().upper()
        if not found:
            page.keypad.clear()
            page.show_error(not_found(text))
            return
        self._searched = text
        self.board.show_board(self.trains.board(), text, found)
        self._nav.show_page(self.board)

    def departure_of(self, train: str) -> datetime | None:
        """The next departure of `train` from the timetable (station-local), for other flows."""
        return self.trains.departure_of(train)

    # --- the staff's page -----------------------------------------------------------------------

    def connect_admin(self, console: Any) -> None:
        """The console was built: a Train times button with the requests-and-wishes tab (the
        travellers' side of the console; the heading has no room left in large type)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleTool
        from kiosk.platform.ui.util import button

        tool = button("", "train", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_trains")
        tool.clicked.connect(lambda: self.open_staff())
        console.add_tool(
            ConsoleTool(
                key="trains",
                rank=25,
                button=tool,
                title=lambda: self.tr("Train times…"),
                permission=Permission.HANDLE_REQUESTS,
                section="help",
            )
        )

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    def _source_line(self) -> tuple[str, str]:
        source, as_of, count = self.trains.source()
        if not source:
            return (
                "暂无时刻表：请由中心发布，或从 U 盘导入",
                "No timetable yet: the centre publishes one, or import it from a USB stick",
            )
        when = as_of.astimezone(self.trains.timezone).strftime("%Y-%m-%d %H:%M") if as_of else ""
        if source == "centre":
            return (
                f"时刻表：中心发布，{count} 个车次（{when}）",
                f"Timetable: published by the centre, {count} trains ({when})",
            )
        return (
            f"时刻表：本机导入，{count} 个车次（{when}）",
            f"Timetable: imported at this kiosk, {count} trains ({when})",
        )

    def open_staff(self, keep_page: bool = False) -> None:
        from kiosk.features.admin.domain import Permission

        page = self.staff
        page.show_runs(self.trains.board().departures, self._source_line(), keep_page)
        # importing replaces the timetable: the station admin's (a team leader marks runs)
        page.import_button.setVisible(self._account().may(Permission.SETTINGS))
        if not keep_page:
            page.notice.clear()
        self._nav.show_page(page)

    def _done(self, zh: str, en: str) -> None:
        self.open_staff(keep_page=True)
        self.staff.notice.show_message(zh, en, self.staff.lang, "success")

    @Slot(str, str)
    def _on_delay_requested(self, train: str, day: str) -> None:
        self.minutes.ask(train, day)
        self._nav.show_page(self.minutes)

    @Slot(str, str)
    def _on_gate_requested(self, train: str, day: str) -> None:
        self.gate.ask(train, day)
        self._nav.show_page(self.gate)

    @Slot(str)
    def _on_minutes(self, typed: str) -> None:
        page = self.minutes
        try:
            run = self.trains.mark_delayed(self._account(), page.train, page.day, typed)
        except KioskError as exc:
            page.keypad.clear()
            page.show_error(exc)
            return
        if run.delay_min:
            self._done(
                f"已记录：{run.train} 晚点 {run.delay_min} 分钟，预计 {_hhmm(run.expected)} 开",
                f"Recorded: {run.train} {run.delay_min} min late, now leaves {_hhmm(run.expected)}",
            )
        else:
            self._done(f"已记录：{run.train} 恢复正点", f"Recorded: {run.train} on time again")

    @Slot(str)
    def _on_gate(self, typed: str) -> None:
        page = self.gate
        try:
            run = self.trains.change_gate(self._account(), page.train, page.day, typed)
        except KioskError as exc:
            page.keypad.clear()
            page.show_error(exc)
            return
        self._done(
            f"已记录：{run.train} 改在 {run.gate} 检票口检票",
            f"Recorded: {run.train} now boards at gate {run.gate}",
        )

    def _mark(self, act: str, train: str, day: str) -> Departure | None:
        try:
            if act == "cancel":
                return self.trains.cancel(self._account(), train, day)
            return self.trains.reinstate(self._account(), train, day)
        except KioskError as exc:
            self.open_staff(keep_page=True)
            self.staff.notice.show_message(exc.zh, exc.en, self.staff.lang)
            return None

    @Slot(str, str)
    def _on_cancel(self, train: str, day: str) -> None:
        if self._mark("cancel", train, day) is not None:
            self._done(f"已记录：{train} 停运", f"Recorded: {train} cancelled")

    @Slot(str, str)
    def _on_reinstate(self, train: str, day: str) -> None:
        if self._mark("reinstate", train, day) is not None:
            self._done(f"已记录：{train} 恢复运行", f"Recorded: {train} runs after all")

    @Slot()
    def _on_import_requested(self) -> None:
        self.files.show_files(self.trains.files())
        self._nav.show_page(self.files)

    @Slot(str)
    def _on_file_chosen(self, path: str) -> None:
        from pathlib import Path

        try:
            done = self.trains.import_file(self._account(), Path(path))
        except KioskError as exc:
            self.files.show_error(exc.zh, exc.en)
            return
        self.open_staff()
        self.staff.notice.show_message(
            f"已导入 {done.trains} 个车次（{done.file}）",
            f"Imported {done.trains} trains ({done.file})",
            self.staff.lang,
            "success",
        )


def _hhmm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def _matches(departure: Departure, typed: str) -> bool:
    from kiosk.features.trains.domain import matches

    return matches(departure.train, typed)
