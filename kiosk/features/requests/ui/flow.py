"""The help-request flow: ordering, the volunteers' queue, accept / complete / rate, and the
ticket lookup (keypad or scan) shared with needs and wishes.

Like the charging flow, it builds its pages into the window's stack on first use and calls the
request service for every action. Requests made at other kiosks or on phones arrive by sync;
`refresh()` redraws the home badge and an open queue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication

from kiosk.core.errors import KioskError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.core.tickets import RequestCategory, is_ticket_scan
from kiosk.features.requests.domain import (
    HELP_SERVICE_ID,
    LOST_SERVICE_ID,
    REQUESTS_SERVICE_ID,
    RequestStatus,
)
from kiosk.features.requests.service import NO_CONSENT, Helper, RequestView, clean_train
from kiosk.features.volunteers.domain.badges import looks_like_badge
from kiosk.features.wishes.service import WishView, lookup
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.core.clock import Clock
    from kiosk.features.requests.service import RequestService
    from kiosk.features.requests.ui.admin import HelpDeskServices
    from kiosk.features.requests.ui.entry import (
        ContactPhonePage,
        DepartureTimePage,
        HelperPhonePage,
        HelperPinPage,
        TicketLookupPage,
        TrainNumberPage,
    )
    from kiosk.features.requests.ui.help_text import HelpTextPage
    from kiosk.features.requests.ui.order import RequestCategoryPage, RequestDetailsPage
    from kiosk.features.requests.ui.queue import CompletionNotePage, RatingPage, RequestQueuePage
    from kiosk.features.requests.ui.ticket import TicketPage, TicketStatusPage
    from kiosk.platform.store.db import Database
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.navigator import Navigator


class _Shifts(Protocol):
    def local_time(self, moment: datetime) -> datetime: ...
    @property
    def timezone(self) -> ZoneInfo: ...


class _Retention(Protocol):
    @property
    def retention_request_days(self) -> int: ...


class RequestServices(Protocol):
    """What the help-request flow needs of the kiosk's services."""

    @property
    def settings(self) -> _Retention: ...

    @property
    def clock(self) -> Clock: ...
    @property
    def database(self) -> Database: ...
    @property
    def shifts(self) -> _Shifts: ...
    @property
    def requests(self) -> RequestService: ...
    def service_link_for(self, service_id: str) -> str: ...
    def ticket_link(self, ticket: str) -> str: ...
    def get(self, kind: type[T]) -> T: ...


log = logging.getLogger(__name__)
T = TypeVar("T")

ACCEPT, COMPLETE = "accept", "complete"


