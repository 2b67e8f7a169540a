"""The handover flow: after a check-out the result screen offers "Record a handover" (what is
open, a stock count, a note); after a check-in it offers the latest handover not yet read, which
the arriving volunteer acknowledges. The offers are the clocking flow's follow-ups (shifts knows
no handover); what is open and the stock expected are read here from the other features'
services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError
from kiosk.features.shifts.domain import ScanAction
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import FollowUp, Outcome, Tone

if TYPE_CHECKING:
    from kiosk.core.results import ClockResult
    from kiosk.features.handover.service import (
        HandoverService,
        HandoverView,
        Snapshot,
        StockItem,
    )
    from kiosk.features.handover.ui.pages import HandoverPage, NotePage, ReadPage, ReasonPage
    from kiosk.features.printing.service import Printed
    from kiosk.features.printing.ui.flow import PrintingFlow
    from kiosk.features.shifts.ui.flow import ClockingFlow
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")


class HandoverServices(Protocol):
    """What the handover flow needs of the kiosk's services (the open things and stock)."""

    @property
    def requests(self) -> Any: ...
    @property
    def wishes(self) -> Any: ...
    @property
    def charging(self) -> Any: ...
    @property
    def lending(self) -> Any: ...
    @property
    def medicine(self) -> Any: ...

    def get(self, kind: type[T]) -> T: ...


