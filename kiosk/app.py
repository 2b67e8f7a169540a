"""Composition root: Settings → QApplication → window painted → database and services → pages.

The home screen is shown before the database is opened (SQLAlchemy and the services take longer
to import than Qt itself), so a kiosk switched on shows its tiles as soon as Qt can paint them.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.core.files import private_dir
from kiosk.settings import Settings
from kiosk.watchdog import Notifier, heartbeat_interval_ms

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer

    from kiosk.platform.sync.worker import SyncThread
    from kiosk.platform.ui.tasks import TaskManager
    from kiosk.shell.context import KioskServices
    from kiosk.shell.main_window import MainWindow

log = logging.getLogger("kiosk")

# Benchmarks set this to learn when the home screen is painted ("paint"), usable ("ready": the
# check-in works, the on-duty board is filled), every feature loaded ("settled"), or to keep an
# idle kiosk running after "ready" ("idle"); the bundle's smoke test has the first
# screen saved in Chinese and English ("grab:DIR": zh_start.png, en_start.png) and quits.
PROBE_ENV = "KIOSK_STARTUP_PROBE"


LOG_FILE_BYTES = 2 * 1024 * 1024
LOG_FILE_COUNT = 5  # 5 × 2 MB: weeks of an ordinary kiosk's log, bounded on a small disk
BACKUP_HOUR = 3  # station time: the hall is closed or quiet


SPEECH_START_MS = 2_000  # after the flows' warm-up (1.5 s), before anyone reaches the kiosk


def _configure_logging(data_dir: Path | None) -> None:
    from logging.handlers import RotatingFileHandler

    handlers: list[logging.Handler] = [logging.StreamHandler()]
    if data_dir is not None:
        log_dir = data_dir / "logs"
        private_dir(log_dir)  # the first thing a start makes: the data directory too, 0700
        handlers.append(
            RotatingFileHandler(
                log_dir / "kiosk.log",
                maxBytes=LOG_FILE_BYTES,
                backupCount=LOG_FILE_COUNT - 1,
                encoding="utf-8",
            )
        )
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


def next_backup_delay_ms(now: datetime, hour: int = BACKUP_HOUR) -> int:
    """Milliseconds from `now` (station time) to the next `hour`:00 (tomorrow if past)."""
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return max(1000, int((target - now).total_seconds() * 1000))


def _nightly_backup(settings: Settings) -> None:
    """Runs on the task manager's worker: never on the GUI thread, never raises into Qt."""
    from kiosk.platform.store.backup import BackupError, backup_dir, take_backup

    try:
        take_backup(
            settings.database_path,
            backup_dir(settings.data_dir),
            datetime.now(UTC),
            kind="nightly",
        )
    except BackupError:
        log.exception("nightly backup failed")


def _schedule_backups(
    settings: Settings, now: Callable[[], datetime], tasks: TaskManager
) -> QTimer:
    """A timer that runs the nightly backup as database work of the task manager (one at a
    time with the admin's papers), then re-arms itself."""
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.setSingleShot(True)

    def fire() -> None:
        tasks.run(lambda: _nightly_backup(settings), lambda _done: None, lambda _zh, _en: None)
        timer.start(next_backup_delay_ms(now()))

    timer.timeout.connect(fire)
    timer.start(next_backup_delay_ms(now()))
    return timer


