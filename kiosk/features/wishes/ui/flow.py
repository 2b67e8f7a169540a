"""The needs-and-wishes flow: category, optional text and phone, the ticket; and the staff's
status / answer page opened from the admin screen. Lookup is the request flow's (one keypad
and one scanner path for every ticket)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from kiosk.core.errors import KioskError
from kiosk.core.text import clean_phone, mask_phone
from kiosk.features.requests.domain import WISHES_SERVICE_ID
from kiosk.features.requests.service import NO_CONSENT
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.requests.ui.entry import ContactPhonePage
    from kiosk.features.requests.ui.flow import RequestFlow
    from kiosk.features.requests.ui.ticket import TicketPage
    from kiosk.features.wishes.service import WishService
    from kiosk.features.wishes.ui.pages import WishAnswerPage, WishCategoryPage, WishTextPage
    from kiosk.platform.ui.navigator import Navigator


class _Retention(Protocol):
    @property
    def retention_wish_days(self) -> int: ...


class WishServices(Protocol):
    """What the wishes flow needs of the kiosk's services."""

    @property
    def settings(self) -> _Retention: ...

    admin_actor: str

    @property
    def wishes(self) -> WishService: ...

    def service_link_for(self, service_id: str) -> str: ...
    def ticket_link(self, ticket: str) -> str: ...


class WishFlow(Flow):
    """Owns the wish pages (built on first use) and handles their signals.

    Signals:
    answered(): staff set a wish's status (the admin screen reloads).
    """

    answered = Signal()

    def __init__(self, navigator: Navigator, services: WishServices) -> None:
        super().__init__(navigator)
        self._services = services
        self._phone = ""
        self._actions: list[QWidget] = []

    def connect_admin(self, console: Any) -> None:
        self._requests.help_desk.answer_requested.connect(self.open_answer)  # built just now

    @property
    def _requests(self) -> RequestFlow:
        """The help requests' flow: a wish's ticket is looked up there."""
        return cast("RequestFlow", self._nav.flow("requests"))

    @lazy_page
    def categories(self) -> WishCategoryPage:
        from kiosk.features.wishes.ui.pages import WishCategoryPage

        page = WishCategoryPage(self._nav.language, self._nav.theme)
        page.chosen.connect(self._on_category)
        page.back_requested.connect(self._nav.go_home)
        page.lookup_requested.connect(self._requests.open_lookup)
        for action in self._actions:
            page.add_action(action)
        return page

    def add_start_action(self, action: QWidget) -> None:
        """Another feature's button on the wishes' first page (the station's lists), added
        when the page is built, so start-up does not build it."""
        self._actions.append(action)
        if (page := WishFlow.categories.built(self)) is not None:
            page.add_action(action)

    @lazy_page
    def text(self) -> WishTextPage:
        from kiosk.features.wishes.ui.pages import WishTextPage

        page = WishTextPage(self._nav.language, self._nav.theme)
        page.send_requested.connect(self._on_send)
        page.phone_requested.connect(self._on_phone_requested)
        page.back_requested.connect(self.open)
        return page

    @lazy_page
    def phone(self) -> ContactPhonePage:
        from kiosk.features.requests.ui.entry import ContactPhonePage

        days = self._services.settings.retention_wish_days
        page = ContactPhonePage(self._nav.language, self._nav.theme, days)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self._on_back_to_text)
        return page

    @lazy_page
    def ticket(self) -> TicketPage:
        from kiosk.features.requests.ui.ticket import ticket_page

        return ticket_page(self._nav)

    @lazy_page
    def answer(self) -> WishAnswerPage:
        from kiosk.features.wishes.ui.pages import WishAnswerPage

        page = WishAnswerPage(self._nav.language, self._nav.theme)
        page.status_chosen.connect(self._on_status_chosen)
        page.back_requested.connect(self._back_to_admin)
        return page

    @Slot()
    def forget(self) -> None:
        """Idle: the phone typed for a wish leaves memory with the form."""
        self._phone = ""

    @Slot()
    def open_tile(self, service_id: str) -> bool:
        if service_id != WISHES_SERVICE_ID:
            return False
        self.open()
        return True

    def open(self) -> None:
        self._phone = ""
        self.categories.reset()
        self.categories.service_qr.set_link(self._services.service_link_for(WISHES_SERVICE_ID))
        self._nav.show_page(self.categories)

    @Slot(str)
    def _on_category(self, category: str) -> None:
        self._phone = ""
        self.text.ask(category)
        self._nav.show_page(self.text)

    @Slot()
    def _on_phone_requested(self) -> None:
        self.phone.reset()
        self._nav.show_page(self.phone)

    @Slot()
    def _on_back_to_text(self) -> None:
        self._nav.show_page(self.text)

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
        self.phone.reset()
        self.text.masked_phone = mask_phone(self._phone)
        self.text.retranslate()
        self._nav.show_page(self.text)

    @Slot()
    @reports_errors(on="text")
    def _on_send(self) -> None:
        view = self._services.wishes.submit(
            self.text.category,
            self.text.keyboard.value,
            self._phone or None,
            consent=bool(self._phone),  # a phone is kept only after the tap to agree
        )
        masked = self.text.masked_phone or None
        self._phone = ""
        self.text.reset()
        link = self._services.ticket_link(view.ticket)
        from kiosk.features.requests.ui.ticket import show_new_ticket

        show_new_ticket(self._nav, self.ticket, "wish", view.ticket, link, masked)

    # --- staff --------------------------------------------------------------------------------

    @Slot(str)
    @reports_errors
    def open_answer(self, wish_id: str) -> None:
        view = self._services.wishes.get(wish_id)
        self.answer.ask(view)
        self._nav.show_page(self.answer)

    @Slot(str, str)
    @reports_errors(on="answer")
    def _on_status_chosen(self, status: str, answer: str) -> None:
        view = self.answer.view
        if view is None:
            return
        self._services.wishes.set_status(view.id, status, self._services.admin_actor, answer)
        self.answered.emit()
        self._back_to_admin()

    @Slot()
    def _back_to_admin(self) -> None:
        self.answer.reset()
        self._nav.show_admin()
