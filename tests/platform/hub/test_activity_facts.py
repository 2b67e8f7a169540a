"""The centre's activities page from its read model (#15, hub migration h0025): over more than
5,000 sign-ins pushed by kiosks (duplicates from two kiosks, sign-ins pushed before their
activity, a cancellation, a credit, activities outside the range), the totals line, the pages
together and the CSV equal a direct SQL count over the stored events and the kiosks' own fold
of them; a station's admin sees their station's; a rebuild equals the live table; the migration
goes down and fills the table coming up. Over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text

from kiosk.core.events import Event
from kiosk.features.activities import hub_facts as facts
from kiosk.features.activities.domain import fold_activity
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import ActivityFact, HubEvent
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import OTHER, centre, signed_in  # noqa: F401

RANGE = {"from": "2026-11-01", "to": "2026-11-30"}  # Beijing days
LO, HI = "2026-10-31T16:00:00+00:00", "2026-11-30T16:00:00+00:00"  # the same in UTC
FIRST = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
ACTIVITIES = 60  # a station; with 45-54 people each: > 5,000 sign-ins in all
BATCH = 500


def _push(kiosk: Kiosk, events: list[dict[str, Any]]) -> None:
    for i in range(0, len(events), BATCH):
        response = kiosk.push(events[i : i + BATCH])
        assert response.status_code == 200, response.text


def _created(kiosk: Kiosk, station: str, activity: str, starts: datetime) -> list[dict[str, Any]]:
    payload = {
        "activity_id": activity,
        "title": f"活动 {activity}",
        "kind": "meeting",
        "place": "会议室",
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(),
        "invited": [f"v-{n:03d}" for n in range(3)] if activity.endswith("7") else [],
    }
    return kiosk.write(
        1,
        station_id=station,
        kind="activity.created",
        payload=payload,
        occurred_at=starts - timedelta(days=1),
    )


def _signed(
    kiosk: Kiosk, station: str, activity: str, people: range, at: datetime
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n in people:
        payload = {"activity_id": activity, "volunteer_id": f"v-{n:03d}", "method": "badge"}
        when = at + timedelta(seconds=n)
        out += kiosk.write(
            1, station_id=station, kind="activity.signed_in", payload=payload, occurred_at=when
        )
    return out


def _seed(hub: Hub, activities: int = ACTIVITIES) -> None:
    """Each station's activities in the range, people signing in at two kiosks (the first
    five of every third activity twice), one cancelled, one credited; at the west station one
    activity's sign-ins pushed before it, and activities just outside the range."""
    west_a, west_b = hub.enrol("k-wa"), hub.enrol("k-wb")
    south_a, south_b = hub.enrol("k-sa", OTHER), hub.enrol("k-sb", OTHER)
    for station, first, second in ((STATION, west_a, west_b), (OTHER, south_a, south_b)):
        mine: list[dict[str, Any]] = []
        again: list[dict[str, Any]] = []
        for i in range(activities):
            activity = f"a-{station[-5:]}-{i:03d}"
            starts = FIRST + timedelta(hours=10 * i)
            mine += _created(first, station, activity, starts)
            mine += _signed(first, station, activity, range(45 + i % 10), starts)
            if i % 3 == 0:
                later = starts + timedelta(minutes=5)
                again += _signed(second, station, activity, range(5), later)
        cancelled = {"activity_id": f"a-{station[-5:]}-001", "reason": "雨"}
        mine += first.write(1, station_id=station, kind="activity.cancelled", payload=cancelled)
        credited = {
            "activity_id": f"a-{station[-5:]}-002",
            "minutes": 90,
            "volunteer_ids": ["v-000", "v-001"],
            "shift_ids": ["sh-c-0", "sh-c-1"],
        }
        mine += first.write(1, station_id=station, kind="activity.hours_credited", payload=credited)
        for outside, starts in (
            ("a-old", datetime(2026, 10, 31, 15, 30, tzinfo=UTC)),  # 23:30 on 31 Oct in Beijing
            ("a-next", datetime(2026, 11, 30, 16, 30, tzinfo=UTC)),  # 00:30 on 1 Dec
        ):
            mine += _created(first, station, f"{outside}-{station[-5:]}", starts)
            mine += _signed(first, station, f"{outside}-{station[-5:]}", range(7), starts)
        _push(first, mine)
        _push(second, again)
    early = "a-early"  # its sign-ins reach the hub first, from the other kiosk
    starts = FIRST + timedelta(days=3, hours=3)
    _push(west_b, _signed(west_b, STATION, early, range(12), starts))
    _push(west_a, _created(west_a, STATION, early, starts))


