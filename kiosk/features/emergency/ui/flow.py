"""The emergency flow: the top bar's button, the banner on every kiosk, acknowledging (a volunteer
on duty's badge, or phone then PIN; or the admin from the console), and the incident record
(new, amend, void).

Alerts raised at other kiosks arrive by sync; `refresh` reads the open ones and is called on
the window's status timer, after each sync round and after every write here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.core.errors import KioskError
from kiosk.core.text import mask_phone
from kiosk.features.emergency.service import EmergencyView
from kiosk.features.emergency.ui.banner import EmergencyBanner
from kiosk.features.incidents.service import IncidentForm
from kiosk.features.volunteers.service.duty import Actor
from kiosk.platform.ui.lazy import lazy_page
from kiosk.platform.ui.messages import reports_errors
from kiosk.platform.ui.navigator import Flow
from kiosk.platform.ui.outcomes import Outcome, Tone

if TYPE_CHECKING:
    from datetime import datetime

    from kiosk.core.clock import Clock
    from kiosk.core.results import OnDuty
    from kiosk.features.emergency.service import EmergencyService
    from kiosk.features.emergency.ui.pages import EmergencyPage
    from kiosk.features.incidents.service import IncidentService
    from kiosk.features.incidents.ui.pages import IncidentPage
    from kiosk.features.medicine.service import MedicineService
    from kiosk.features.volunteers.service.duty import DutyService
    from kiosk.features.volunteers.service.roster import RosterService
    from kiosk.features.volunteers.ui.duty_entry import AttendPhonePage, DutyPinPage
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.navigator import Navigator
    from kiosk.settings import Settings


class _Shifts(Protocol):
    def local_time(self, moment: datetime) -> datetime: ...
    def on_duty(self) -> list[OnDuty]: ...


class EmergencyServices(Protocol):
    """What the emergency flow needs of the kiosk's services."""

    @property
    def clock(self) -> Clock: ...
    @property
    def settings(self) -> Settings: ...
    @property
    def shifts(self) -> _Shifts: ...
    @property
    def duty(self) -> DutyService: ...
    @property
    def roster(self) -> RosterService: ...
    @property
    def emergency(self) -> EmergencyService: ...
    @property
    def incidents(self) -> IncidentService: ...
    @property
    def medicine(self) -> MedicineService: ...


log = logging.getLogger(__name__)

ACK, INCIDENT = "ack", "incident"


