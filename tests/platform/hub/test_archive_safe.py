"""Archiving a month of events changes nothing the hub shows or erases (#15, h0019).

The same station is played on two PostgreSQL hubs, event for event: a volunteer registered (an
old registration, name and phone in clear), the station's badge lifetime set, a shift checked
in and a request ordered, all in September; in November one hub archives September
(`archive_older_than`), the other does not. Then a check-out and an accept of that September
shift and request arrive, the centre opens its volunteers page, issues badges, finds the
volunteer by number (`station_member`), opens the ticket, and erases the volunteer at their
request. Every answer of the archiving hub equals the other's, each of which is checked for
what it must say; and after the erasure no row of either log, archived or not, names them."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, text

from kiosk.core.clock import FixedClock
from kiosk.features.volunteers.hub import station_member
from kiosk.platform.hub import partitions
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.repository import EVENTS_BY_ID
from tests.platform.hub.conftest import STATION, Hub, Kiosk, wire_event
from tests.platform.hub.test_event_partitions import _Served, _start, served  # noqa: F401
from tests.platform.hub.test_web_centre import PASSWORD, csrf_of, sign_in
from tools.pgtemp import TempPostgres

SEPT = datetime(2026, 9, 30, 22, 0, tzinfo=UTC)
NOV = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
TICKET = "654321"
NAME, NUMBER, PHONE = "王芳", "FZB-0001", "13800000001"


def _send(kiosk: Kiosk, kind: str, payload: dict[str, Any], at: datetime) -> None:
    event = wire_event(kiosk.kiosk_id, len(kiosk.events) + 1, kind=kind, payload=payload)
    event["occurred_at"] = at.isoformat()
    kiosk.events.append(event)
    response = kiosk.push([event])
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "applied"


def _live(kiosk: Kiosk) -> list[dict[str, Any]]:
    """A new kiosk's live pass (`/v1/sync/live`), every page."""
    out: list[dict[str, Any]] = []
    cursor = ""
    while True:
        response = kiosk.hub.client.get(
            "/v1/sync/live", params={"after": cursor, "limit": 1000}, headers=kiosk.auth
        )
        assert response.status_code == 200, response.text
        page = response.json()
        out += page["events"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return out


def _browser(hub: Hub) -> httpx.Client:
    client = httpx.Client(base_url=str(hub.client.base_url), timeout=30)
    assert sign_in(client, "boss", PASSWORD).status_code == 303
    return client


def _bare(html: str) -> str:
    """A page without what differs between any two renderings: its CSRF token, and a badge's
    serial (random)."""
    html = re.sub(r'name="csrf" value="[^"]+"', "", html)
    return re.sub(r"<td>[0-9A-Z]{10}</td>", "<td>(serial)</td>", html)


def _facts(engine: Engine) -> dict[str, Any]:
    with engine.connect() as db:
        shift = db.execute(text("SELECT status, minutes, credited FROM shift_facts")).all()
        tickets = db.execute(
            text("SELECT status, ticket, accepted_at, response_min FROM ticket_facts")
        ).all()
    return {"shifts": [tuple(r) for r in shift], "tickets": [tuple(r) for r in tickets]}


def _named_in_log(engine: Engine) -> list[str]:
    """Every stored event (in `events` or an archived month) whose payload names 王芳."""
    with engine.connect() as db:
        rows = db.execute(text("SELECT kind, CAST(payload AS text) FROM events_log")).all()
    return [str(kind) for kind, payload in rows if NAME in payload or PHONE in payload]


def _play(url: str, tmp_path: Path, served: list[_Served], archive: bool) -> dict[str, Any]:  # noqa: F811
    """The station's story on a fresh hub; what the centre and the kiosks were answered."""
    clock = FixedClock(SEPT)
    hub = _start(served, url, tmp_path, clock)
    hub.create_station()
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    kiosk = hub.enrol("k-1")
    registered = {"volunteer_id": "v-1", "name": NAME, "number": NUMBER, "phone": PHONE}
    _send(kiosk, "volunteer.registered", registered, SEPT)
    _send(kiosk, "badge.lifetime_set", {"setting": "badge_lifetime", "days": 90}, SEPT)
    shift = {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "badge"}
    _send(kiosk, "shift.checked_in", shift, SEPT)
    ordered = {"request_id": "r-1", "ticket": TICKET, "category": "luggage", "channel": "kiosk"}
    _send(kiosk, "request.ordered", ordered, SEPT)

    clock.set(NOV)
    engine = make_engine(url)
    try:
        done = partitions.archive_older_than(engine, NOV, keep_months=1) if archive else []
        assert [(a.table, a.rows) for a in done] == (
            [("events_archive.events_2026_09", 4)] if archive else []
        )
        # A kiosk that was offline since: the shift's check-out and the request's accept
        checked_out = {**shift}
        _send(kiosk, "shift.checked_out", checked_out, datetime(2026, 9, 30, 23, 30, tzinfo=UTC))
        accepted = {"request_id": "r-1", "volunteer_id": "v-1"}
        _send(kiosk, "request.accepted", accepted, datetime(2026, 9, 30, 22, 20, tzinfo=UTC))

        seen: dict[str, Any] = {"facts": _facts(engine)}
        # A kiosk enrolled now takes the station's whole history, September's too
        newcomer = hub.enrol("k-new")
        seen["live"] = [(p["event"]["kind"], p["event"]["payload"]) for p in _live(newcomer)]
        pulled = newcomer.pull_all()
        seen["pulled"] = [(p["event"]["kind"], p["event"]["payload"]) for p in pulled]
        seen["member"] = station_member(hub.app.state.database, STATION, NUMBER)
        boss = _browser(hub)
        try:
            page = boss.get("/centre/volunteers", params={"station": STATION})
            assert page.status_code == 200
            seen["volunteers"] = _bare(page.text)
            one = boss.get("/centre/volunteers/v-1", params={"station": STATION})
            seen["volunteer"] = (one.status_code, _bare(one.text))
            badge = boss.post(
                "/centre/volunteers/v-1/badge",
                params={"station": STATION},
                data={"csrf": csrf_of(one.text)},
            )
            seen["badge_page"] = badge.status_code
            issued = hub.client.post(
                "/v1/admin/badges",
                json={"station_id": STATION, "volunteer_id": "v-1"},
                headers=hub.admin,
            )
            seen["badge"] = (issued.status_code, issued.json().get("expires_on"))
            ticket = boss.get(f"/centre/tickets/{STATION}/{TICKET}")
            facts = (
                ticket.text.split('id="facts"')[1].split("</dl>")[0] if ticket.is_success else ""
            )
            seen["ticket"] = (ticket.status_code, facts)
            phone = hub.client.get(f"/t/{STATION}/{TICKET}")
            seen["phone"] = (phone.status_code, "已接单" in phone.text)

            privacy = boss.get("/centre/privacy", params={"station": STATION})
            erased = boss.post(
                "/centre/privacy/volunteer",
                params={"station": STATION},
                data={"csrf": csrf_of(privacy.text), "number": NUMBER, "confirm": "1"},
            )
            seen["erased"] = (erased.status_code, "已删除该志愿者的姓名和手机号" in erased.text)
            after = boss.get("/centre/volunteers", params={"station": STATION})
            seen["volunteers_after"] = _bare(after.text)
        finally:
            boss.close()
        seen["named_in_log"] = _named_in_log(engine)
        if archive:  # September dropped for good: the roster still knows the volunteer
            assert partitions.drop_archived(engine, "2026-09") == "events_archive.events_2026_09"
            member = station_member(hub.app.state.database, STATION, NUMBER)
            assert member is not None and member.volunteer_id == "v-1"
    finally:
        engine.dispose()
    return seen


def test_a_hub_that_archived_a_month_shows_and_erases_exactly_what_one_that_did_not_does(
    pg_cluster: TempPostgres,
    tmp_path: Path,
    served: list[_Served],  # noqa: F811
) -> None:
    plain = _play(pg_cluster.fresh_database("keeps"), tmp_path / "keeps", served, archive=False)
    archived = _play(pg_cluster.fresh_database("archs"), tmp_path / "archs", served, archive=True)

    # What the hub that keeps every month answers, as it must
    assert plain["facts"]["shifts"] == [("closed", 90, 90)]
    [(status, ticket, accepted_at, response_min)] = plain["facts"]["tickets"]
    assert (status, ticket, response_min) == ("accepted", TICKET, 20.0) and accepted_at
    member = plain["member"]
    assert member is not None and (member.volunteer_id, member.name) == ("v-1", NAME)
    assert NAME in plain["volunteers"] and NUMBER in plain["volunteers"]
    assert plain["volunteer"][0] == 200 and plain["badge_page"] == 200
    assert plain["badge"] == (201, "2027-02-18")  # the station's 90 days, set in September
    assert plain["ticket"][0] == 200 and f"{NAME} · {NUMBER}" in plain["ticket"][1]
    assert plain["phone"] == (200, True)
    # the live pass leaves out the closed shift of a day before its window (LIVE_SHIFTS)
    assert [kind for kind, _ in plain["live"]] == [
        "volunteer.registered",
        "badge.lifetime_set",
        "request.ordered",
        "request.accepted",
    ]
    assert [kind for kind, _ in plain["pulled"]] == [
        "volunteer.registered",
        "badge.lifetime_set",
        "shift.checked_in",
        "request.ordered",
        "shift.checked_out",
        "request.accepted",
    ]
    assert plain["erased"] == (200, True)
    assert NAME not in plain["volunteers_after"] and NUMBER in plain["volunteers_after"]
    assert plain["named_in_log"] == []

    # The hub that archived September answers the same, word for word
    for what in plain:
        assert archived[what] == plain[what], what


def test_a_reader_whose_window_starts_after_an_archived_month_never_reads_it(
    pg_cluster: TempPostgres,
    tmp_path: Path,
    served: list[_Served],  # noqa: F811
) -> None:
    """`events_log` costs a window that starts after the archived months' events nothing: the
    planner leaves them out (their `occurred_at` span, a CHECK made by the archive); a window
    reaching them reads them, and a refold's event read by id probes its month alone."""
    url = pg_cluster.fresh_database("plans")
    clock = FixedClock(SEPT)
    hub = _start(served, url, tmp_path, clock)
    hub.create_station()
    kiosk = hub.enrol("k-1")
    shift = {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "badge"}
    _send(kiosk, "shift.checked_in", shift, SEPT)
    clock.set(NOV)
    _send(kiosk, "shift.checked_out", shift, NOV)
    engine = make_engine(url)
    try:
        assert len(partitions.archive_older_than(engine, NOV, keep_months=1)) == 1
        read = "SELECT id FROM events_log WHERE station_id = :station AND occurred_at >= :start"

        def plan(start: datetime) -> str:
            with engine.connect() as db:
                rows = db.execute(text("EXPLAIN " + read), {"station": STATION, "start": start})
                return "\n".join(str(r[0]) for r in rows)

        assert "events_2026_09" not in plan(datetime(2026, 11, 1, tzinfo=UTC))  # (archived)
        assert "events_2026_09" in plan(datetime(2026, 9, 1, tzinfo=UTC))
        with engine.connect() as db:
            found = db.execute(text(read), {"station": STATION, "start": SEPT}).scalars().all()
            assert sorted(found) == sorted(e["id"] for e in kiosk.events)
        # September's id is read from its archived month, November's from its partition alone
        # (the months attached pruned at run time, the archive not reached). A month no longer
        # attached falls to the default partition's range, so an archived id probes that one
        # too: empty but for a hub stopped for months, with the id index of every partition.
        for event, month in zip(kiosk.events, ("events_2026_09", "events_2026_11"), strict=True):
            plan_of = probes(engine, event["id"])
            assert "rows=1" in plan_of.pop(month), month
            if month == "events_2026_09":
                assert "rows=0" in plan_of.pop("events_default")
            unread = [line for line in plan_of.values() if "never executed" in line]
            assert unread == list(plan_of.values()), plan_of
        # The month dropped by hand with CASCADE takes the view with it: the hub makes it again
        with engine.begin() as db:
            db.execute(text("DROP TABLE events_archive.events_2026_09 CASCADE"))
        assert partitions.ensure_log_view(engine) is True
        assert partitions.ensure_log_view(engine) is False  # there: nothing to do
        with engine.connect() as db:
            assert db.scalar(text("SELECT count(*) FROM events_log")) == 1  # November's
    finally:
        engine.dispose()


def probes(engine: Engine, event_id: str) -> dict[str, str]:
    """The tables a refold's read of one event by id (`EVENTS_BY_ID`) names in its plan, each
    with its scan's line (EXPLAIN ANALYZE: "never executed" where it was not read)."""
    sql = "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + EVENTS_BY_ID.format(columns="e.id")
    with engine.connect() as db:
        lines = [str(r[0]) for r in db.execute(text(sql), {"ids": [event_id]})]
    out = {}
    for line in lines:
        match = re.search(r" on (events_\w+)", line)
        if match and not match.group(1).startswith("events_log"):
            out[match.group(1)] = line
    return out