def _json(database_is_pg: bool, alias: str, name: str) -> str:
    if database_is_pg:
        return f"({alias}.payload->>'{name}')"
    return f"json_extract({alias}.payload, '$.{name}')"


def _sql_totals(hub: Hub, stations: list[str]) -> tuple[int, int]:
    """(activities, distinct people signed in to them) starting in the range, in SQL over the
    stored events."""
    pg = hub.app.state.database.is_postgres
    c_act, c_at = _json(pg, "c", "activity_id"), _json(pg, "c", "starts_at")
    s_act, s_vol = _json(pg, "s", "activity_id"), _json(pg, "s", "volunteer_id")
    listed = ", ".join(f"'{s}'" for s in stations)
    created = (
        f"SELECT DISTINCT c.station_id, {c_act} AS act FROM events c"
        f" WHERE c.kind = 'activity.created' AND {c_at} >= '{LO}' AND {c_at} < '{HI}'"
        f" AND c.station_id IN ({listed})"
    )
    with hub.app.state.database.engine.connect() as connection:
        activities = connection.execute(text(f"SELECT count(*) FROM ({created}) x")).scalar_one()
        signed = connection.execute(
            text(
                f"SELECT count(*) FROM (SELECT DISTINCT s.station_id, {s_act}, {s_vol}"
                f" FROM events s JOIN ({created}) x"
                f" ON x.station_id = s.station_id AND x.act = {s_act}"
                " WHERE s.kind = 'activity.signed_in') y"
            )
        ).scalar_one()
    return int(activities), int(signed)


def _folded(hub: Hub) -> dict[str, Any]:
    """Each activity in the range as the kiosks' fold gives it from the stored events, by
    title: (signed in, who in order, invited, cancelled, credited minutes)."""
    by_id: dict[tuple[str, str], list[Event]] = defaultdict(list)
    e = HubEvent
    columns = (e.id, e.kind, e.station_id, e.kiosk_id, e.seq, e.occurred_at, e.actor, e.payload)
    with hub.app.state.database.read() as session:
        for row in session.execute(select(*columns).where(e.kind.like("activity.%"))):
            event = read_models.as_event(dict(row._mapping))
            by_id[(event.station_id, str(event.payload["activity_id"]))].append(event)
    out = {}
    lo, hi = datetime.fromisoformat(LO), datetime.fromisoformat(HI)
    for events in by_id.values():
        state = fold_activity(events)
        if state is not None and lo <= state.starts_at < hi:
            out[state.title] = (
                len(state.sign_ins),
                [s.volunteer_id for s in state.sign_ins],
                len(state.invited),
                state.cancelled,
                state.credited_minutes,
            )
    return out


def _stored(hub: Hub) -> list[tuple[Any, ...]]:
    with hub.app.state.database.read() as session:
        rows = session.execute(select(ActivityFact).order_by(*ActivityFact.__table__.primary_key))
        return [tuple(getattr(f, c.key) for c in ActivityFact.__table__.columns) for (f,) in rows]