class EmergencyFlow(Flow):
    """Owns the emergency pages (built on first use) and the banner above every page, and
    handles their signals (the top bar's red button is wired to `raise_here`)."""

    def __init__(self, navigator: Navigator, services: EmergencyServices) -> None:
        super().__init__(navigator)
        self._services = services
        self.banner = banner = EmergencyBanner()
        navigator.add_banner(banner)
        self._purpose = ACK
        self._pending: str | None = None  # the emergency to acknowledge
        self._from_admin = False
        self._acked_views: list[EmergencyView] = []
        self._actions: list[QAbstractButton] = []  # other features' buttons for the page
        self._phone = ""  # typed on `attend_phone`, until the PIN is checked
        # Other features' sections for the page, made when the page is (warm-up, after ready).
        self._sections: list[Callable[[], QWidget]] = []
        banner.acknowledge_requested.connect(self._ask_acknowledge)
        banner.open_requested.connect(self._open_page)
        navigator.language.changed.connect(lambda _language: self.refresh())

    @lazy_page
    def page(self) -> EmergencyPage:
        from kiosk.features.emergency.ui.pages import EmergencyPage

        nav = self._nav
        page = EmergencyPage(self._services.settings, nav.language, nav.theme)
        page.acknowledge_requested.connect(self._ask_acknowledge)
        page.incident_requested.connect(self._on_incident_requested)
        page.back_requested.connect(nav.go_home)
        for action in self._actions:
            page.add_action(action)
        for make in self._sections:
            page.add_section(make())
        return page

    def add_page_action(self, action: QAbstractButton) -> None:
        """Another feature's button on the emergency page (added when the page is built, so
        start-up does not build it)."""
        self._actions.append(action)
        if (page := EmergencyFlow.page.built(self)) is not None:
            page.add_action(action)

    def add_page_section(self, make: Callable[[], QWidget]) -> None:
        """Another feature's section on the emergency page, made by `make` when the page is
        built (so its modules stay off the path to ready); it refreshes itself when shown."""
        self._sections.append(make)
        if (page := EmergencyFlow.page.built(self)) is not None:
            page.add_section(make())

    @lazy_page
    def attend_phone(self) -> AttendPhonePage:
        """Who is attending: a badge scan, or the phone (then `attend_pin`)."""
        from kiosk.features.volunteers.ui.duty_entry import AttendPhonePage

        page = AttendPhonePage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_phone)
        page.back_requested.connect(self._open_page)
        return page

    @lazy_page
    def attend_pin(self) -> DutyPinPage:
        from kiosk.features.volunteers.ui.duty_entry import DutyPinPage

        page = DutyPinPage(self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_pin)
        page.back_requested.connect(self._ask_who)
        return page

    @lazy_page
    def incident(self) -> IncidentPage:
        from kiosk.features.incidents.ui.pages import IncidentPage

        items = self._services.medicine.items()
        page = IncidentPage(items, self._nav.language, self._nav.theme)
        page.submitted.connect(self._on_incident_saved)
        page.back_requested.connect(self._leave_incident)
        return page

    def on_idle(self) -> None:
        self._phone = ""  # no one's number is kept for the next person

    def on_status_refresh(self) -> None:
        self.refresh()

    def on_sync_status(self, status: SyncStatus) -> None:
        self.refresh()  # an alert from another kiosk may have arrived

    def warm_up(self) -> None:
        """Build the emergency page and render it once off screen while the kiosk is idle: the
        red button's first tap then only shows it (measured: about 19 ms instead of 41)."""
        page = self.page
        page.resize(self._nav.page_size())
        page.grab()

    # --- the alert ----------------------------------------------------------------------------

    @Slot()
    def raise_here(self) -> None:
        """One tap: record the alert (every kiosk shows it) and show how to call 120."""
        s = self._services.settings
        try:
            alert = self._services.emergency.raise_alert(s.kiosk_place_zh, s.kiosk_place_en)
        except KioskError as exc:  # even then, show how to call 120
            log.error("emergency not recorded: %s", exc.en)
            alert = None
        else:
            self._nav.sync_urgent()  # every kiosk of the station shows it within seconds
        self.page.actor = None
        self.page.show_emergency(alert, None)
        self._nav.show_page(self.page)
        self.refresh()

    @Slot()
    def _open_page(self) -> None:
        alerts = self._services.emergency.open_alerts()
        current = self.page.emergency
        if current is None or current.id not in {a.id for a in alerts}:
            current = alerts[0] if alerts else None
        attending = self.page.actor.name if self.page.actor and current is None else None
        self.page.show_emergency(current, attending)
        self._nav.show_page(self.page)

    @Slot()
    def refresh(self) -> None:
        """Show (or hide) the banner for the open alerts of the station."""
        alerts = self._services.emergency.open_alerts()
        local = self._services.shifts.local_time
        texts = {
            "line": self.tr("EMERGENCY at %1 since %2: a volunteer on duty, go now"),
            "more": self.tr("(+%1 more)"),
            "ack": self.tr("I am attending"),
            "open": "120 / AED",  # the same in both languages
        }
        self.banner.set_alerts(alerts, self._nav.language.language, local, texts)

    def handles_scan(self, text: str) -> bool:
        """A badge scanned while we ask who is attending identifies the volunteer."""
        on_phone = EmergencyFlow.attend_phone.is_current(self)
        if not on_phone and not EmergencyFlow.attend_pin.is_current(self):
            return False
        try:
            actor = self._services.duty.by_badge(text)
        except KioskError as exc:
            (self.attend_phone if on_phone else self.attend_pin).show_error(exc)
            return True
        self._identified(actor)
        return True

    @Slot(str)
    def _ask_acknowledge(self, emergency_id: str) -> None:
        self._acked_views = [e for e in self.banner.alerts if e.id == emergency_id]
        self._purpose = ACK
        self._pending = emergency_id
        self._ask_who()

    @Slot()
    def _ask_who(self) -> None:
        self.attend_pin.reset()
        self.attend_phone.reset()
        self._phone = ""
        self._nav.show_page(self.attend_phone)

    @Slot(str)
    def _on_phone(self, digits: str) -> None:
        """The phone picks the person (two volunteers may share a PIN); a PIN typed here
        alone is refused with what to do instead."""
        try:
            self._phone = self._services.duty.attending_phone(digits)
        except KioskError as exc:
            self.attend_phone.keypad.clear()
            self.attend_phone.show_error(exc)
            return
        self.attend_pin.reset()
        self.attend_pin.set_phone(mask_phone(self._phone))
        self._nav.show_page(self.attend_pin)

    @Slot(str)
    def _on_pin(self, pin: str) -> None:
        try:
            actor = self._services.duty.by_phone_pin(self._phone, pin)
        except KioskError as exc:
            self.attend_pin.keypad.clear()
            self.attend_pin.show_error(exc)
            return
        self._identified(actor)

    def _identified(self, actor: Actor) -> None:
        self.attend_phone.reset()
        self.attend_pin.reset()
        self._phone = ""
        self.page.actor = actor
        if self._purpose == INCIDENT:
            self._start_incident(actor, self.page.emergency.id if self.page.emergency else None)
            return
        acked = self._pending
        if acked is not None and not self.acknowledge(acked, actor):
            return
        shown = self.page.emergency
        if shown is None or shown.id != acked:  # acknowledged from the banner: that one
            shown = next((e for e in self._acked_views if e.id == acked), None)
        self.page.show_emergency(shown, actor.name)
        self._nav.show_page(self.page)

    def acknowledge(self, emergency_id: str, actor: Actor) -> bool:
        """Stop the alert on every kiosk; False (with the message shown) when refused."""
        try:
            self._services.emergency.acknowledge(emergency_id, actor)
        except KioskError as exc:
            self.refresh()
            self._nav.show_error(exc)
            return False
        self._nav.sync_urgent()  # the other kiosks stop their alarm within seconds
        self._pending = None
        self.refresh()
        return True

    # --- the incident record ------------------------------------------------------------------

    @Slot()
    def _on_incident_requested(self) -> None:
        if self.page.actor is not None:
            emergency = self.page.emergency
            self._start_incident(self.page.actor, emergency.id if emergency else None)
            return
        self._purpose = INCIDENT
        self._ask_who()

    def _volunteers(self, everyone: bool = False) -> list[tuple[str, str]]:
        """Who may have attended: those on duty, or (from the admin screen, later) anyone."""
        if everyone:
            return [(v.id, v.name) for v in self._services.roster.all() if v.active]
        return [(d.volunteer.id, d.volunteer.name) for d in self._services.shifts.on_duty()]

    def _start_incident(self, actor: Actor, emergency_id: str | None) -> None:
        self._from_admin = actor.is_admin and self._admin_is_current()
        volunteers = self._volunteers(everyone=self._from_admin)
        self.incident.start_new(actor.name, volunteers, emergency_id)
        if actor.volunteer_id is not None:
            self.incident.attended.select(actor.volunteer_id)
        self.incident.actor = actor
        self._nav.show_page(self.incident)

    def start_admin_incident(self) -> None:
        """A record entered later from the admin screen."""
        self._start_incident(self._services.duty.admin(), None)
        self._from_admin = True

    @reports_errors
    def start_admin_amend(self, incident_id: str) -> None:
        view = self._services.incidents.get(incident_id)
        admin = self._services.duty.admin()
        self._from_admin = True
        self.incident.start_amend(admin.name, view, self._volunteers(everyone=True))
        self.incident.actor = admin  # after start_amend: its reset clears the actor
        self._nav.show_page(self.incident)

    @reports_errors
    def void(self, incident_id: str, reason: str) -> None:
        self._services.incidents.void(self._services.duty.admin(), incident_id, reason)

    @Slot()
    def _leave_incident(self) -> None:
        self.incident.reset()
        if self._from_admin:
            self._nav.show_admin()
        else:
            self._open_page()

    @Slot(dict)
    @reports_errors(on="incident")
    def _on_incident_saved(self, values: dict[str, Any]) -> None:
        from kiosk.features.incidents.ui.pages import AMEND

        actor = self.incident.actor
        if actor is None:
            return
        if self.incident.mode == AMEND and self.incident.incident is not None:
            self._services.incidents.amend(
                actor,
                self.incident.incident.id,
                place=values["place"],
                what=values["what"],
                first_aid=values["first_aid"],
                aed_used=values["aed_used"] == "yes",
                called_120=values["called_120"] == "yes",
                outcome=values["outcome"],
                attended=values["attended"],
                note=values["note"],
            )
        else:
            now = self._services.clock.now()
            ago = timedelta(minutes=int(values["when"] or 0))
            form = IncidentForm(
                happened_at=now - ago,
                place=values["place"],
                what=values["what"],
                first_aid=values["first_aid"],
                aed_used=values["aed_used"] == "yes",
                called_120=values["called_120"] == "yes",
                outcome=values["outcome"],
                attended=values["attended"],
                items=values["items"],
                note=values["note"],
                emergency_id=self.incident.emergency_id,
            )
            self._services.incidents.record(actor, form)
        from_admin = self._from_admin
        self.incident.reset()
        if from_admin:
            self._nav.show_admin()
            return
        self._nav.show_outcome(
            Outcome(
                Tone.SUCCESS,
                "book",
                "急救记录已保存，谢谢！",
                "The incident record is saved. Thank you!",
                "用掉的药品已从药箱库存中扣除。",
                "Items used were taken off the medicine box stock.",
            )
        )

    # --- the admin's section ------------------------------------------------------------------

    def _admin_is_current(self) -> bool:
        """Whether the admin page is on screen (never builds it)."""
        return self._nav.admin_is_current()

    def connect_admin(self, console: Any) -> None:
        """The console was built: its tab of open emergencies, medicine box and AED alerts,
        and the incident records."""
        from kiosk.features.admin.domain import Permission
        from kiosk.features.admin.ui.sections import ConsoleSection
        from kiosk.features.emergency.ui.admin import SafetyPanel
        from kiosk.features.incidents.ui.pages import choice_text

        self._console_lang: Callable[[], str] = lambda: str(console.lang)
        self.safety = panel = SafetyPanel(self._services.shifts.local_time, choice_text)
        console.add_section(
            ConsoleSection(
                key="safety",
                rank=60,
                title=lambda: self.tr("Alerts and first aid"),
                widgets=(panel,),
                permission=Permission.FIRST_AID,
                refresh=self._fill_safety,
                retranslate=self._fill_safety_if_shown,
                reset=panel.reset,
            )
        )
        panel.acknowledge_requested.connect(self._admin_acknowledge)
        panel.new_incident_requested.connect(self.start_admin_incident)
        panel.amend_requested.connect(self.start_admin_amend)
        panel.void_requested.connect(self._admin_void)

    def _fill_safety(self) -> None:
        """Open emergencies, medicine box and AED alerts, incident records."""
        services = self._services
        self.safety.fill(
            services.emergency.open_alerts(),
            services.medicine.alerts() + self._nav.flow_alerts(),  # a handover's differences
            services.incidents.recent(),
            self._console_lang(),
            {
                "emergencies": self.tr("Emergencies not yet acknowledged"),
                "no_emergency": self.tr("None"),
                "ack": self.tr("Acknowledge"),
                "alerts": self.tr("Medicine box and AED"),
                "no_alerts": self.tr("All in order"),
                "incidents": self.tr("Incident records"),
                "new": self.tr("New record"),
                "amend": self.tr("Correct"),
                "void": self.tr("Void"),
                "void_confirm": self.tr("Void the record"),
                "amended": self.tr("corrected"),
                "voided": self.tr("VOID"),
                "no_incidents": self.tr("No records yet"),
            },
        )

    def _fill_safety_if_shown(self) -> None:
        if self.safety.isVisible():
            self._fill_safety()

    @Slot(str)
    def _admin_acknowledge(self, emergency_id: str) -> None:
        if self.acknowledge(emergency_id, self._services.duty.admin()):
            self._nav.refresh_admin()

    @Slot(str, str)
    def _admin_void(self, incident_id: str, reason: str) -> None:
        self.void(incident_id, reason)
        if self._admin_is_current():
            self._nav.refresh_admin()
