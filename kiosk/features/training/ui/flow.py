"""The training flow: a Training records button on the admin console opens the list (correct,
void with a reason) and the form; a Training tab on the console lists the certificates expired
or expiring within 30 days; the emergency page shows who on duty is first-aid trained.

Every write goes through the training service as the logged-in account (audited, and synced
to the station's other kiosks and to the hub).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from PySide6.QtCore import Slot

from kiosk.core.errors import KioskError
from kiosk.features.admin.ui.sections import admin_flow
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.navigator import Flow

if TYPE_CHECKING:
    from kiosk.features.admin.domain import AdminAccount
    from kiosk.features.emergency.ui.flow import EmergencyFlow
    from kiosk.features.training.service import TrainingService
    from kiosk.features.training.ui.pages import (
        ExpiryPanel,
        FirstAidOnDuty,
        TrainingFormPage,
        TrainingListPage,
    )
    from kiosk.platform.ui.navigator import Navigator

T = TypeVar("T")


class TrainingServices(Protocol):
    """What the training flow needs of the kiosk's services."""

    def get(self, kind: type[T]) -> T: ...


class TrainingFlow(Flow):
    """Owns the training pages (built on first use, behind the login) and the emergency
    page's first-aid section."""

    def __init__(self, navigator: Navigator, services: TrainingServices) -> None:
        super().__init__(navigator)
        self._services = services
        self.first_aid: FirstAidOnDuty | None = None
        self.expiry: ExpiryPanel | None = None
        self._console_lang: Callable[[], str] = lambda: self._nav.language.language

    @property
    def _training(self) -> TrainingService:
        from kiosk.features.training.service import TrainingService

        return self._services.get(TrainingService)

    def started(self) -> None:
        """Every flow exists: the first-aid section on the emergency page (made with the page,
        read when shown)."""
        cast("EmergencyFlow", self._nav.flow("emergency")).add_page_section(self._first_aid)

    def _first_aid(self) -> FirstAidOnDuty:
        from kiosk.features.training.ui.pages import FirstAidOnDuty

        section = FirstAidOnDuty(lambda: self._training.first_aid_on_duty(), self._nav.language)
        self.first_aid = section
        return section

    def connect_admin(self, console: Any) -> None:
        """The console was built: a Training records button in its heading and a Training tab
        of certificates expiring."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection, ConsoleTool
        from kiosk.features.training.ui.pages import ExpiryPanel
        from kiosk.platform.ui.util import button

        tool = button("", "book", self._nav.theme.palette.icon, height=72)
        tool.setObjectName("admin_training")
        tool.clicked.connect(self.open_list)
        console.add_tool(
            ConsoleTool(
                key="training",
                rank=15,
                button=tool,
                title=lambda: self.tr("Training…"),
                permission=Permission.MANAGE_VOLUNTEERS,
            )
        )
        self._console_lang = lambda: str(console.lang)
        self.expiry = panel = ExpiryPanel()
        console.add_section(
            ConsoleSection(
                key="training",
                rank=65,
                title=lambda: self.tr("Certificates"),
                widgets=(panel,),
                permission=Permission.FIRST_AID,
                refresh=self._fill_expiry,
                retranslate=self._fill_expiry_if_shown,
                reset=panel.reset,
            )
        )

    def _fill_expiry(self) -> None:
        if self.expiry is None:
            return
        self.expiry.fill(
            self._training.expiring(),
            self._console_lang(),
            {
                "caption": self.tr("Certificates expired or expiring within 30 days"),
                "none": self.tr("None: every certificate is valid for more than 30 days"),
            },
        )

    def _fill_expiry_if_shown(self) -> None:
        if self.expiry is not None and self.expiry.isVisible():
            self._fill_expiry()

    def _account(self) -> AdminAccount:
        return admin_flow(self._nav).require_account()

    # --- pages built on first use ---------------------------------------------------------------

    @lazy_page
    def records(self) -> TrainingListPage:
        from kiosk.features.training.ui.pages import TrainingListPage

        page = TrainingListPage(self._nav.language, self._nav.theme)
        page.new_requested.connect(self._on_new)
        page.correct_requested.connect(self._on_correct)
        page.void_requested.connect(self._on_void)
        page.back_requested.connect(self._nav.show_admin)
        admin_flow(self._nav).behind_login(page)
        return page

    @lazy_page
    def form(self) -> TrainingFormPage:
        from kiosk.features.training.ui.pages import TrainingFormPage

        page = TrainingFormPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_submitted)
        page.back_requested.connect(lambda: self.open_list(keep_page=True))
        admin_flow(self._nav).behind_login(page)
        return page

    # --- the list and the form ------------------------------------------------------------------

    @Slot()
    def open_list(self, keep_page: bool = False) -> None:
        page = self.records
        page.show_records(self._training.records(), keep_page)
        page.notice.clear()
        self._nav.show_page(page)

    @Slot()
    def _on_new(self) -> None:
        self.form.start(None, self._training.today())
        self._nav.show_page(self.form)

    @Slot(str)
    def _on_correct(self, training_id: str) -> None:
        record = self._training.find(training_id)
        if record is None:
            return
        self.form.start(record, self._training.today())
        self._nav.show_page(self.form)

    @Slot(dict)
    def _on_submitted(self, values: dict[str, str]) -> None:
        from kiosk.features.training.service import TrainingForm

        form = TrainingForm(
            volunteer_number=values.get("volunteer_number", ""),
            kind=values.get("kind", ""),
            trained_on=values.get("trained_on", ""),
            trainer=values.get("trainer", ""),
            certificate_no=values.get("certificate_no", ""),
            expires_on=values.get("expires_on", ""),
        )
        correcting = self.form.correcting
        try:
            if correcting is None:
                view = self._training.record(self._account(), form)
                done = (f"已登记：{view.volunteer}", f"Recorded: {view.volunteer}")
            else:
                view = self._training.correct(self._account(), correcting, form)
                done = (f"已更正：{view.volunteer}", f"Corrected: {view.volunteer}")
        except KioskError as exc:
            self.form.show_error(exc)
            return
        self.open_list(keep_page=correcting is not None)
        self.records.notice.show_message(*done, self.records.lang, "success")

    @Slot(str, str)
    def _on_void(self, training_id: str, reason: str) -> None:
        page = self.records
        try:
            view = self._training.void(self._account(), training_id, reason)
        except KioskError as exc:
            page.notice.show_message(exc.zh, exc.en, page.lang)
            return
        self.open_list(keep_page=True)
        page.notice.show_message(
            f"已作废：{view.volunteer}", f"Voided: {view.volunteer}", page.lang, "success"
        )