def _install_excepthook(window: MainWindow) -> None:
    """A fault in a slot is logged with its traceback and shown as a calm message; never a crash."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        try:
            window.show_unexpected_error()
        except Exception:
            log.exception("could not show the error screen")

    sys.excepthook = hook


def _local_now(settings: Settings) -> Callable[[], datetime]:
    tz = ZoneInfo(settings.timezone)
    return lambda: datetime.now(tz)


def _open_services(
    settings: Settings, demo: bool, checked: Callable[[], list[str]] | None = None
) -> KioskServices:
    from kiosk.shell.context import build_services

    services = build_services(settings, checked=checked)
    if demo:
        from kiosk.shell.demo import (
            DEMO_ADMIN_PIN,
            DEMO_LEADER_PIN,
            DEMO_VOLUNTEER_PIN,
            seed_demo,
            seed_history,
        )

        seeded = seed_demo(services, with_lending=True, help_desk=True, with_training=True)
        if seeded:
            seed_history(services)  # a month of figures for the dashboard and the reports
        state = "seeded" if seeded else "already present"
        print(f"Demo data {state}. Admin PIN: {DEMO_ADMIN_PIN}", flush=True)
        print(f"Team leader PIN: {DEMO_LEADER_PIN} (陈静)", flush=True)
        print(f"Volunteer PIN: {DEMO_VOLUNTEER_PIN} (phones 13800000001 … 13800000008)", flush=True)
    return services


def _start_sync(services: KioskServices, window: MainWindow) -> SyncThread | None:
    """Start the sync worker when this kiosk is enrolled; None (stand-alone) otherwise."""
    from kiosk.platform.store import sync_store
    from kiosk.platform.sync.credentials import read_token

    with services.database.read() as session:
        state = sync_store.state(session)
        hub_url = state.hub_url
    token = read_token(services.settings.data_dir)
    if not hub_url or not token:
        return None  # stand-alone: the HTTP client is never even imported
    from kiosk.platform.sync.client import HubClient
    from kiosk.platform.sync.engine import SyncEngine
    from kiosk.platform.sync.listener import UrgentListener
    from kiosk.platform.sync.worker import SyncThread, SyncWorker

    engine = SyncEngine(services.database, HubClient(hub_url, token), services.clock)
    window.on_sync_status(engine.status())
    worker = SyncWorker(lambda: engine)
    worker.status_changed.connect(window.on_sync_status)
    worker.config_changed.connect(window.on_config_changed)
    window.data_changed.connect(worker.poke)
    window.sync_requested.connect(worker.sync_now)
    window.urgent_written.connect(worker.run_now)
    # The push channel: another kiosk's emergency reaches this one within seconds.
    holder: list[SyncThread] = []
    listener = UrgentListener(hub_url, token, engine.cursor, lambda: holder[0].pull_now())
    thread = SyncThread(worker, listener)
    holder.append(thread)
    thread.start()
    return thread


def _start_heartbeat(notifier: Notifier) -> QTimer | None:
    """WATCHDOG=1 from a timer on the GUI thread's event loop: a hung GUI stops it, and the
    service manager kills and restarts the kiosk. None when no watchdog was asked for."""
    from PySide6.QtCore import QTimer

    interval = heartbeat_interval_ms()
    if interval is None or not notifier.enabled:
        return None
    timer = QTimer()
    timer.timeout.connect(notifier.heartbeat)
    timer.start(interval)
    notifier.heartbeat()
    return timer


def _grab_first_screen(window: MainWindow, out_dir: Path) -> None:
    """The first screen (home, or choosing the admin PIN) in Chinese, then English, as PNG
    files (the bundle's smoke test)."""
    from PySide6.QtWidgets import QApplication

    out_dir.mkdir(parents=True, exist_ok=True)
    for language in ("zh", "en"):
        window.language.set_language(language)
        QApplication.processEvents()
        window.grab().save(str(out_dir / f"{language}_start.png"))


COLLECT_BY_MS = 30_000  # the collector is on by then even if a feature failed to load
# After `settled`: the flows' warm-ups (WARM_UP_MS, 1.5 s) and the speech engine's opening are done.
TRIM_AFTER_SETTLED_MS = 3_000


def return_freed_memory() -> bool:
    """Hand the heap pages freed since start back to the system (glibc's `malloc_trim`).

    Start-up's imports and the pages rendered off screen to warm them up free their memory, but
    glibc keeps the pages for the process: trimming once the warm-ups are done took 6-7 MB off an
    idle kiosk's RSS (benchmarks/bench_memory.py, docs/performance.md). Done again each time the
    kiosk goes idle, so what a traveller's pages and a report used goes back too. Costs a few ms.
    False where there is no glibc (musl, macOS, Windows): nothing to do there."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return False
    trim(0)
    return True


def _collect_from_now() -> None:
    """Every feature is loaded: what start-up made stays, collections from here on skip it."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_app(settings: Settings, demo: bool = False) -> int:
    """Start the kiosk; returns the process exit code."""
    import faulthandler
    import gc

    # Start-up makes objects that live as long as the kiosk (modules, classes, widgets) and
    # next to no garbage: collecting while it runs cost ~110 ms of the 1 s to ready, in full
    # collections over a growing heap. Collection resumes once every feature is loaded (just
    # after ready, `settled`), with the start-up objects frozen out of it, so later collections
    # (between taps) do not walk them either.
    gc.disable()
    # Pydantic looks for plugins in every installed package's metadata when it builds its
    # first model (~10 ms); the kiosk uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Payload validators built on first use, not all ~70 at import (kiosk.core.events).
    os.environ.setdefault("KIOSK_DEFER_PAYLOAD_BUILD", "1")
    from kiosk.platform.ui import pyside_hook

    pyside_hook.install()  # before Qt: later modules' sources are not kept in memory

    from PySide6.QtCore import Qt, QTimer

    from kiosk.shell.bootstrap import build_window, make_application

    _configure_logging(settings.data_dir)
    # The watchdog kills a hung kiosk with SIGABRT: the stacks of every thread go to the journal.
    faulthandler.enable()
    notifier = Notifier()
    probe = os.environ.get(PROBE_ENV, "")
    window = build_window(settings, _local_now(settings))
    app = make_application()
    holder: list[KioskServices] = []
    sync: list[SyncThread] = []
    timers: list[QTimer] = []

    def finish_start() -> None:
        if probe == "paint":
            print("painted", flush=True)
            app.quit()
            return
        from kiosk.platform.store import precheck

        # The database's quick_check reads the whole file; SQLite does it without the
        # interpreter's lock, so on its thread it runs beside the services' import (~0.5 s of
        # Python) instead of after it. Not before the paint: sqlite3's import would delay it.
        early_check = precheck.begin(settings.database_path)
        try:
            checked = None if early_check is None else early_check.result
            holder.append(_open_services(settings, demo, checked))
        except Exception:
            log.exception("could not open the kiosk database")
            app.exit(1)
            return
        window.attach_services(holder[0])
        window.settled.connect(_collect_from_now)
        window.settled.connect(
            lambda: QTimer.singleShot(TRIM_AFTER_SETTLED_MS, window, return_freed_memory)
        )
        window.idle.idle.connect(return_freed_memory)
        QTimer.singleShot(COLLECT_BY_MS, _collect_from_now)  # settled or not by then
        timers.append(_schedule_backups(settings, _local_now(settings), window.tasks))
        start_sync()
        # Usable now (home painted, database open): systemd's start-up is complete.
        notifier.ready(f"kiosk {settings.station_id} ready")
        heartbeat = _start_heartbeat(notifier)
        if heartbeat is not None:
            timers.append(heartbeat)
        # Spoken guidance opens its engine (seconds, on its own thread) once the kiosk is up.
        QTimer.singleShot(SPEECH_START_MS, window, window.start_speech)
        if probe.startswith("grab:"):
            _grab_first_screen(window, Path(probe.removeprefix("grab:")))
            app.quit()
            return
        if probe in {"ready", "idle"}:
            app.processEvents()
            print("ready", flush=True)
            if probe == "ready":
                app.quit()
        if probe == "settled":  # every flow made, home's every figure shown
            window.settled.connect(lambda: (print("settled", flush=True), app.quit()))

    def start_sync() -> None:
        """At start when enrolled, or once an admin enrolled the kiosk on its screen."""
        if holder and not sync:
            thread = _start_sync(holder[0], window)
            if thread is not None:
                sync.append(thread)

    window.enrolled_in_hub.connect(start_sync)
    window.first_painted.connect(finish_start, Qt.ConnectionType.QueuedConnection)
    _install_excepthook(window)
    if settings.kiosk_mode:
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        window.showFullScreen()
    else:
        window.resize(1920, 1080)
        window.show()
    if probe:
        QTimer.singleShot(60_000, app.quit)  # never hang a benchmark
    code = app.exec()
    notifier.stopping()  # finishing a backup or a sync round may outlast a heartbeat or two
    for timer in timers:
        timer.stop()
    window.tasks.shutdown()  # a backup in flight finishes whole (it cannot be cancelled)
    window.stop_speech()
    for thread in sync:
        thread.shutdown()  # lets a round in flight finish: its reply is recorded, not lost
    for services in holder:
        services.close()
    return int(code)
