"""What a feature's flow may do with the screen (the `Navigator` it receives instead of the
window), the hooks the window calls on every flow (`Flow`), and what a feature's UI contributes
to the shell (`FeatureUI`, exported as `KIOSK_UI` by `kiosk.features.<name>.ui`).

The window is built from `{name: FeatureUI}` handed down by the composition root: it knows no
feature by name. A flow opens its own pages, shows outcomes and errors, and reaches another
feature's flow only by name (`navigator.flow("requests")`), never through the window.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QSize
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from kiosk.core.errors import KioskError
    from kiosk.platform.sync.engine import SyncStatus
    from kiosk.platform.ui.i18n import LanguageSwitch
    from kiosk.platform.ui.idle import IdleWatcher
    from kiosk.platform.ui.messages import MessageBridge
    from kiosk.platform.ui.outcomes import Outcome
    from kiosk.platform.ui.tasks import TaskManager
    from kiosk.platform.ui.theme import Theme


class HomeBoard(Protocol):
    """The figures on the home screen a flow may update at once (the status timer does too)."""

    def set_served(self, people: int | None) -> None: ...

    def set_open_requests(self, count: int, escalated: int) -> None: ...

    def set_rota_today(self, planned: int, came: int, missing: int = 0) -> None: ...


class Navigator(Protocol):
    """The screen as a flow sees it: its pages in the window's stack, home, the result screen,
    the idle watch, and the shell's few window-wide actions. The window implements it."""

    language: LanguageSwitch
    theme: Theme
    idle: IdleWatcher
    has_camera: Callable[[], bool]
    tasks: TaskManager  # background work: results come back on the GUI thread
    messages: MessageBridge  # what code without a widget shows (from any thread)

    @property
    def home(self) -> HomeBoard: ...

    def adopt_page(self, page: QWidget) -> None:
        """Put a page built on first use into the window's stack."""

    def show_page(self, page: QWidget) -> None: ...

    def current_page(self) -> QWidget | None: ...

    def page_size(self) -> QSize:
        """The size pages are shown at (a page rendered ahead of time uses it)."""

    def go_home(self, everything: bool = False) -> None: ...

    def show_outcome(self, outcome: Outcome) -> None:
        """The result screen (it goes home by itself after a while)."""

    def show_error(self, error: KioskError) -> None: ...

    def refresh_status(self) -> None:
        """Home and the status strip read afresh."""

    def tile_offers(self, service_id: str, after: Flow) -> list[tuple[Flow, tuple[str, str]]]:
        """What the flows ranked after `after` would also do with a tile (`Flow.tile_offer`),
        for a page that offers it beside its own (a tile lending wheelchairs also orders a
        volunteer's help)."""
        ...

    def check_in_notes(self, volunteer_id: str) -> list[tuple[str, str]]:
        """Lines (zh, en) the flows add to a volunteer's check-in screen (`Flow.check_in_note`)."""
        ...

    def flow_alerts(self) -> list[Any]:
        """Alert lines the flows add to home's strip and the admin's alerts (`Flow.alerts`)."""
        ...

    def route_scan(self, text: str) -> None:
        """A code read by a page's camera goes where a scanner's would."""

    def flow(self, name: str) -> Flow:
        """The flow of the feature `name` (a dependency the feature declares)."""

    def add_banner(self, banner: QWidget) -> None:
        """Show `banner` above every page (hidden until it shows itself)."""

    def apply_settings(self, changes: Mapping[str, Any]) -> None:
        """Settings changed on the admin screen (by name): the window applies them now."""

    def show_admin(self) -> None:
        """Back to the admin console, read afresh (an admin is logged in)."""

    def refresh_admin(self) -> None:
        """The console reads afresh if it has been built."""

    def admin_is_current(self) -> bool:
        """Whether the admin console is on screen (never builds it)."""

    def admin_console_built(self, console: QWidget) -> None:
        """The admin session built its console: every flow may hook into its section."""

    def sync_now(self) -> None:
        """Ask the sync worker for a round now."""

    def sync_urgent(self) -> None:
        """An urgent event (`EventKind.urgent`) was just written: push it at once, so the
        station's other kiosks hear of it within seconds (docs/push-channel.md)."""

    def enrolled(self) -> None:
        """This kiosk enrolled in a hub: the app starts syncing."""

    def quit(self) -> None:
        """Close the kiosk (from the admin screen, even in kiosk mode)."""


