"""The privacy flow: a Personal data tab on the admin console (station admin only) whose button
opens the erasure of one ticket's phone and words, at the traveller's request: the number on
the keypad, what will be erased, a confirmation.

The erasure is `privacy.erased` written as the logged-in account, with its audit (one
transaction); the key goes here at once and on the hub and the station's kiosks once synced.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QPushButton

    from kiosk.features.privacy.service import PrivacyService
    from kiosk.features.privacy.ui.pages import EraseConfirmPage, EraseTicketPage
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")


class PrivacyServices(Protocol):
    """What the privacy flow needs of the kiosk's services."""

    def get(self, kind: type[T]) -> T: ...


class PrivacyFlow(Flow):
    """Owns the erasure pages (built on first use, behind the login)."""

    def __init__(self, navigator: Navigator, services: PrivacyServices) -> None:
        super().__init__(navigator)
        self.services = services
        self.erase_button: QPushButton | None = None
        self._lead: QLabel | None = None

    @property
    def _privacy(self) -> PrivacyService:
        from kiosk.features.privacy.service import PrivacyService

        return self.services.get(PrivacyService)

    def connect_admin(self, console: Any) -> None:
        """The console was built: a Personal data tab with its Erase button (station admin)."""
        from PySide6.QtWidgets import QLabel

        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.platform.ui.util import button

        lead = QLabel()
        lead.setProperty("role", "lead")
        lead.setWordWrap(True)
        self._lead = lead
        erase = button("", "lock", self._nav.theme.palette.icon, height=96)
        erase.setObjectName("admin_privacy_erase")
        erase.clicked.connect(self.open_erase)
        self.erase_button = erase
        console.add_section(
            ConsoleSection(
                key="privacy",
                rank=75,
                title=lambda: self.tr("Personal data"),
                widgets=(lead, erase),
                permission=Permission.ERASE_PERSONAL_DATA,
                grows=False,
                retranslate=self._retranslate_section,
            )
        )
        self._retranslate_section()

    def _retranslate_section(self) -> None:
        if self._lead is None or self.erase_button is None:
            return
        days = self._privacy.retention.request_days
        self._lead.setText(
            self.tr(
                "Travellers' phones and words are kept encrypted and erased %1 days after "
                "their ticket closes. A traveller may ask to erase them sooner: take their "
                "ticket number."
            ).replace("%1", str(days))
        )
        self.erase_button.setText(self.tr("Erase a ticket's personal data…"))

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def ticket_page(self) -> EraseTicketPage:
        from kiosk.features.privacy.ui.pages import EraseTicketPage

        page = EraseTicketPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_ticket)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def confirm(self) -> EraseConfirmPage:
        from kiosk.features.privacy.ui.pages import EraseConfirmPage

        page = EraseConfirmPage(self._nav.language, self._nav.theme)
        page.confirmed.connect(self._on_confirmed)
        page.back_requested.connect(self._on_back)
        admin_flow(self._nav).behind_login(page)
        return page

    # --- the erasure ----------------------------------------------------------------------------

    @Slot()
    def open_erase(self) -> None:
        """The keypad, empty."""
        self.ticket_page.reset()
        self._nav.show_page(self.ticket_page)

    @Slot(str)
    def _on_ticket(self, raw: str) -> None:
        try:
            data = self._privacy.ticket_data(raw)
        except KioskError as exc:
            self.ticket_page.show_error(exc)
            return
        self.confirm.ask(data)
        self._nav.show_page(self.confirm)

    @Slot()
    def _on_back(self) -> None:
        self.confirm.reset()
        self._nav.show_page(self.ticket_page)

    @Slot(str)
    def _on_confirmed(self, ticket: str) -> None:
        account = admin_flow(self._nav).require_account()
        try:
            self._privacy.erase_ticket(account, ticket)
        except KioskError as exc:
            self.confirm.show_error(exc)
            return
        self.confirm.reset()
        self.ticket_page.show_done(ticket)
        self._nav.show_page(self.ticket_page)
