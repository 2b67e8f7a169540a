"""The kiosk trusts nothing a hub sends (DESIGN §3): a hostile hub in front of a real one slips
bad events, bad cursors, bad configuration, huge and trickling bodies and endless 409s into
the replies. Each time the kiosk refuses what it could not have been sent, names it in its sync
state, bounds the round, and afterwards still writes locally and syncs with the real hub."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.app import _start_sync
from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.platform.store import eventlog, sync_store
from kiosk.platform.store.models import ConfigItemRow, EventRow
from kiosk.platform.sync.client import HubClient, HubError, HubUnavailable
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine, enroll
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.context import build_services
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tests.platform.sync.hostile import HostileHub, endless_body, json_answer, trickle
from tests.platform.sync.test_own_events import _corrupt as _lose
from tests.platform.sync.test_sync_ui import ADMIN_PIN, open_admin

PULL = "/v1/sync/pull"
PUSH = "/v1/sync/push"
BACKENDS = pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])


@pytest.fixture
def hostile(hub: HubServer) -> Iterator[HostileHub]:
    server = HostileHub(hub.url).start()
    yield server
    server.stop()


@pytest.fixture
def south(tmp_path: Path, hub: HubServer, hostile: HostileHub) -> Iterator[SyncedKiosk]:
    """The kiosk under test, enrolled through the hostile hub (which forwards to the real one)."""
    data_dir = tmp_path / "south"
    clock = FixedClock(datetime(2026, 11, 2, 0, 30, tzinfo=UTC))
    services = build_services(Settings(data_dir=data_dir, station_id=STATION), clock)
    with HubClient(hostile.url) as enrol_client:
        enroll(services.database, data_dir, enrol_client, hostile.url, hub.code(), clock.now())
    client = HubClient(hostile.url, read_token(data_dir))
    kiosk = SyncedKiosk(services, clock, SyncEngine(services.database, client, clock), client)
    yield kiosk
    client.close()
    services.close()


def _me(kiosk: SyncedKiosk) -> tuple[str, int]:
    with kiosk.services.database.read() as session:
        meta = eventlog.meta(session)
        return meta.kiosk_id, meta.last_seq


def _cursor(kiosk: SyncedKiosk) -> str:
    with kiosk.services.database.read() as session:
        return sync_store.state(session).cursor


def _event_count(kiosk: SyncedKiosk) -> int:
    with kiosk.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


def _has_event(kiosk: SyncedKiosk, event_id: str) -> bool:
    with kiosk.services.database.read() as session:
        return session.scalar(select(EventRow.pos).where(EventRow.id == event_id)) is not None


def _event(**fields: Any) -> dict[str, Any]:
    """A pulled event as a hub would send it: valid unless `fields` spoil it."""
    event: dict[str, Any] = {
        "id": new_id(),
        "kind": "shift.checked_in",
        "station_id": STATION,
        "kiosk_id": "k-other-exit",
        "seq": 1,
        "occurred_at": "2026-11-02T00:20:00+00:00",
        "actor": None,
        "payload": {"shift_id": new_id(), "volunteer_id": "v-other", "method": "pin"},
    }
    event.update(fields)
    return event


def _still_works(kiosk: SyncedKiosk, hostile: HostileHub, hub: HubServer) -> None:
    """Afterwards: a local write works, and a round with the real hub pushes it."""
    hostile.answers.clear()
    hostile.edits.clear()
    kiosk_id, _ = _me(kiosk)
    kiosk.services.roster.register("林静", f"FZB-{new_id()[-4:]}", "13800000042", "1234")
    status = kiosk.engine.sync_once()
    assert status.pending == 0 and status.last_error is None
    _, last_seq = _me(kiosk)
    acked = {k["kiosk_id"]: k["acked_seq"] for k in hub.admin("GET", "/v1/admin/kiosks").json()}
    assert acked[kiosk_id] == last_seq


# --- events the kiosk could not have been sent ------------------------------------------------


def _own(kiosk: SyncedKiosk) -> dict[str, Any]:
    kiosk_id, last_seq = _me(kiosk)
    return _event(kiosk_id=kiosk_id, seq=last_seq + 1)


BAD_EVENTS: dict[str, tuple[Callable[[SyncedKiosk], dict[str, Any]], str]] = {
    "own kiosk id": (_own, "this kiosk"),
    "another station": (lambda _k: _event(station_id="xmn-south", kiosk_id="k-xmn"), "station"),
    "invalid payload": (lambda _k: _event(payload={"shift_id": "s-1"}), "payload"),
    "year 1": (lambda _k: _event(occurred_at="0001-01-01T00:00:00+14:00"), "occurred_at"),
    "year 9999": (lambda _k: _event(occurred_at="9999-12-31T23:59:59-14:00"), "occurred_at"),
    "seq past SQLite": (lambda _k: _event(seq=2**70), "seq"),
    "lone surrogate": (lambda _k: _event(actor="\ud800"), "actor"),
    "lone surrogate in the payload": (
        lambda _k: _event(kind="locker.opened", payload={"note": "\udfff"}),
        "payload",
    ),
}


@BACKENDS
@pytest.mark.parametrize("bad", list(BAD_EVENTS))
def test_a_pulled_event_the_kiosk_could_not_have_been_sent_is_refused_alone(
    bad: str,
    south: SyncedKiosk,
    make_kiosk: Callable[..., SyncedKiosk],
    hostile: HostileHub,
    hub: HubServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    north = make_kiosk("north")  # the station's other exit, straight to the real hub
    north.services.roster.register("吴丽华", "FZB-0007", "13800000007", "1234")
    north.engine.sync_once()
    make, words = BAD_EVENTS[bad]
    spoiled = make(south)
    later = _event(seq=2)  # a good event after the bad one, in the same page
    real_cursor: list[str] = []

    def slip_in(page: dict[str, Any]) -> dict[str, Any]:
        real_cursor.append(page["next_cursor"])
        extra = [{"hub_seq": 1, "event": spoiled}, {"hub_seq": 2, "event": later}]
        return {**page, "events": page["events"] + extra}

    hostile.edit(PULL, slip_in, once=True)
    status = south.engine.sync_once()

    assert not _has_event(south, spoiled["id"])
    assert _has_event(south, later["id"])  # refused alone: the rest of the page is stored
    assert [v.name for v in south.services.roster.all()] == ["吴丽华"]
    assert _cursor(south) == real_cursor[0]  # the pull moved past it
    assert status.last_error is None
    assert status.refused == 1
    assert status.last_refusal is not None and words in status.last_refusal
    assert any(spoiled["id"][:36] in r.getMessage() for r in caplog.records)
    _still_works(south, hostile, hub)
    assert south.engine.status().refused == 1  # kept for staff to see


def test_an_event_of_a_kind_from_a_newer_build_is_still_kept(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    """Forward compatibility stays: a kind this build does not know is stored unfolded."""
    newer = _event(kind="locker.opened", payload={"locker": 3})
    hostile.edit(PULL, lambda page: {**page, "events": [{"hub_seq": 1, "event": newer}]}, once=True)
    assert south.engine.sync_once().refused == 0
    assert _has_event(south, newer["id"])
    _still_works(south, hostile, hub)


# --- cursors ------------------------------------------------------------------------------------


@BACKENDS
@pytest.mark.parametrize(
    "cursor",
    ["9.0.0.0.0", "1." + "9" * 100_000, "1.0.0.0.0\x00"],
    ids=["refused by the hub", "100 kB", "NUL"],
)
def test_a_bad_cursor_is_reset_to_a_full_pull_that_dedupes(
    cursor: str,
    south: SyncedKiosk,
    make_kiosk: Callable[..., SyncedKiosk],
    hostile: HostileHub,
    hub: HubServer,
) -> None:
    north = make_kiosk("north")
    north.services.roster.register("吴丽华", "FZB-0007", "13800000007", "1234")
    north.engine.sync_once()
    south.engine.sync_once()
    held = _event_count(south)
    good_cursor = _cursor(south)

    def spoil(page: dict[str, Any]) -> dict[str, Any]:
        return {**page, "next_cursor": cursor}

    hostile.edit(PULL, spoil, once=True)
    south.engine.sync_once()  # the hub hands out the bad cursor
    pulls = len(hostile.queries)
    status = south.engine.sync_once()  # and the kiosk recovers from it
    assert status.last_error is None
    assert _cursor(south) == good_cursor
    assert _event_count(south) == held  # the full pull stored nothing twice
    assert all(len(q.get("after", "")) <= 120 for q in hostile.queries)
    assert len(hostile.queries) - pulls <= 3
    _still_works(south, hostile, hub)


def test_a_cursor_that_does_not_move_ends_the_round(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    """ "More to come" with the cursor it was asked with: the kiosk stops instead of asking
    the same page a thousand times."""
    south.engine.sync_once()
    stuck = _cursor(south)
    hostile.edit(PULL, lambda page: {**page, "next_cursor": stuck, "has_more": True})
    pulls = len(hostile.queries)
    with pytest.raises(HubError, match="cursor"):
        south.engine.sync_once()
    assert len(hostile.queries) - pulls <= 3
    _still_works(south, hostile, hub)


# --- bounds on a round --------------------------------------------------------------------------

PEAK_SCRIPT = (
    "import sys\n"
    "from kiosk.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1]\n"
    "print('PEAK_KB', peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _sync_in_a_process(data_dir: Path) -> tuple[int, str, int]:
    """`python -m kiosk sync` in its own process: (exit code, stderr, peak RSS in kB)."""
    env = {**os.environ, "KIOSK_STATION_ID": STATION, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, "--data-dir", str(data_dir), "sync"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    peak = int(done.stderr.split("PEAK_KB")[1].split()[0])
    return done.returncode, done.stderr, peak


@BACKENDS
def test_a_300_mb_pull_body_is_cut_off_and_memory_stays_bounded(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    data_dir = south.services.settings.data_dir
    code, err, baseline = _sync_in_a_process(data_dir)
    assert code == 0, err
    hostile.answer(PULL, endless_body(300 * 1024 * 1024))
    started = time.monotonic()
    code, err, peak = _sync_in_a_process(data_dir)
    took = time.monotonic() - started
    print(
        f"\nkiosk peak RSS: {baseline / 1024:.0f} MB with a real hub, "
        f"{peak / 1024:.0f} MB under a 300 MB pull body ({took:.1f} s)"
    )
    assert code == 1 and "too large" in err, err
    assert peak - baseline < 40 * 1024, (baseline, peak)
    assert hostile.counts[PULL] <= 1 + 1 + 11  # halving the page size 1000 → 1, then it stops
    _still_works(south, hostile, hub)


@BACKENDS
def test_a_real_page_too_large_to_read_whole_comes_in_smaller_pages(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    """The cut-off must not cost a genuine hub: eight 700 kB publications are more than one
    page may hold, so the kiosk asks for smaller pages (the hub pages config by `limit` too)."""
    for version in range(1, 9):
        item = {"id": "plaster", "name_zh": "创可贴", "name_en": "Plaster", "unit_zh": "片"}
        body = {"items": [{**item, "unit_en": "piece"}], "note": f"{version}" + "x" * 700_000}
        published = hub.admin(
            "POST",
            "/v1/admin/config",
            json={"kind": "medicine_items", "station_id": STATION, "body": body},
        )
        assert published.status_code == 201, published.text
    status = south.engine.sync_once()
    assert status.last_error is None and status.refused == 0
    with south.services.database.read() as session:
        row = session.get(ConfigItemRow, ("medicine_items", STATION))
        assert row is not None and row.version == 8
    assert min(int(q["limit"]) for q in hostile.queries) < 1000


def test_a_trickling_reply_is_cut_off_by_the_round_deadline(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    engine = SyncEngine(south.services.database, south.client, south.clock, round_deadline_s=2.0)
    hostile.answer(PULL, trickle(0.2))  # a byte every 0.2 s: no single read ever times out
    started = time.monotonic()
    with pytest.raises(HubUnavailable, match="deadline"):
        engine.sync_once()
    assert time.monotonic() - started < 2.0 + 1.5
    assert "deadline" in (engine.status().last_error or "")
    _still_works(south, hostile, hub)


@BACKENDS
@pytest.mark.parametrize("expected_seq", [1, 10**9])
def test_endless_409s_end_the_round_with_an_error(
    expected_seq: int, south: SyncedKiosk, hostile: HostileHub, hub: HubServer
) -> None:
    south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    body = {"detail": "gap", "reason_zh": "序号不连续", "expected_seq": expected_seq}
    hostile.answer(PUSH, json_answer(body, 409))
    with pytest.raises(HubError, match="409"):
        south.engine.sync_once()
    assert hostile.counts[PUSH] <= 4
    status = south.engine.status()
    assert status.pending == 2 and "409" in (status.last_error or "")
    _still_works(south, hostile, hub)


# --- configuration ------------------------------------------------------------------------------


def _config(kind: str, body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "position": 9000,
        "kind": kind,
        "station_id": STATION,
        "version": 900,
        "published_at": "2026-11-02T00:00:00+00:00",
        "body": body,
    }
    item.update(fields)
    return item


@BACKENDS
def test_configuration_the_kiosk_cannot_read_is_skipped_and_named(
    south: SyncedKiosk, hostile: HostileHub, hub: HubServer, caplog: pytest.LogCaptureFixture
) -> None:
    volunteer = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    badge = hub.admin("POST", "/v1/admin/badges", json={"volunteer_id": volunteer.id})
    south.engine.sync_once()  # the hub's badge key arrives
    south.services.refresh_config()
    bad = [
        _config("badge_public_key", {"keys": {"k1": "not-a-key"}}, station_id=None),
        _config("roster", {"volunteers": [{"volunteer_id": "v-1"}]}),
        _config("catalogue", {"services": []}, station_id="xmn-south"),
        _config("announcements", {"announcements": []}, published_at="0001-01-01T00:00:00+14:00"),
        _config("charging_slots", {"slots": []}, version=2**70),
    ]
    hostile.edit(PULL, lambda page: {**page, "config": page["config"] + bad}, once=True)
    status = south.engine.sync_once()
    assert status.last_error is None
    assert status.refused == len(bad)
    with south.services.database.read() as session:
        versions = {(r.kind, r.scope): r.version for r in session.scalars(select(ConfigItemRow))}
    assert versions == {("badge_public_key", "*"): 1}
    south.services.refresh_config()
    south.services.shifts.scan_badge(badge.json()["token"])  # the hub's real key still verifies
    assert any("badge_public_key" in r.getMessage() for r in caplog.records)
    _still_works(south, hostile, hub)


# --- what staff see -----------------------------------------------------------------------------


def test_the_admin_screen_shows_what_the_kiosk_refused(
    qtbot: QtBot, south: SyncedKiosk, hostile: HostileHub
) -> None:
    """The running kiosk's own sync thread meets an event of another station: the admin's
    sync panel names it, and the kiosk goes on syncing."""
    south.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    settings = Settings(
        data_dir=south.services.settings.data_dir, station_id=STATION, language="en"
    )
    window = build_window(
        settings,
        lambda: south.services.shifts.local_time(south.clock.now()),
        has_camera=lambda: False,
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.attach_services(south.services)
    stranger = _event(station_id="xmn-south", kiosk_id="k-xmn")
    hostile.edit(PULL, lambda page: {**page, "events": [{"hub_seq": 1, "event": stranger}]})
    thread = _start_sync(south.services, window)
    assert thread is not None
    try:
        open_admin(qtbot, window)
        label = window.flow("admin").console.sync_label
        qtbot.waitUntil(lambda: "Refused from the hub: 1" in label.text(), timeout=20_000)
        assert "belongs to station xmn-south" in label.text()
        assert "Last error" not in label.text()
        assert not _has_event(south, stranger["id"])
    finally:
        thread.shutdown()
        window.allow_close()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_restored_kiosk_refuses_another_kiosks_event_sent_as_its_own(
    make_kiosk: Callable[..., SyncedKiosk], hostile: HostileHub, hub: HubServer, tmp_path: Path
) -> None:
    """Taking back its own events after losing its database, the kiosk stores only its own:
    anything else ends the round with an error, and the real hub's answer is taken next time."""
    kiosk = make_kiosk("north")
    for i in range(3):
        kiosk.services.roster.register(f"志愿者{i}", f"N-{i}", f"1390000000{i}", "1234")
    kiosk.engine.sync_once()
    database = kiosk.services.settings.database_path
    kiosk.services.close()
    _lose(database)
    fresh = build_services(Settings(data_dir=tmp_path / "north", station_id=STATION), kiosk.clock)
    client = HubClient(hostile.url, read_token(tmp_path / "north"))
    engine = SyncEngine(fresh.database, client, kiosk.clock)
    stranger = _event()

    def slip_in(page: dict[str, Any]) -> dict[str, Any]:
        return {**page, "events": [*page["events"], stranger]}

    hostile.edit("/v1/sync/own-events", slip_in, once=True)
    try:
        with pytest.raises(HubError, match="k-other-exit"):
            engine.sync_once()
        assert fresh.roster.all() == []  # nothing of that page was stored
        assert engine.sync_once().pending == 0
        assert {v.name for v in fresh.roster.all()} == {"志愿者0", "志愿者1", "志愿者2"}
    finally:
        client.close()
        fresh.close()