class Flow(QObject):
    """A feature's controller: owns its pages (built on first use, see `lazy_page`) in the
    window's stack, calls its services, and shows results through its navigator.

    The window calls the hooks below on every flow, in registry order; each does nothing
    unless a flow overrides it.
    """

    def __init__(self, navigator: Navigator) -> None:
        super().__init__(navigator if isinstance(navigator, QObject) else None)
        self._nav = navigator

    def adopt_page(self, page: QWidget) -> None:
        self._nav.adopt_page(page)

    def report_error(self, error: KioskError) -> None:
        """Where `@reports_errors` sends a slot's user-caused error: the result screen."""
        self._nav.show_error(error)

    # --- hooks ----------------------------------------------------------------------------------

    def started(self) -> None:
        """Every flow exists and the window is wired (the database is open)."""

    def warm_up(self) -> None:
        """The kiosk is idle after start-up: build what must open instantly."""

    def open_tile(self, service_id: str) -> bool:
        """A tap on a service tile: True when this flow took it (see `FeatureUI.tile_rank`)."""
        return False

    def tile_offer(self, service_id: str) -> tuple[str, str] | None:
        """What this flow does with a tile, as a button's words (zh, en), when a flow ranked
        before it opened the tile; None when it takes no such tile."""
        return None

    def check_in_note(self, volunteer_id: str) -> tuple[str, str] | None:
        """A line (zh, en) for the volunteer's check-in screen (the rota's next shift); None
        when this flow has nothing to say."""
        return None

    def handles_scan(self, text: str) -> bool:
        """A scan: True when this flow took it and showed what happened (`scan_rank`)."""
        return False

    def alerts(self) -> list[Any]:
        """Alert lines (each with `text(language)`, like the medicine box's) this flow adds to
        home's alert strip and the admin's alerts tab, e.g. a handover's count differences."""
        return []

    def on_home(self) -> None:
        """Going home: forget what was typed."""

    def before_outcome(self) -> None:
        """A result is about to be shown: clear entry pages."""

    def on_idle(self) -> None:
        """Nobody touched the kiosk for the idle time (before everything goes home)."""

    def idle_timeout_s(self, page: QWidget) -> int | None:
        """The idle time while `page` shows, when this flow wants its own (admin screens)."""
        return None

    def on_status_refresh(self) -> None:
        """The status timer (and whatever changed home) asks every flow to read afresh."""

    def on_sync_status(self, status: SyncStatus) -> None:
        """The sync worker reported a round."""

    def on_config_changed(self) -> None:
        """A pull brought configuration from the hub (items, slots, catalogue)."""

    def connect_admin(self, console: Any) -> None:
        """The admin console was built: connect this feature's section of it."""

    def shutdown(self) -> None:
        """The window closes (then its task manager cancels and waits for every task)."""


class AdminSessionFlow(Protocol):
    """The flow of the feature marked `admin_session` (the console behind the PIN)."""

    def back_to_admin(self) -> None: ...

    def refresh_console(self) -> None: ...

    def is_console_current(self) -> bool: ...


FlowFactory = Callable[[Navigator, Any], Flow]  # (navigator, the kiosk's services bundle)


@dataclass(frozen=True)
class Scene:
    """One screenshot of a feature's UI (tools/screenshots.py): `stage(navigator, demo)` shows
    the page to capture; `demo` holds the demo data's PINs and tickets by name.

    `after` names the scene this one follows (the files are numbered in that order, and a
    scene may rely on what the one before it left on screen or in the database); a scene
    without it follows its feature's previous scene, or comes at the end."""

    name: str
    stage: Callable[[Navigator, Mapping[str, str]], object]
    after: str = ""


@dataclass(frozen=True)
class FeatureUI:
    """What a feature's UI contributes to the shell, declared without importing its pages.

    `flow` imports the feature's flow module only when called; pages are built later still,
    on first use. A flow marked `at_start` is made when the database opens, before the kiosk
    says it is ready (the check-in: the badge scan and home's check-in button); the others are
    made one per turn of the event loop right after, or at once when something needs them
    first (a tap on their tile, a wired signal, a scan `claims_scan` says may be theirs, another
    flow asking for them by name). `wires` connects shell signals to flow slots:
    `"home.check_in_requested": "open"`, sources `home`, `result` (when built), `top_bar`
    and `idle`. `scenes` lists the feature's screenshots (tools/screenshots.py)."""

    flow: FlowFactory | None = None
    tile_rank: int | None = None  # asked for tile taps in this order (None: claims no tile)
    scan_rank: int | None = None  # asked for scans in this order (None: takes no scan)
    wires: Mapping[str, str] = field(default_factory=dict)
    admin_session: bool = False  # its flow is an `AdminSessionFlow`
    scenes: Callable[[], tuple[Scene, ...]] | None = None
    at_start: bool = False  # made before the kiosk is ready (see above)
    # Whether a scan may be this feature's while none of its pages shows (a cheap test that
    # imports nothing heavy). None: it takes scans only on its own pages, which cannot show
    # before its flow is made, so a scan never waits for its flow.
    claims_scan: Callable[[str], bool] | None = None
    check_in_note: bool = False  # its flow adds a line to a check-in screen (`Flow.check_in_note`)
    # The features whose flows this one's `started()` adds to (a follow-up on the check-in's
    # result, a button or a section on the emergency page): made right after any of them, so
    # the addition is there before they are used.
    extends: tuple[str, ...] = ()