def _walk(client: httpx.Client) -> tuple[str, list[tuple[str, int, str]]]:
    """The first page's totals line and every page's (title, signed in, who), by 'next'."""
    page = client.get("/centre/activities", params=RANGE)
    assert page.status_code == 200
    totals = re.search(r'id="totals">([^<]+)<', page.text)
    assert totals is not None
    row = (
        r'<tr class="activity"[^>]*>.*?<td>(活动 [^<]+)<br>'
        r'.*?<td class="num">(\d+)</td>\s*<td>([^<]*)</td></tr>'
    )
    lines: list[tuple[str, int, str]] = []
    while True:
        found = re.search(r'id="totals">([^<]+)<', page.text)
        assert found is not None and found.group(1) == totals.group(1)  # every page: all lines
        lines += [(t, int(n), who) for t, n, who in re.findall(row, page.text, re.S)]
        nxt = re.search(r'href="([^"]+)" id="page-next"', page.text)
        if nxt is None:
            return totals.group(1), lines
        page = client.get(nxt.group(1).replace("&amp;", "&"))
        assert page.status_code == 200


def test_over_five_thousand_sign_ins_every_figure_is_the_events(
    centre: Hub,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(facts, "CHUNK", 7)  # the CSV's reads cross many keyset boundaries
    _seed(centre)
    activities, signed = _sql_totals(centre, [STATION, OTHER])
    assert activities == 2 * ACTIVITIES + 1 and signed > 5000
    folded = _folded(centre)
    assert len(folded) == activities and sum(f[0] for f in folded.values()) == signed

    boss = signed_in(centre, "boss")
    totals, lines = _walk(boss)
    assert totals == f"共 {activities} 项活动，签到 {signed} 人次"
    assert len(lines) == activities and {t for t, _, _ in lines} == set(folded)
    assert sum(n for _, n, _ in lines) == signed
    for title, n, who in lines:  # nobody registered: each shown by id, in sign-in order
        assert (n, who.split("、")) == folded[title][:2]

    exported = boss.get("/centre/activities", params={**RANGE, "format": "csv"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == activities
    assert sum(int(r["signed_in"]) for r in rows) == signed
    for r in rows:
        n, who, invited, cancelled, credited = folded[r["title"]]
        assert (int(r["signed_in"]), r["who"].split("; "), int(r["invited"])) == (n, who, invited)
        assert r["cancelled"] == str(int(cancelled))
        assert r["credited_minutes"] == ("" if credited is None else str(credited))
    assert sum(r["cancelled"] == "1" for r in rows) == 2
    assert sum(r["credited_minutes"] == "90" for r in rows) == 2

    west = signed_in(centre, "west")  # a station's admin: their station's lines and totals
    own, own_signed = _sql_totals(centre, [STATION])
    totals, lines = _walk(west)
    assert totals == f"共 {own} 项活动，签到 {own_signed} 人次"
    assert len(lines) == own == ACTIVITIES + 1

    # A rebuild from the log gives the same rows as those kept with each push.
    live = _stored(centre)
    assert len(live) == 2 * (ACTIVITIES + 2) + 1
    read_models.rebuild(centre.app.state.database, centre.app.state.settings)
    assert _stored(centre) == live


def test_the_migration_goes_down_and_fills_the_table_coming_up(
    centre: Hub,  # noqa: F811
    database_url: str,
) -> None:
    _seed(centre, activities=4)
    live = _stored(centre)
    assert len(live) == 2 * (4 + 2) + 1
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0023", down=True)
        migrate(engine, "h0025")
    finally:
        engine.dispose()
    assert _stored(centre) == live
    boss = signed_in(centre, "boss")
    totals, lines = _walk(boss)
    activities, signed = _sql_totals(centre, [STATION, OTHER])
    assert totals == f"共 {activities} 项活动，签到 {signed} 人次" and len(lines) == activities


def test_the_phone_page_reads_its_activity_from_the_table(centre: Hub) -> None:  # noqa: F811
    """The QR's page shows the sheet the fold gives: an activity whose sign-ins came first
    shows them all once its creation arrives; one never created is a 404 with the reason."""
    _seed(centre, activities=1)
    shown = centre.client.get(f"/a/{STATION}/a-early")
    assert shown.status_code == 200
    assert "活动 a-early" in shown.text and "已签到 12 人" in shown.text
    missing = centre.client.get(f"/a/{STATION}/a-never")
    assert missing.status_code == 404 and "没有这个活动" in missing.text