class HandoverFlow(Flow):
    """Owns the handover pages (built on first use)."""

    def __init__(self, navigator: Navigator, services: HandoverServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._volunteer = ""
        self._reading = ""
        self._reason_for = ""

    @property
    def _handovers(self) -> HandoverService:
        from kiosk.features.handover.service import HandoverService

        return self._services.get(HandoverService)

    def started(self) -> None:
        """Every flow exists: offer handovers on the clocking's result screen."""
        clocking = cast("ClockingFlow", self._nav.flow("shifts"))
        clocking.add_follow_up(self._follow_up)

    def _follow_up(self, result: ClockResult) -> FollowUp | None:
        volunteer = result.volunteer
        if result.action == ScanAction.CHECK_OUT:
            return FollowUp(
                "handover_record",
                "记录交接班",
                "Record a handover",
                lambda: self.open_record(volunteer.id, volunteer.name),
            )
        if result.action == ScanAction.CHECK_IN:
            waiting = self._handovers.to_read(volunteer.id)
            if waiting is None:
                return None
            at = f"{waiting.recorded_at:%H:%M}"
            return FollowUp(
                "handover_read",
                f"查看交接（{waiting.by} {at}）",
                f"Read the handover ({waiting.by}, {at})",
                lambda: self.open_read(waiting.id, volunteer.id),
            )
        return None

    # --- pages ----------------------------------------------------------------------------------

    @lazy_page
    def record(self) -> HandoverPage:
        from kiosk.features.handover.ui.pages import HandoverPage

        page = HandoverPage(self._nav.language, self._nav.theme)
        page.reason_requested.connect(self._ask_reason)
        page.note_requested.connect(self._ask_note)
        page.saved.connect(self._on_save)
        page.skipped.connect(self._nav.go_home)
        return page

    @lazy_page
    def reason(self) -> ReasonPage:
        from kiosk.features.handover.ui.pages import ReasonPage

        page = ReasonPage(self._nav.language, self._nav.theme)
        page.chosen.connect(self._on_reason)
        page.back_requested.connect(lambda: self._nav.show_page(self.record))
        return page

    @lazy_page
    def note(self) -> NotePage:
        from kiosk.features.handover.ui.pages import NotePage

        page = NotePage(self._nav.language, self._nav.theme)
        page.done.connect(self._on_note)
        return page

    @lazy_page
    def read(self) -> ReadPage:
        from kiosk.features.handover.ui.pages import ReadPage

        page = ReadPage(self._nav.language, self._nav.theme)
        page.acknowledged.connect(self._on_acknowledge)
        page.later.connect(self._nav.go_home)
        return page

    # --- recording ------------------------------------------------------------------------------

    def stock(self) -> list[StockItem]:
        """The stock the kiosk expects now (medicine usable, lending on the shelf), each item
        the station runs."""
        from kiosk.features.handover.service import StockItem

        s = self._services
        stock = [
            StockItem("medicine", line.item.id, line.item.name_zh, line.item.name_en, line.usable)
            for line in s.medicine.stock()
        ]
        stock += [
            StockItem("lending", view.item.id, view.item.name_zh, view.item.name_en, view.left)
            for view in s.lending.stock_all()
        ]
        return stock

    def snapshot(self) -> Snapshot:
        """What is open now and the stock the kiosk expects."""
        from kiosk.features.handover.service import Snapshot

        s = self._services
        return Snapshot(
            requests=len(s.requests.open_requests()),
            wishes=len(s.wishes.open_wishes()),
            charging=len(s.charging.open_sessions()),
            lent=len(s.lending.open_loans()),
            stock=self.stock(),
        )

    def alerts(self) -> list[Any]:
        """A handover's count differences still open, as lines of the stock alerts on home and
        on the admin's alerts tab, until the stock is corrected or the handover acknowledged."""
        from kiosk.core import words
        from kiosk.features.medicine.domain import Alert, AlertKind
        from kiosk.features.medicine.service import AlertLine

        lines = []
        for d in self._handovers.open_differences(self.stock()):
            why_zh = words.label(words.HANDOVER_REASONS, d.reason or "other", "zh")
            why_en = words.label(words.HANDOVER_REASONS, d.reason or "other", "en")
            zh = (
                f"交接清点差异：{d.name_zh} 账面 {d.expected}，点得 {d.counted}（{why_zh}），"
                "请核对库存"
            )
            en = (
                f"Handover count: {d.name_en} expected {d.expected}, counted {d.counted} "
                f"({why_en}): check the stock"
            )
            alert = Alert(AlertKind.STOCK_DIFFERENCE, d.item_id, count=d.counted)
            lines.append(AlertLine(alert, zh, en))
        return lines

    def open_record(self, volunteer_id: str, name: str) -> None:
        self._volunteer = volunteer_id
        self.record.start(name, self.snapshot())
        self._nav.show_page(self.record)

    @Slot(str)
    def _ask_reason(self, key: str) -> None:
        self._reason_for = key
        self._nav.show_page(self.reason)

    @Slot(str)
    def _on_reason(self, reason: str) -> None:
        self.record.set_reason(self._reason_for, reason)
        self._nav.show_page(self.record)

    @Slot()
    def _ask_note(self) -> None:
        self.note.start(self.record.note)
        self._nav.show_page(self.note)

    @Slot(str)
    def _on_note(self, text: str) -> None:
        self.record.set_note(text)
        self._nav.show_page(self.record)

    @Slot()
    def _on_save(self) -> None:
        page = self.record
        try:
            done = self._handovers.record(
                self._volunteer, page.snapshot, page.counted, page.reasons, page.note
            )
        except KioskError as exc:
            page.show_error(exc)
            return
        differ = (
            (f"，{done.differences} 项清点有差异", f"; {done.differences} counts differ")
            if done.differences
            else ("", "")
        )
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "check",
                "交接已记录",
                "Handover recorded",
                f"下一位签到的志愿者会看到它{differ[0]}。",
                f"The next volunteer to check in will see it{differ[1]}.",
                follow_up=self._print_offer(done),
            )
        )

    def _print_offer(self, view: HandoverView) -> FollowUp | None:
        """ "Print the handover sheet", when this kiosk has a receipt printer."""
        printing = cast("PrintingFlow", self._nav.flow("printing"))
        if not printing.available():
            return None
        names = {key: (i.name_zh, i.name_en) for key, i in self._names().items()}

        def print_sheet() -> None:
            from kiosk.features.handover.ui.sheet import handover_sheet

            printing.print_receipt(handover_sheet(view, names), self._printed, self._not_printed)

        return FollowUp("handover_print", "打印交接单", "Print handover sheet", print_sheet)

    def _printed(self, _printed: Printed) -> None:
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "check",
                "交接单已打印",
                "Handover sheet printed",
                "请取走交接单，交给接班的志愿者或放入交接本。",
                "Take the sheet for the next volunteer or the handover book.",
            )
        )

    def _not_printed(self, zh: str, en: str) -> None:
        """The printer is off or out of paper: say so; the handover is recorded all the same."""
        self._nav.show_outcome(
            Outcome(
                Tone.INFO,
                "info",
                zh,
                en,
                "交接已记录，下一位志愿者签到时会在屏幕上看到。",
                "The handover is recorded; the next volunteer sees it on screen at check-in.",
            )
        )

    # --- reading --------------------------------------------------------------------------------

    def open_read(self, handover_id: str, volunteer_id: str) -> None:
        self._reading = handover_id
        self._volunteer = volunteer_id
        names = {key: (i.name_zh, i.name_en) for key, i in self._names().items()}
        self.read.show_handover(self._handovers.view(handover_id), names)
        self._nav.show_page(self.read)

    def _names(self) -> dict[str, Any]:
        from kiosk.features.handover.ui.pages import key_of

        return {key_of(item): item for item in self.snapshot().stock}

    @Slot()
    def _on_acknowledge(self) -> None:
        try:
            view = self._handovers.acknowledge(self._reading, self._volunteer)
        except KioskError as exc:
            self._nav.show_error(exc)
            return
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "check",
                "已确认交接",
                "Handover acknowledged",
                f"来自 {view.by}",
                f"From {view.by}",
            )
        )
