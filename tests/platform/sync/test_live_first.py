"""A new kiosk at a station with history: live state first, history after (#15; docs/hub.md
"A new kiosk's first pull"). A real hub on loopback (SQLite and PostgreSQL), real kiosks: after
the live pass alone the newcomer shows the open shift, the stock and the open request without
holding the old uses and closed shifts; after the history it holds every event and its
projections equal those of a kiosk that pulled everything the old way (a hub without the call)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import text

from kiosk.platform.hub.live import window_start
from kiosk.platform.store import sync_store
from kiosk.platform.sync.client import HubClient, HubUnavailable
from kiosk.platform.sync.credentials import read_token
from kiosk.platform.sync.engine import SyncEngine
from tests.platform.store.test_convergence import projections
from tests.platform.sync.conftest import HubServer, SyncedKiosk
from tests.platform.sync.test_sync_e2e import hub_event_ids

TZ = ZoneInfo("Asia/Shanghai")  # the hub's and the kiosks' default
OLD_DAYS = 15  # days of history before today (the hub keeps the last 7 whole)


# A live page looks at 7 feed rows at most (10,000 in the field): this small station's live
# pass then takes many stretches, most of them with fewer live rows than asked.
HUB_EXTRA: dict[str, object] = {"live_scan_rows": 7}


class _Cut(httpx.BaseTransport):
    """Real HTTP to the hub, except one path: answered 404 (a hub without the call) or cut
    (the connection lost, as a round stopped after the live pass)."""

    def __init__(self, path: str, *, not_found: bool) -> None:
        self._inner = httpx.HTTPTransport()
        self._path = path
        self._not_found = not_found
        self.cut = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == self._path:
            self.cut += 1
            if self._not_found:
                body = httpx.ByteStream(b'{"detail":"Not Found"}')  # as FastAPI answers
                return httpx.Response(404, stream=body, request=request)
            raise httpx.ConnectError("connection lost", request=request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def _history(old: SyncedKiosk, now: datetime) -> dict[str, str]:
    """Fifteen days of a station: a morning shift and three uses a day, a restock on the first
    day, a request ordered ten days ago and still open, a shift open since nine days ago (its
    kiosk never swept it) and one open now. Closed before the window: a request completed and
    one cancelled, an umbrella lent and returned, a phone charged and collected (13 and 12
    days ago). Open, or closed in the window: an umbrella out since nine days ago, one lent
    ten days ago and returned three days ago, a phone left eleven days ago and collected two
    days ago, one left eight days ago and still charging."""
    services, clock = old.services, old.clock
    services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    services.roster.register("李强", "FZB-0002", "13800000002", "1234")
    services.roster.register("张伟", "FZB-0003", "13800000003", "1234")
    admin = services.duty.admin()
    services.medicine.restock(
        admin, "plaster", "P1", services.medicine.today() + timedelta(400), 12
    )
    services.lending.add_stock("umbrella", 5)
    made: dict[str, str] = {}
    codes: dict[str, tuple[str, str]] = {}  # charging: what -> (slot, code)
    for day in range(OLD_DAYS, 0, -1):
        clock.set(now - timedelta(days=day, hours=3))
        if day == 10:
            request = services.requests.order("wheelchair")
        services.shifts.clock_with_pin("13800000001", "1234")
        helper = services.requests.identify_pin("13800000001", "1234")
        if day in (13, 12):  # closed before the window
            done = services.requests.order("luggage")
            if day == 13:
                services.requests.cancel(done.id, helper.id, "left")
                made["cancelled"] = done.id
            else:
                services.requests.accept(done.id, helper.id)
                services.requests.complete(done.id, helper.id, "helped")
                made["completed"] = done.id
                lent = services.lending.borrow_with_phone("umbrella", "13900000012", consent=True)
                services.lending.return_loan(lent.loan.loan_id)
                made["returned_loan"] = lent.loan.loan_id
                started = services.charging.start("1")
                services.charging.collect_with_code("1", started.code)
                made["collected"] = started.session_id
        if day == 11:
            started = services.charging.start("2")
            codes["late"] = ("2", started.code)
            made["collected_in_window"] = started.session_id
        if day == 8:  # a phone left before the window, still charging
            made["charging"] = services.charging.start("3").session_id
        if day == 10:
            lent = services.lending.borrow_with_phone("umbrella", "13900000010", consent=True)
            made["returned_in_window"] = lent.loan.loan_id
        if day == 9:
            lent = services.lending.borrow_with_phone("umbrella", "13900000009", consent=True)
            made["out"] = lent.loan.loan_id
        if day == 3:
            services.lending.return_loan(made["returned_in_window"])
        if day == 2:
            services.charging.collect_with_code(*codes["late"])
        for service in ("water", "phone_charging", "water"):
            clock.advance(timedelta(minutes=20))
            services.uses.record(service, "rider")
        clock.advance(timedelta(hours=2))
        services.shifts.clock_with_pin("13800000001", "1234")
        if day == 9:  # and never checked out: a shift open since before the window
            services.shifts.clock_with_pin("13800000003", "1234")
    clock.set(now - timedelta(hours=1))
    services.shifts.clock_with_pin("13800000002", "1234")  # on duty now
    volunteer = services.duty.by_phone_pin("13800000002", "1234")
    services.medicine.dispense(volunteer, "plaster", 2, "cut_graze", "traveller")
    # served today at the station (its local day: an hour ago was yesterday there until 01:00)
    midnight = datetime.combine(now.astimezone(TZ).date(), time(), TZ)
    clock.set(max(now - timedelta(hours=1), midnight))
    services.uses.record("water", "traveller")
    clock.set(now)
    old.engine.sync_once()
    return made | {"request": request.id}


def _count(kiosk: SyncedKiosk, sql: str, **params: object) -> int:
    with kiosk.services.database.read() as session:
        return int(session.execute(text(sql), params).scalar_one())


# A request's, loan's or session's events (their id is in the payload, under its own key)
_OF_AGGREGATE = (
    "SELECT count(*) FROM events WHERE :aggregate IN (json_extract(payload, '$.request_id'),"
    " json_extract(payload, '$.loan_id'), json_extract(payload, '$.session_id'))"
)


def _ids(kiosk: SyncedKiosk, sql: str) -> set[str]:
    with kiosk.services.database.read() as session:
        return {str(r[0]) for r in session.execute(text(sql))}


def _engine(kiosk: SyncedKiosk, hub: HubServer, transport: httpx.BaseTransport) -> SyncEngine:
    token = read_token(kiosk.services.settings.data_dir)
    client = HubClient(hub.url, token, transport=transport)
    return SyncEngine(kiosk.services.database, client, kiosk.clock)


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_new_kiosk_is_ready_from_the_live_pass_and_whole_after_the_history(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    old = make_kiosk("south", start=now - timedelta(days=OLD_DAYS + 1))
    made = _history(old, now)
    since = window_start(now, TZ, 7)  # the hub's window (HUB_LIVE_DAYS=7), as it fixed it
    new = make_kiosk("north", start=now)

    # The live pass, then the history cut off: the round fails, the live state is kept.
    cut = _Cut("/v1/sync/pull", not_found=False)
    engine = _engine(new, hub, cut)
    with pytest.raises(HubUnavailable):
        engine.sync_once()
    assert cut.cut >= 1 and engine.status().history_pending
    on_duty = new.services.shifts.on_duty()
    assert sorted(d.volunteer.name for d in on_duty) == ["张伟", "李强"]
    assert new.services.medicine.offered("plaster").quantity == 10  # type: ignore[union-attr]
    assert [r.id for r in new.services.requests.open_requests()] == [made["request"]]
    assert new.services.uses.served_today() == old.services.uses.served_today() > 0
    uses = "SELECT count(*) FROM events WHERE kind = 'service.used'"
    assert _count(new, uses + " AND occurred_at < :t", t=since.replace(tzinfo=None)) == 0
    assert _count(new, uses) == _count(old, uses + " AND occurred_at >= :t", t=since) > 0
    closed_old = "SELECT count(*) FROM shifts WHERE status <> 'open' AND checked_in_at < :t"
    assert _count(old, closed_old, t=since.replace(tzinfo=None)) >= OLD_DAYS - 8
    assert _count(new, closed_old, t=since.replace(tzinfo=None)) == 0
    assert sorted(v.name for v in new.services.roster.all()) == ["张伟", "李强", "王芳"]
    # the loans out, the shelf and the phones still charging, as the old kiosk shows them
    assert [v.loan_id for v in new.services.lending.open_loans()] == [made["out"]]
    assert new.services.lending.stock("umbrella") == old.services.lending.stock("umbrella")
    assert new.services.lending.stock("umbrella").left == 4
    charging = "SELECT id FROM charging_sessions WHERE status = 'open'"
    assert _ids(new, charging) == _ids(old, charging) == {made["charging"]}
    # nothing of a ticket, loan or session closed before the window; what closed in it is held
    for gone in ("completed", "cancelled", "returned_loan", "collected"):
        assert _count(new, _OF_AGGREGATE, aggregate=made[gone]) == 0, gone
        assert _count(old, _OF_AGGREGATE, aggregate=made[gone]) >= 2, gone
    for kept, events in (("returned_in_window", 2), ("collected_in_window", 2), ("out", 1)):
        assert _count(new, _OF_AGGREGATE, aggregate=made[kept]) == events, kept
    assert _ids(new, "SELECT id FROM requests") == {made["request"]}
    engine.close()

    # A kiosk of an older hub's day (the call answers 404): everything by the pull, as before.
    legacy = make_kiosk("legacy", start=now)
    no_live = _Cut("/v1/sync/live", not_found=True)
    legacy_engine = _engine(legacy, hub, no_live)
    assert not legacy_engine.sync_once().history_pending and no_live.cut == 1
    legacy_engine.close()

    # The history: held events skipped, then every event of the station, and the same folds.
    status = new.engine.sync_once()
    assert status.last_error is None and not status.history_pending
    station = sorted(hub_event_ids(hub))
    for kiosk in (new, legacy):
        held = _count(kiosk, "SELECT count(*) FROM events")
        assert held == len(station)
        assert projections(kiosk.services.database) == projections(old.services.database)
    with new.services.database.read() as session:
        assert sync_store.state(session).live_state == "done"
    assert new.engine.sync_once().last_error is None  # and no second live pass


class _SmallLivePages(httpx.BaseTransport):
    """Live pages of 10 events (so a small station takes several), the connection lost at the
    `cut_at`-th live page; every `after` asked for is kept."""

    def __init__(self, cut_at: int | None) -> None:
        self._inner = httpx.HTTPTransport()
        self._cut_at = cut_at
        self.asked: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/sync/live":
            self.asked.append(request.url.params.get("after", ""))
            if len(self.asked) == self._cut_at:
                raise httpx.ConnectError("connection lost", request=request)
            request.url = request.url.copy_set_param("limit", "10")
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def test_a_live_pass_cut_off_resumes_where_it_was(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    old = make_kiosk("south", start=now - timedelta(days=OLD_DAYS + 1))
    _history(old, now)
    new = make_kiosk("north", start=now)
    first = _SmallLivePages(cut_at=3)
    engine = _engine(new, hub, first)
    with pytest.raises(HubUnavailable):
        engine.sync_once()
    engine.close()
    with new.services.database.read() as session:
        state = sync_store.state(session)
        kept, cursor = state.live_state, state.live_cursor
    held = _count(new, "SELECT count(*) FROM events")
    assert kept == "live" and cursor == first.asked[-1] != "" and held > 0  # two pages in

    again = _SmallLivePages(cut_at=None)
    engine = _engine(new, hub, again)
    assert engine.sync_once().last_error is None
    engine.close()
    assert again.asked[0] == cursor  # where it was, not from the start
    assert _count(new, "SELECT count(*) FROM events") == len(hub_event_ids(hub))
    assert projections(new.services.database) == projections(old.services.database)


def test_the_live_call_refuses_what_it_cannot_serve(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer
) -> None:
    kiosk = make_kiosk("north")
    token = read_token(kiosk.services.settings.data_dir)
    with httpx.Client(base_url=hub.url, timeout=30) as client:
        mine = {"Authorization": f"Bearer {token}"}
        bad = client.get("/v1/sync/live", params={"after": "1.0.0.0.0"}, headers=mine)
        assert bad.status_code == 422 and bad.json()["reason"] == "bad_cursor"
        big = client.get("/v1/sync/live", params={"limit": 1001}, headers=mine)
        assert big.status_code == 422
        stranger = {"Authorization": "Bearer " + "x" * 40}
        assert client.get("/v1/sync/live", headers=stranger).status_code == 401
        first = client.get("/v1/sync/live", headers=mine)
        assert first.status_code == 200 and first.json()["next_cursor"].startswith("L1.")
