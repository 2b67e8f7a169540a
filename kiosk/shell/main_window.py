"""The kiosk's one window: top bar, a stack of pages, the status strip, and the flows between them.

Start-up is in steps so the home screen paints before the database opens and the kiosk is
ready before every feature is loaded: the window is built with the catalogue only;
`attach_services()` makes the check-in's flow (`FeatureUI.at_start`), fills the on-duty board
and the kiosk is ready; the other features' flows are then made one per turn of the event loop,
each at once if something needs it first, and home shows every figure when the last is made
(`settled`). Each flow builds its pages on first use. The window is built from
`{name: FeatureUI}` (the composition root hands it a reader of each feature's `KIOSK_UI`, called
then) and names no feature: flows receive it as their `Navigator`, tile taps and scans go to the
flows that claim them, and what home shows is `HomeStatus`'s job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import KioskError
from kiosk.features.catalogue.service.catalogue import ServiceItem
from kiosk.platform.ui import outcomes
from kiosk.platform.ui.i18n import LanguageSwitch
from kiosk.platform.ui.idle import IdleWatcher
from kiosk.platform.ui.lazy import build_all, lazy_page
from kiosk.platform.ui.messages import MessageBridge
from kiosk.platform.ui.navigator import AdminSessionFlow, FeatureUI, Flow
from kiosk.platform.ui.outcomes import Outcome
from kiosk.platform.ui.pages.base import Page
from kiosk.platform.ui.scan_routing import ScanRouter
from kiosk.platform.ui.scanner import ScannerFilter
from kiosk.platform.ui.tasks import TaskManager
from kiosk.platform.ui.theme import Theme
from kiosk.platform.ui.widgets.statusbar import StatusStrip
from kiosk.platform.ui.widgets.topbar import TopBar
from kiosk.settings import Settings
from kiosk.shell.home import HomePage
from kiosk.shell.home_status import HomeStatus

if TYPE_CHECKING:
    from kiosk.platform.store.db import Changes
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.pages.result import ResultPage
    from kiosk.platform.ui.speech import Speaker
    from kiosk.shell.context import KioskServices

log = logging.getLogger(__name__)

WARM_UP_MS = 1_500  # after start-up is done and measured, before anyone can reach the kiosk


def has_camera_default() -> bool:
    from kiosk.platform.ui.camera import has_camera

    return has_camera()


def _load_image_plugins() -> None:
    """Load Qt's image format plugins here, on the GUI thread. A report's PDF is drawn on a
    worker thread, and its first image made Qt load them there, holding the interpreter's lock
    while it waited for a Qt lock the GUI thread held while waiting for the interpreter's: the
    kiosk hung (seen once in CI, 2026-12-07, in the monthly report's test)."""
    from PySide6.QtGui import QImageWriter

    QImageWriter.supportedImageFormats()


class MainWindow(QMainWindow):
    """The window, and the `Navigator` every flow receives.

    Signals:
    first_painted(): the home screen has been painted once (start-up measurement, deferral).
    services_attached(): the database is open, the check-in works, the on-duty board is filled.
    settled(): every feature's flow is made and home shows every figure (just after).
    data_changed(): a local event waits to be synced (from the database's after-commit hook,
        on the writing thread; the sync worker is poked).
    sync_requested(): an admin asked to sync now.
    urgent_written(): an urgent event was written here (the worker pushes it at once).
    enrolled_in_hub(): an admin enrolled this kiosk in a hub (the app starts syncing).
    speech_availability(bool): the speech engine opened (Read aloud shown) or cannot be used.
    """

    first_painted = Signal()
    services_attached = Signal()
    settled = Signal()
    data_changed = Signal()
    sync_requested = Signal()
    urgent_written = Signal()
    enrolled_in_hub = Signal()
    speech_availability = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        catalogue: list[ServiceItem],
        language: LanguageSwitch,
        theme: Theme,
        now: Callable[[], datetime],
        has_camera: Callable[[], bool] = has_camera_default,
        uis: Callable[[], Mapping[str, FeatureUI]] = dict,
    ) -> None:
        super().__init__()
        self.setWindowTitle("驿站自助终端 Station Kiosk")
        self.settings = settings
        self.language = language
        language.setParent(self)  # its translator goes when the window goes
        self.theme = theme
        self.has_camera = has_camera
        self.tasks = TaskManager(self)
        self.messages = MessageBridge(self)
        self._read_uis = uis  # read once the home screen is painted: none is needed before
        self._uis: dict[str, FeatureUI] = {}
        self._unsubscribe: Callable[[], None] | None = None
        self.flows: dict[str, Flow] = {}  # the flows made so far (`made_flows`: in order)
        self._unmade: list[str] = []  # features whose flow is still to be made, registry order
        self._extending: dict[str, list[str]] = {}  # feature: those whose flows add to its flow
        self._services: KioskServices | None = None
        self._close_allowed = not settings.kiosk_mode
        self._painted = False
        self._visited: set[Page] = set()  # pages shown since the last reset: the ones to clear
        self.speaker: Speaker | None = None  # spoken guidance, once its engine is asked for
        self._chosen_reader: QObject | None = None

        self.top_bar = TopBar(settings.station_name_zh, settings.station_name_en, language, theme)
        self.status_strip = StatusStrip(
            settings.station_name_zh, settings.station_name_en, language
        )
        self.stack = QStackedWidget()
        self.home_status = HomeStatus(self, catalogue, now)
        status = self.home_status
        self.home = HomePage(status.ordered(), language, theme, season=status.season)
        self.stack.addWidget(self.home)
        self.home.set_on_duty(None)
        self.home.set_served(None)

        central = QWidget()
        self._layout = layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.top_bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status_strip)
        self.setCentralWidget(central)
        # The window's size is set by the screen (full screen) or the installer, never by the
        # layout; this also keeps the offscreen platform from warning on every page switch.
        window_layout = self.layout()
        if window_layout is not None:
            window_layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)

        self.idle = IdleWatcher(settings.idle_timeout_s, self)
        self.scanner = ScannerFilter(self, on_activity=self.idle.poke)
        self.scanner.watch(self)
        self.scan_router = ScanRouter(self._scan_claimants, self.idle.poke, self.show_error, self)
        self.status_strip.set_time(now())

    # --- second start-up step ---------------------------------------------------------------

    def attach_services(self, services: KioskServices) -> None:
        """Make the check-in's flow, wire, fill the on-duty board (the kiosk is ready); the
        other flows follow, one per turn of the event loop (`settled` when all are made)."""
        self._services = services
        self._uis = dict(self._read_uis())
        self._unsubscribe = services.database.after_commit(self._on_committed)
        self.home_status.start(services)
        self._unmade = [name for name, ui in self._uis.items() if ui.flow is not None]
        self._extending = {
            name: [other for other, ui in self._uis.items() if name in ui.extends]
            for name in self._unmade
        }
        for name in [name for name in self._unmade if self._uis[name].at_start]:
            self._make(name)
        # What adds to the flows made now comes first after ready.
        first = [other for name in self.flows for other in self._extending.get(name, ())]
        self._unmade.sort(key=lambda name: name not in first)
        self._connect_signals()
        self.home_status.sweep()
        self.refresh_status()
        self.services_attached.emit()
        QTimer.singleShot(0, self, self._make_next)

    def _make(self, name: str) -> Flow:
        """Make the flow of `name` now (its module imported), once."""
        services = self._services
        assert services is not None, "no flow before the database is open"
        factory = self._uis[name].flow
        assert factory is not None
        self._unmade.remove(name)
        flow = self.flows[name] = factory(self, services)
        # What must open instantly from the first tap (the red button) is made once idle.
        QTimer.singleShot(WARM_UP_MS, flow, flow.warm_up)
        flow.started()
        return flow

    def _make_next(self) -> None:
        """One more flow per turn of the event loop (a tap or a scan waits for one at most),
        then home's every figure."""
        if self._unmade:
            self._make_or_log(self._unmade[0])
            QTimer.singleShot(0, self, self._make_next)
        elif not self.home_status.settled:
            self.settle()

    def _make_or_log(self, name: str) -> None:
        """Make `name`'s flow; one that fails (a defect) is logged and left out, and the other
        features load as if it had none."""
        try:
            self.flow(name)
        except Exception:
            log.exception("the %s feature's flow could not be made: left out", name)

    def settle(self) -> None:
        """Make every flow not made yet and show home's every figure (at once: building every
        page, an admin console hooking every section)."""
        while self._unmade:
            self._make_or_log(self._unmade[0])
        for name in [name for name in self._extending if name in self.flows]:
            self._make_or_log(name)  # what adds to a flow made at start, still waiting
        if not self.home_status.settled:
            _load_image_plugins()
            self.home_status.settle()
            self.settled.emit()

    def made_flows(self) -> list[Flow]:
        """The flows made so far, in registry order (the order every hook is called in)."""
        return [self.flows[name] for name in self._uis if name in self.flows]

    def _connect_signals(self) -> None:
        for name, source, signal, slot in self._wires():
            if source != "result":  # the result page's, when it is built
                getattr(self._wire_source(source), signal).connect(self._wired(name, slot))
        self.top_bar.home_clicked.connect(self._on_home)
        self.top_bar.language_clicked.connect(self._on_language_clicked)
        self.top_bar.large_type_toggled.connect(self._on_large_type_toggled)
        self.top_bar.read_aloud_clicked.connect(self._on_read_aloud)
        self.stack.currentChanged.connect(self._on_page_changed)
        self.home.service_chosen.connect(self._on_tile)
        self.scanner.scanned.connect(self.scan_router.route)
        self.scanner.rejected.connect(self.scan_router.reject)
        self.idle.idle.connect(self._on_idle)
        self.messages.error.connect(self.show_error)

    def _wires(self) -> list[tuple[str, str, str, str]]:
        """(feature, source, signal, slot) of every feature's `FeatureUI.wires`."""
        found = []
        for name, ui in self._uis.items():
            if ui.flow is not None:
                for source_signal, slot in ui.wires.items():
                    source, signal = source_signal.split(".", 1)
                    found.append((name, source, signal, slot))
        return found

    def _wired(self, name: str, slot: str) -> Callable[..., None]:
        """A shell signal's receiver: the slot of `name`'s flow, made first if it is not yet."""

        def call(*args: Any) -> None:
            getattr(self.flow(name), slot)(*args)

        return call

    def _wire_source(self, source: str) -> QObject:
        sources: dict[str, QObject] = {
            "home": self.home,
            "top_bar": self.top_bar,
            "idle": self.idle,
        }
        return sources[source]

    def _flows_by(self, rank: Callable[[FeatureUI], int | None]) -> list[Flow]:
        """The flows with a `rank`, in its order, made first where not made yet."""
        ranked = sorted(
            (value, name)
            for name, ui in self._uis.items()
            if self._can_have(name) and (value := rank(ui)) is not None
        )
        return [self.flow(name) for _, name in ranked]

    def _can_have(self, name: str) -> bool:
        """Whether `name`'s flow is made or can be (not one left out after failing)."""
        return name in self.flows or name in self._unmade

    def _scan_claimants(self, text: str) -> list[Flow]:
        """The flows that may take the scan `text`, in `scan_rank` order: the ones made, and
        the ones not made yet whose `claims_scan` says it may be theirs (made now)."""
        if self._services is None:
            return []
        ranked = sorted(
            (ui.scan_rank, name)
            for name, ui in self._uis.items()
            if ui.scan_rank is not None
            and (
                name in self.flows
                or (name in self._unmade and ui.claims_scan is not None and ui.claims_scan(text))
            )
        )
        return [self.flow(name) for _, name in ranked]

    def flow(self, name: str) -> Flow:
        """The flow of the feature `name`, made now if it is not yet, with the flows that add
        to it (`FeatureUI.extends`): everything that uses a flow asks for it here (a wired
        signal, a scan, a tile, another flow). KeyError when the feature has none."""
        found = self.flows.get(name)
        if found is None:
            if name not in self._unmade:
                raise KeyError(name)
            found = self._make(name)
        for other in self._extending.pop(name, ()):
            if other in self._unmade:
                self._make(other)
        return found

    def _admin_session(self, make: bool = False) -> AdminSessionFlow | None:
        """The admin session's flow; not made by asking unless `make` (no console without
        it)."""
        for name, ui in self._uis.items():
            if ui.admin_session and (name in self.flows or (make and name in self._unmade)):
                return cast(AdminSessionFlow, self.flow(name))
        return None

    # --- pages built on first use --------------------------------------------------------------

    def adopt_page(self, page: QWidget) -> None:
        self.stack.addWidget(page)

    @lazy_page
    def result(self) -> ResultPage:
        from kiosk.platform.ui.pages.result import ResultPage

        page = ResultPage(self.language, self.theme, self.settings.result_timeout_s)
        page.finished.connect(self._on_home)
        for name, source, signal, slot in self._wires():
            if source == "result":
                getattr(page, signal).connect(self._wired(name, slot))
        return page

    def build_all_pages(self) -> None:
        """Build every page now (screenshots, and tests that visit them all); a running kiosk
        builds each on first use."""
        self.settle()
        build_all(self)
        for flow in self.made_flows():
            build_all(flow)

    # --- navigation (the Navigator) -----------------------------------------------------------

    def pages(self) -> list[Page]:
        found = [self.stack.widget(i) for i in range(self.stack.count())]
        return [page for page in found if isinstance(page, Page)]

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def page_size(self) -> QSize:
        return self.stack.size()

    def show_page(self, page: QWidget) -> None:
        if isinstance(page, Page):
            self._visited.add(page)
        self.stack.setCurrentWidget(page)
        if self._services is not None:  # admin screens log out after their own idle time
            settings = self._services.settings
            timeout = next(
                (s for f in self.made_flows() if (s := f.idle_timeout_s(page)) is not None),
                settings.idle_timeout_s,
            )
            self.idle.set_timeout(timeout)

    def has_services(self) -> bool:
        """True once the database is open (`attach_services`)."""
        return self._services is not None

    def go_home(self, everything: bool = False) -> None:
        """Home with every form cleared and nothing personal left on any page.

        Only pages shown since the last reset can hold anything, so only those are cleared
        (a tap on Home stays within one frame); `everything` clears all of them.
        """
        for flow in self.made_flows():
            flow.on_home()
        for page in self.pages() if everything else list(self._visited):
            page.reset()
        self._visited.clear()
        self.show_page(self.home)

    def show_outcome(self, outcome: Outcome) -> None:
        for flow in self.made_flows():
            flow.before_outcome()
        self.result.show_outcome(outcome)
        self.show_page(self.result)
        self.refresh_status()

    def show_error(self, error: KioskError) -> None:
        self.show_outcome(outcomes.error(error))

    def show_unexpected_error(self) -> None:
        """The calm screen for a fault of ours (logged by the caller)."""
        if self._services is None:
            return
        self.show_outcome(outcomes.UNEXPECTED)

    def refresh_status(self) -> None:
        """Home and the status strip read afresh (every 20 s, and after what changes them)."""
        self.home_status.refresh()

    def route_scan(self, text: str) -> None:
        self.scan_router.route(text)

    def add_banner(self, banner: QWidget) -> None:
        self._layout.insertWidget(self._layout.indexOf(self.stack), banner)

    def show_admin(self) -> None:
        if (session := self._admin_session(make=True)) is not None:
            session.back_to_admin()

    def refresh_admin(self) -> None:
        if (session := self._admin_session()) is not None:
            session.refresh_console()

    def admin_is_current(self) -> bool:
        session = self._admin_session()
        return session is not None and session.is_console_current()

    def admin_console_built(self, console: QWidget) -> None:
        self.settle()  # every feature's section is hooked
        for flow in self.made_flows():
            flow.connect_admin(console)

    def sync_now(self) -> None:
        self.sync_requested.emit()

    def sync_urgent(self) -> None:
        self.urgent_written.emit()

    def enrolled(self) -> None:
        self.enrolled_in_hub.emit()

    def quit(self) -> None:
        self.allow_close()
        self.close()  # the last window: QApplication.exec() returns

    @Slot()
    def on_config_changed(self) -> None:
        """A pull brought configuration from the hub (badge keys, roster): apply it."""
        self.home_status.config_changed()

    def show_season(self, season: str | None) -> None:
        """Show the home screen as in `season` until called with None (screenshots)."""
        self.home_status.show_season(season)

    @Slot(object)
    def on_sync_status(self, status: SyncStatus) -> None:
        """The sync worker reported (queued from its thread): show it on the strip and admin."""
        self.home_status.sync_status(status)

    # --- kiosk mode -------------------------------------------------------------------------

    def allow_close(self) -> None:
        self._close_allowed = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._close_allowed:
            log.info("close refused: kiosk mode (use the admin screen)")
            event.ignore()
            return
        for flow in self.made_flows():
            flow.shutdown()
        self.tasks.shutdown()  # no thread outlives the window
        self.stop_speech()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # not after the window is gone

    # --- spoken guidance (docs/speech.md) --------------------------------------------------------

    def start_speech(self) -> None:
        """Open the speech engine on its own thread; the Read aloud button shows when it is
        there. Never before the first paint or on the GUI thread: it takes seconds."""
        from kiosk.platform.ui.speech import Speaker

        if self.speaker is not None or not self.settings.speech_engine:
            return
        self.speaker = Speaker(self.settings.speech_engine, self)
        self.speaker.availability_changed.connect(self._on_speech_available)
        self.speaker.start()

    @Slot(bool)
    def _on_speech_available(self, available: bool) -> None:
        from kiosk.platform.ui.speech import ChosenItemReader

        self.top_bar.read_aloud_button.setVisible(available)
        app = QApplication.instance()
        if available and self.speaker is not None and app is not None:
            self._chosen_reader = ChosenItemReader(
                self.speaker,
                lambda: self.theme.large_type,
                lambda: self.language.language,
                skip=self.top_bar.read_aloud_button,
                parent=self,
            )
            app.installEventFilter(self._chosen_reader)
        self.speech_availability.emit(available)

    def stop_speech(self) -> None:
        """No speech thread outlives the window (at close, and at the app's exit)."""
        app = QApplication.instance()
        if self._chosen_reader is not None and app is not None:
            app.removeEventFilter(self._chosen_reader)
            self._chosen_reader = None
        if self.speaker is not None:
            self.speaker.shutdown()

    def _say_page(self, interrupt: bool) -> None:
        from kiosk.platform.ui.speech import page_text

        page = self.stack.currentWidget()
        if self.speaker is not None and page is not None:
            language = self.language.language
            self.speaker.say(page_text(page, language), language, interrupt)

    @Slot()
    def _on_read_aloud(self) -> None:
        self._say_page(interrupt=True)

    @Slot(int)
    def _on_page_changed(self, _index: int) -> None:
        """In large type each page says its title as it opens, after the chosen item."""
        if self.speaker is not None and self.speaker.available and self.theme.large_type:
            self._say_page(interrupt=False)

    # --- handlers ---------------------------------------------------------------------------

    def _on_committed(self, changes: Changes) -> None:
        """After each committed write (on the writing thread): an outbox row is a local event
        for the hub, so the sync worker is poked; nobody emits `data_changed` by hand."""
        if "outbox" in changes.inserted:
            self.data_changed.emit()

    @Slot()
    def _on_home(self) -> None:
        self.go_home()

    @Slot(str)
    def _on_tile(self, service_id: str) -> None:
        """A tile: the first flow that claims it (`FeatureUI.tile_rank`) opens it."""
        for flow in self._flows_by(lambda ui: ui.tile_rank):
            if flow.open_tile(service_id):
                return

    def tile_offers(self, service_id: str, after: Flow) -> list[tuple[Flow, tuple[str, str]]]:
        flows = self._flows_by(lambda ui: ui.tile_rank)
        later = flows[flows.index(after) + 1 :] if after in flows else []
        return [(flow, words) for flow in later if (words := flow.tile_offer(service_id))]

    def check_in_notes(self, volunteer_id: str) -> list[tuple[str, str]]:
        for name, ui in self._uis.items():
            if ui.check_in_note and name in self._unmade:
                self.flow(name)
        return [note for flow in self.made_flows() if (note := flow.check_in_note(volunteer_id))]

    def flow_alerts(self) -> list[Any]:
        return [line for flow in self.made_flows() for line in flow.alerts()]

    @Slot()
    def _on_idle(self) -> None:
        log.info("idle: back home, forms cleared")
        for flow in self.made_flows():
            flow.on_idle()
        self.go_home(everything=True)
        # The next person starts in the station's default language and type size.
        if self.language.language != self.settings.language:
            self.language.set_language(self.settings.language)
        if self.top_bar.large_type_button.isChecked() != self.settings.large_type:
            self.top_bar.large_type_button.setChecked(self.settings.large_type)
        self.refresh_status()

    @Slot()
    def _on_language_clicked(self) -> None:
        self.language.toggle()

    @Slot(bool)
    def _on_large_type_toggled(self, checked: bool) -> None:
        self.theme.large_type = checked
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(self.theme.stylesheet())
        self.top_bar.refresh_icons()
        for page in self.pages():
            page.theme_changed()

    def apply_settings(self, changes: Mapping[str, Any]) -> None:
        """Settings changed on the admin screen (or read at start), by name: apply them now."""
        old = self.settings
        self.settings = settings = replace(old, **changes)
        if (old.station_name_zh, old.station_name_en) != (
            settings.station_name_zh,
            settings.station_name_en,
        ):
            self.top_bar.set_station(settings.station_name_zh, settings.station_name_en)
            self.status_strip.set_station(settings.station_name_zh, settings.station_name_en)
        if settings.language != old.language and settings.language != self.language.language:
            self.language.set_language(settings.language)
        if settings.large_type != old.large_type:
            self.top_bar.large_type_button.setChecked(settings.large_type)