class RequestFlow(Flow):
    """Owns the request pages (built on first use) and handles their signals."""

    def __init__(self, navigator: Navigator, services: RequestServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._train = ""
        self._departs = ""
        self._departs_filled = False  # the time came from the timetable, not the traveller
        self._phone = ""
        self._text = ""  # a few words for the volunteer
        self._pending: tuple[str, str] | None = None  # (accept | complete, request id)
        self._helper: Helper | None = None
        self._escalated: set[str] = set()
        self.alarms = 0  # sounds made for newly escalated requests (read by tests)
        # Other features' line on a ticket's status page (the lists: a wish's project).
        self._status_notes: list[Callable[[RequestView | WishView], tuple[str, str] | None]] = []

    @lazy_page
    def categories(self) -> RequestCategoryPage:
        from kiosk.features.requests.ui.order import RequestCategoryPage

        page = RequestCategoryPage(self._nav.language, self._nav.theme)
        page.chosen.connect(self._on_category)
        page.back_requested.connect(self._nav.go_home)
        page.lookup_requested.connect(self.open_lookup)
        return page

    @lazy_page
    def details(self) -> RequestDetailsPage:
        from kiosk.features.requests.ui.order import RequestDetailsPage

        page = RequestDetailsPage(self._nav.language, self._nav.theme)
        page.field_requested.connect(self._on_field)
        page.send_requested.connect(self._on_send)
        page.back_requested.connect(self._on_back_to_categories)
        return page

    @lazy_page
    def train(self) -> TrainNumberPage:
        from kiosk.features.requests.ui.entry import TrainNumberPage

        page = TrainNumberPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_train)
        page.back_requested.connect(self._on_back_to_details)
        return page

    @lazy_page
    def departure(self) -> DepartureTimePage:
        from kiosk.features.requests.ui.entry import DepartureTimePage

        page = DepartureTimePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_departure)
        page.back_requested.connect(self._on_back_to_details)
        return page

    @lazy_page
    def phone(self) -> ContactPhonePage:
        from kiosk.features.requests.ui.entry import ContactPhonePage

        days = self._services.settings.retention_request_days
        page = ContactPhonePage(self._nav.language, self._nav.theme, days)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self._on_back_to_details)
        return page

    @lazy_page
    def help_text(self) -> HelpTextPage:
        from kiosk.features.requests.ui.help_text import HelpTextPage  # the keyboard: on first use

        page = HelpTextPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_help_text)
        page.back_requested.connect(self._on_back_to_details)
        return page

    @lazy_page
    def ticket(self) -> TicketPage:
        from kiosk.features.requests.ui.ticket import ticket_page

        return ticket_page(self._nav)

    @lazy_page
    def lookup(self) -> TicketLookupPage:
        from kiosk.features.requests.ui.entry import TicketLookupPage

        page = TicketLookupPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_lookup)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def status(self) -> TicketStatusPage:
        from kiosk.features.requests.ui.ticket import TicketStatusPage

        page = TicketStatusPage(self._nav.language, self._nav.theme)
        page.rated.connect(self._on_status_rated)
        page.done.connect(self._nav.go_home)
        return page

    @lazy_page
    def queue(self) -> RequestQueuePage:
        from kiosk.features.requests.ui.queue import RequestQueuePage

        page = RequestQueuePage(
            self._nav.language, self._nav.theme, self._services.shifts.local_time
        )
        page.accept_requested.connect(self._on_accept_requested)
        page.complete_requested.connect(self._on_complete_requested)
        page.back_requested.connect(self._nav.go_home)
        return page

    @lazy_page
    def helper_phone(self) -> HelperPhonePage:
        from kiosk.features.requests.ui.entry import HelperPhonePage

        page = HelperPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_helper_phone)
        page.back_requested.connect(self.open_queue)
        return page

    @lazy_page
    def helper_pin(self) -> HelperPinPage:
        from kiosk.features.requests.ui.entry import HelperPinPage

        page = HelperPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_helper_pin)
        page.back_requested.connect(self._on_back_to_helper_phone)
        return page

    @lazy_page
    def note(self) -> CompletionNotePage:
        from kiosk.features.requests.ui.queue import CompletionNotePage

        page = CompletionNotePage(self._nav.language, self._nav.theme)
        page.note_chosen.connect(self._on_note)
        page.back_requested.connect(self.open_queue)
        return page

    @lazy_page
    def rating(self) -> RatingPage:
        from kiosk.features.requests.ui.queue import RatingPage

        page = RatingPage(self._nav.language, self._nav.theme)
        page.rated.connect(self._on_rated)
        page.skipped.connect(self._nav.go_home)
        return page

    @Slot()
    def forget(self) -> None:
        """Idle: nothing a requester typed or a volunteer identified with stays in memory."""
        self._train = self._departs = self._phone = self._text = ""
        self._pending = None
        self._helper = None

    # --- ordering ---------------------------------------------------------------------------

    def open(self, category: str | None = None, service_id: str = HELP_SERVICE_ID) -> None:
        """The category tiles, or straight to the details with `category` chosen; both show
        the QR of the tile's phone page (`service_id`)."""
        self._train = self._departs = self._phone = self._text = ""
        link = self._services.service_link_for(service_id)
        self.categories.service_qr.set_link(link)
        self.details.service_qr.set_link(link)
        if category is None:
            self.categories.reset()
            self._nav.show_page(self.categories)
        else:
            self._on_category(category)

    @Slot(str)
    def _on_category(self, category: str) -> None:
        self._train = self._departs = self._phone = self._text = ""
        self.details.ask(RequestCategory(category).value)
        self._nav.show_page(self.details)

    @Slot()
    def _on_back_to_categories(self) -> None:
        self.open()

    @Slot()
    def _on_back_to_details(self) -> None:
        self._nav.show_page(self.details)

    @Slot(str)
    def _on_field(self, key: str) -> None:
        if key == "text":
            self.help_text.ask(self._text)
            self._nav.show_page(self.help_text)
            return
        page = {"train": self.train, "time": self.departure, "phone": self.phone}[key]
        page.reset()
        self._nav.show_page(page)

    @Slot(str)
    def _on_help_text(self, text: str) -> None:
        self._text = text
        self.details.set_value("text", text)
        self._nav.show_page(self.details)

    @Slot(str)
    def _on_train(self, raw: str) -> None:
        try:
            self._train = clean_train(raw)
        except KioskError as exc:
            self.train.keypad.clear()
            self.train.show_error(exc)
            return
        self.details.set_value("train", self._train)
        self._fill_departure(self._train)
        self._nav.show_page(self.details)

    def _fill_departure(self, train: str) -> None:
        """The station's timetable knows the train: its departure (a delay included) fills the
        time unless the traveller typed one, so a train leaving soon is escalated as urgent."""
        from kiosk.features.trains.service import TrainService  # on the first train typed

        if self._departs and not self._departs_filled:
            return
        departs = self._services.get(TrainService).departure_of(train)
        if departs is None:
            return
        self._departs = departs.strftime("%H%M")
        self._departs_filled = True
        self.details.set_value("time", departs.strftime("%H:%M"))

    @Slot(str)
    def _on_departure(self, raw: str) -> None:
        from kiosk.features.requests.domain import departure_from_hhmm

        now = self._services.clock.now()
        try:
            departs = departure_from_hhmm(raw, now, self._services.shifts.timezone)
        except KioskError as exc:
            self.departure.keypad.clear()
            self.departure.show_error(exc)
            return
        self._departs = raw
        self._departs_filled = False
        self.details.set_value("time", departs.strftime("%H:%M"))
        self._nav.show_page(self.details)

    @Slot(str)
    def _on_phone(self, raw: str) -> None:
        if not self.phone.agreed:  # the digits stay: the traveller taps Agree and OK again
            self.phone.show_error(NO_CONSENT)
            return
        try:
            self._phone = clean_phone(raw)
        except KioskError as exc:
            self.phone.keypad.clear()
            self.phone.show_error(exc)
            return
        self.phone.reset()  # the digits leave the keypad; only the mask stays on screen
        self.details.set_value("phone", mask_phone(self._phone))
        self._nav.show_page(self.details)

    @Slot()
    @reports_errors(on="details")
    def _on_send(self) -> None:
        view = self._services.requests.order(
            self.details.category,
            train=self._train or None,
            departs_hhmm=self._departs or None,
            phone=self._phone or None,
            text=self._text,
            consent=bool(self._phone),  # a phone is kept only after the tap to agree
        )
        self._nav.sync_urgent()  # the volunteers at every exit see it within seconds
        self._train = self._departs = self._phone = self._text = ""
        self.details.reset()
        link = self._services.ticket_link(view.ticket)
        from kiosk.features.requests.ui.ticket import show_new_ticket

        show_new_ticket(self._nav, self.ticket, "request", view.ticket, link, view.masked_phone)
        self.refresh()

    # --- ticket lookup ----------------------------------------------------------------------

    @Slot()
    def open_lookup(self) -> None:
        self.lookup.reset()
        self._nav.show_page(self.lookup)

    @Slot(str)
    def _on_lookup(self, raw: str) -> None:
        try:
            view = lookup(self._services.requests, self._services.database, raw)
        except KioskError as exc:
            self.lookup.keypad.clear()
            self.lookup.show_error(exc)
            return
        self.lookup.reset()
        self.show_status(view)

    def add_status_note(
        self, note: Callable[[RequestView | WishView], tuple[str, str] | None]
    ) -> None:
        """Another feature's (zh, en) line on a ticket's status page, or None for none."""
        self._status_notes.append(note)

    def show_status(self, view: RequestView | WishView) -> None:
        self.status.show_view(view, self._services.shifts.local_time)
        notes = (note(view) for note in self._status_notes)
        self.status.show_note(next((n for n in notes if n is not None), None))
        self._nav.show_page(self.status)

    def handles_scan(self, text: str) -> bool:
        """A badge while a volunteer identifies, or any ticket QR: ours."""
        if RequestFlow.helper_phone.is_current(self) and self._pending is not None:
            try:
                helper = self._services.requests.identify_badge(text)
            except KioskError as exc:
                self.helper_phone.show_error(exc)
                return True
            self._proceed(helper)
            return True
        if RequestFlow.queue.is_current(self) and looks_like_badge(text):
            # Not a check-out by mistake: on the queue a badge means "I take this one".
            self.queue.show_message(
                "请先点“接单”或“完成”，再扫描工牌",
                "Tap Accept or Done first, then scan your badge",
                "info",
            )
            return True
        if not is_ticket_scan(text):
            return False
        try:
            view = lookup(self._services.requests, self._services.database, text)
        except KioskError as exc:
            self._nav.show_error(exc)
            return True
        self.show_status(view)
        return True

    @Slot(str, str)
    @reports_errors(on="status")
    def _on_status_rated(self, request_id: str, rating: str) -> None:
        view = self._services.requests.rate(request_id, rating)
        self.show_status(view)
        self.status.message.show_message(
            "谢谢您的评价！", "Thank you for rating!", self._nav.language.language, "success"
        )

    # --- the volunteers' queue --------------------------------------------------------------

    @Slot()
    def open_queue(self) -> None:
        self._pending = None
        self.queue.reset()
        self._redraw_queue()
        self._nav.show_page(self.queue)

    def _redraw_queue(self) -> None:
        self.queue.show_requests(
            self._services.requests.open_requests(), self._services.clock.now()
        )

    def open_tile(self, service_id: str) -> bool:
        if service_id in (HELP_SERVICE_ID, REQUESTS_SERVICE_ID):
            self.open(service_id=service_id)
        elif service_id == LOST_SERVICE_ID:
            self.open("lost", service_id=service_id)
        else:
            return False
        return True

    def tile_offer(self, service_id: str) -> tuple[str, str] | None:
        """A help tile that also lends things (助残助弱 lends wheelchairs) keeps ordering help:
        the lending page offers it with these words."""
        if service_id in (HELP_SERVICE_ID, REQUESTS_SERVICE_ID):
            return ("请志愿者来帮忙", "Ask a volunteer to come")
        return None

    def connect_admin(self, console: Any) -> None:
        """The console was built: its tab of open requests and wishes (the wishes' answer
        page hooks into it: `help_desk.answer_requested`)."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.requests.ui.admin import HelpDeskPanel

        services = self._services
        desk = cast("HelpDeskServices", services)  # the bundle: wishes, the admin's id too
        self.help_desk = panel = HelpDeskPanel(
            desk, services.shifts.local_time, lambda: str(console.lang)
        )
        console.add_section(
            ConsoleSection(
                key="help",
                rank=70,
                title=lambda: self.tr("Requests and wishes"),
                widgets=(panel,),
                permission=Permission.HANDLE_REQUESTS,
                refresh=panel.refresh,
                retranslate=panel.retranslate,
            )
        )
        panel.changed.connect(self.refresh)

    def on_status_refresh(self) -> None:
        self.refresh()

    def on_sync_status(self, status: SyncStatus) -> None:
        self.refresh()  # requests from other kiosks and phones arrive by sync

    def refresh(self) -> None:
        """Home's badge, and the queue if it is on screen (requests arrive by sync too)."""
        views = self._services.requests.open_requests()
        urgent = {v.id for v in views if v.escalated}
        if urgent - self._escalated:  # a request just became urgent: sound once, not each tick
            self.alarms += 1
            QApplication.beep()  # Qt Multimedia warns and fails offscreen; the system bell works
        self._escalated = urgent
        self._nav.home.set_open_requests(len(views), len(urgent))
        if RequestFlow.queue.is_current(self):
            self.queue.show_requests(views, self._services.clock.now())

    @Slot(str)
    def _on_accept_requested(self, request_id: str) -> None:
        self._ask_helper(ACCEPT, request_id)

    @Slot(str)
    def _on_complete_requested(self, request_id: str) -> None:
        self._ask_helper(COMPLETE, request_id)

    def _ask_helper(self, action: str, request_id: str) -> None:
        self._pending = (action, request_id)
        self.helper_phone.reset()
        self.helper_pin.reset()
        self._nav.show_page(self.helper_phone)

    @Slot()
    def _on_back_to_helper_phone(self) -> None:
        self.helper_pin.reset()
        self._nav.show_page(self.helper_phone)

    @Slot(str)
    def _on_helper_phone(self, raw: str) -> None:
        try:
            phone = clean_phone(raw)
        except KioskError as exc:
            self.helper_phone.keypad.clear()
            self.helper_phone.show_error(exc)
            return
        self.helper_phone.reset()
        self.helper_pin.reset()
        self.helper_pin.phone = phone
        self.helper_pin.set_phone(mask_phone(phone))
        self._nav.show_page(self.helper_pin)

    @Slot(str)
    def _on_helper_pin(self, pin: str) -> None:
        try:
            helper = self._services.requests.identify_pin(self.helper_pin.phone, pin)
        except KioskError as exc:
            self.helper_pin.keypad.clear()
            self.helper_pin.show_error(exc)
            return
        self.helper_pin.reset()
        self._proceed(helper)

    def _proceed(self, helper: Helper) -> None:
        pending = self._pending
        if pending is None:
            return
        action, request_id = pending
        if action == ACCEPT:
            self._pending = None
            try:
                view = self._services.requests.accept(request_id, helper.id)
            except KioskError as exc:
                self.open_queue()
                self.queue.show_error(exc)
                return
            self.open_queue()
            self.queue.show_message(
                f"{helper.name}已接单：单号 {view.ticket}",
                f"{helper.name} accepted ticket {view.ticket}",
                "success",
            )
            self.refresh()
            return
        self._helper = helper
        self.note.helper_name = helper.name
        self.note.retranslate()
        self._nav.show_page(self.note)

    @Slot(str)
    def _on_note(self, note: str) -> None:
        pending, helper = self._pending, self._helper
        self._pending = self._helper = None
        if pending is None or helper is None:
            self.open_queue()
            return
        try:
            view = self._services.requests.complete(pending[1], helper.id, note)
        except KioskError as exc:
            self.open_queue()
            self.queue.show_error(exc)
            return
        self.refresh()
        if view.status is RequestStatus.COMPLETED:
            self.rating.ask(view.id)
            self._nav.show_page(self.rating)

    @Slot(str)
    @reports_errors(on="rating")
    def _on_rated(self, rating: str) -> None:
        request_id = self.rating.request_id
        if request_id is None:
            return
        self._services.requests.rate(request_id, rating)
        self._nav.show_outcome(
            Outcome(Tone.SUCCESS, "check", "谢谢您的评价！", "Thank you for rating!")
        )
