"""The training and rota pages from their read models (#15, h0024), over more than 5,000 lines
on SQLite and PostgreSQL: records and rota lines pushed by one kiosk, their corrections, voids
and removals by another (some before what they change, some after); the totals shown equal a
SQL count over the events, the pages hold every line once in the page's order, the CSV every
line, the tables equal a rebuild, and a hub upgraded past h0024 fills them from its events."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, select, text

from kiosk.core.ids import new_id
from kiosk.features.rota.hub import WEEKDAYS
from kiosk.hub_app import create_app
from kiosk.platform.hub import read_models
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import HubEvent, HubRotaLine, HubTrainingRecord
from tests.platform.hub.conftest import STATION, Hub, Kiosk
from tests.platform.hub.test_centre_people_pages import _csv, _of, _push, _walk, people
from tests.platform.hub.test_hub_station_names import migrate
from tests.platform.hub.test_web_centre import OTHER, centre, signed_in  # noqa: F401

__all__ = ["people"]  # the fixture, used by name

TRAINING = {STATION: 5_000, OTHER: 600}
ROTA = {STATION: 5_000, OTHER: 600}
TRAINING_ROW = (
    r'<tr class="line [a-z]+"><td>([^<]*) <small>([^<]*)</small></td>.*?<td>(RC-[^<]+)</td>'
)
ROTA_ROW = (
    r'<tr class="rota-line" data-station="([^"]+)">\s*<td>[^<]*</td>'
    r"\s*<td>([^<(]+) \(([^)]+)\)</td>\s*<td>([^<]+)</td>"
)


def _training(
    station: str, mine: list[str], n: int, today: date
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """The records (kind, payload) and the changes another kiosk makes: every 7th corrected to
    expire in 5 days, every 13th voided; every 11th has no expiry."""
    made, changed = [], []
    for i in range(n):
        tid = f"tr-{station}-{i:05d}"
        payload: dict[str, Any] = {
            "training_id": tid,
            "volunteer_id": mine[i % len(mine)],
            "kind": "first_aid" if i % 2 else "epidemic",
            "trained_on": "2026-01-10",
            "trainer": "红十字会",
            "certificate_no": f"RC-{station}-{i:05d}",
        }
        if i % 11:
            payload["expires_on"] = (today + timedelta(days=i % 90 - 20)).isoformat()
        made.append(("training.recorded", payload))
        if i % 7 == 0:
            expires = (today + timedelta(days=5)).isoformat()
            changed.append(("training.corrected", {"training_id": tid, "expires_on": expires}))
        if i % 13 == 0:
            changed.append(("training.voided", {"training_id": tid, "reason": "mistake"}))
    return made, changed


def _send(kiosk: Kiosk, station: str, items: list[tuple[str, dict[str, Any]]]) -> None:
    events = []
    for kind, payload in items:
        events += kiosk.write(1, station_id=station, kind=kind, payload=payload)
    _push(kiosk, events)


def _sql(centre: Hub, query: str, **params: Any) -> tuple[Any, ...]:  # noqa: F811
    with centre.app.state.database.engine.connect() as connection:
        return tuple(connection.execute(text(query), params).one())


def _rows(engine: Engine) -> dict[str, set[tuple[str, ...]]]:
    with engine.connect() as connection:
        return {
            m.__tablename__: {
                tuple(repr(v) for v in r) for r in connection.execute(select(m.__table__))
            }
            for m in (HubTrainingRecord, HubRotaLine)
        }


def test_training_over_5000_records_totals_equal_sql_over_the_events(
    centre: Hub,  # noqa: F811
    people: dict[str, tuple[str, str, str]],
) -> None:
    state = centre.app.state
    today = state.clock.now().astimezone(state.tz).date()  # the page's day, in the hub's zone
    for station, n in TRAINING.items():
        made, changed = _training(station, _of(people, station), n, today)
        first, second = (
            centre.enrol(f"k-a-{station}", station),
            centre.enrol(f"k-b-{station}", station),
        )
        half = len(made) // 2
        _send(first, station, made[:half])  # half recorded before their changes,
        _send(second, station, changed)  # half changed before they are recorded
        _send(first, station, made[half:])
    cut = (today + timedelta(days=30)).isoformat()
    shown_all, attention = _sql(
        centre,
        "WITH t AS (SELECT payload ->> 'training_id' AS id,"
        " max(CASE WHEN kind = 'training.recorded' THEN 1 ELSE 0 END) AS recorded,"
        " max(CASE WHEN kind = 'training.voided' THEN 1 ELSE 0 END) AS voided,"
        " max(CASE WHEN kind = 'training.corrected' THEN payload ->> 'expires_on' END) AS fixed,"
        " max(CASE WHEN kind = 'training.recorded' THEN payload ->> 'expires_on' END) AS expires"
        " FROM events WHERE kind LIKE 'training.%' GROUP BY payload ->> 'training_id')"
        " SELECT sum(CASE WHEN recorded = 1 AND voided = 0 THEN 1 ELSE 0 END),"
        " sum(CASE WHEN recorded = 1 AND voided = 0 AND coalesce(fixed, expires) <= :cut"
        " THEN 1 ELSE 0 END) FROM t",
        cut=cut,
    )
    assert shown_all > 5_000 and 500 < attention < shown_all
    boss = signed_in(centre, "boss")
    assert f"共 {shown_all} 行" in boss.get("/centre/training", params={"show": "all"}).text
    pages = _walk(boss, "/centre/training", {}, TRAINING_ROW)
    seen = [r for p in pages for r in p]
    assert f"共 {attention} 行" in boss.get("/centre/training").text
    assert [len(p) for p in pages] == [500] * (attention // 500) + [attention % 500]
    # the lines in the page's order: station, expiry (corrected), the volunteer's number
    expiry: dict[str, tuple[str, str]] = {}
    for station, n in TRAINING.items():
        made, changed = _training(station, _of(people, station), n, today)
        voided = {p["training_id"] for k, p in changed if k == "training.voided"}
        fixed = {p["training_id"]: p["expires_on"] for k, p in changed if k == "training.corrected"}
        for _, p in made:
            if p["training_id"] not in voided:
                e = fixed.get(p["training_id"], p.get("expires_on", ""))
                expiry[p["certificate_no"]] = (station, e)
    number = {c: people[v][2] for c, v in _holders(people).items()}
    expected = sorted((s, e, number[c], c) for c, (s, e) in expiry.items() if e and e <= cut)
    assert [c for _, _, c in seen] == [c for _, _, _, c in expected]
    by_number = {n: name for _, name, n in people.values()}
    assert all(by_number[n] == name for name, n, _ in seen)
    rows = _csv(boss, "/centre/training", {})
    assert [r["certificate_no"] for r in rows] == [c for _, _, c in seen]
    stored = _sql(centre, "SELECT count(*) FROM training_records WHERE listed")
    assert stored == (shown_all,)
    live = _rows(centre.app.state.database.engine)
    read_models.rebuild(centre.app.state.database, centre.app.state.settings)
    assert _rows(centre.app.state.database.engine) == live


def _holders(people: dict[str, tuple[str, str, str]]) -> dict[str, str]:
    """certificate -> volunteer, as `_training` hands them out."""
    out: dict[str, str] = {}
    for station, n in TRAINING.items():
        mine = _of(people, station)
        for i in range(n):
            out[f"RC-{station}-{i:05d}"] = mine[i % len(mine)]
    return out


def _rota(
    station: str, mine: list[str], n: int, start: datetime, today: date
) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, dict[str, Any]]]]:
    """Lines (every 3rd a weekly pattern, the rest one-offs), and what another kiosk writes:
    every 17th removed, every 19th a no-show (not the line's: it changes nothing)."""
    made, changed = [], []
    for i in range(n):
        rid = f"r-{station}-{i:05d}"
        who = mine[i % len(mine)]
        if i % 3 == 0:
            hour = 6 + i % 12
            made.append(
                (
                    "rota.pattern_set",
                    {
                        "rota_id": rid,
                        "volunteer_id": who,
                        "weekday": i % 7,
                        "starts": f"{hour:02d}:{i * 5 % 60:02d}",
                        "ends": f"{hour + 2:02d}:00",
                        "valid_from": today.isoformat(),
                        "valid_until": (today + timedelta(days=i)).isoformat(),
                    },
                )
            )
        else:
            at = start + timedelta(minutes=15 * i)
            made.append(
                (
                    "rota.shift_set",
                    {
                        "rota_id": rid,
                        "volunteer_id": who,
                        "starts_at": at.isoformat(),
                        "ends_at": (at + timedelta(hours=1)).isoformat(),
                    },
                )
            )
        if i % 17 == 0:
            changed.append(("rota.removed", {"rota_id": rid}))
        if i % 19 == 0:
            no_show = {
                "rota_id": rid,
                "volunteer_id": who,
                "number": "",
                "day": today.isoformat(),
                "starts_at": start.isoformat(),
                "ends_at": (start + timedelta(hours=1)).isoformat(),
            }
            changed.append(("rota.no_show", no_show))
    return made, changed


def _rota_order(line: tuple[str, str, str, str]) -> tuple[str, int, str, str]:
    """The page's order of a line as shown: station, weekday (one-offs last), time, number."""
    station, _, number, when = line
    if when.startswith("每周"):
        return station, WEEKDAYS.index(when[2]), when.split(" ")[1][:5], number
    return station, 7, when[:16], number


def test_rota_over_5000_lines_totals_equal_sql_over_the_events(
    centre: Hub,  # noqa: F811
    people: dict[str, tuple[str, str, str]],
) -> None:
    today = datetime.now(UTC).date()
    start = (datetime.now(UTC) + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    for station, n in ROTA.items():
        made, changed = _rota(station, _of(people, station), n, start, today)
        first, second = (
            centre.enrol(f"k-a-{station}", station),
            centre.enrol(f"k-b-{station}", station),
        )
        half = len(made) // 2
        _send(first, station, made[:half])
        _send(second, station, changed)  # removals of lines set before, and of lines set after
        _send(first, station, made[half:])
    (expected,) = _sql(
        centre,
        "WITH t AS (SELECT payload ->> 'rota_id' AS id,"
        " max(CASE WHEN kind IN ('rota.pattern_set', 'rota.shift_set') THEN 1 ELSE 0 END) AS made,"
        " max(CASE WHEN kind = 'rota.removed' THEN 1 ELSE 0 END) AS removed"
        " FROM events WHERE kind LIKE 'rota.%' GROUP BY payload ->> 'rota_id')"
        " SELECT sum(CASE WHEN made = 1 AND removed = 0 THEN 1 ELSE 0 END) FROM t",
    )
    assert expected > 5_000
    boss = signed_in(centre, "boss")
    first_page = boss.get("/centre/rota").text
    assert f"共 {expected} 条排班" in first_page and f"共 {expected} 行" in first_page
    pages = _walk(boss, "/centre/rota", {}, ROTA_ROW)
    assert [len(p) for p in pages] == [500] * (expected // 500) + [expected % 500]
    seen = [tuple(r) for p in pages for r in p]
    assert len(set(seen)) == expected  # every line once
    assert seen == sorted(seen, key=_rota_order)  # in the page's order across pages
    by_number = {(s, n): name for s, name, n in people.values()}
    assert all(by_number[(s, n)] == name for s, name, n, _ in seen)
    rows = _csv(boss, "/centre/rota", {})
    assert [(r["station"], r["volunteer"], r["number"], r["when"]) for r in rows] == seen
    stored = _sql(centre, "SELECT count(*) FROM rota_lines WHERE listed")
    assert stored == (expected,)
    live = _rows(centre.app.state.database.engine)
    read_models.rebuild(centre.app.state.database, centre.app.state.settings)
    assert _rows(centre.app.state.database.engine) == live


def test_a_hub_upgraded_past_h0024_fills_records_and_lines_from_its_events(
    settings: Any, database_url: str
) -> None:
    today = datetime.now(UTC).date()
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    training, voids = _training(STATION, ["v-1", "v-2"], 40, today)
    rota, removals = _rota(STATION, ["v-1", "v-2"], 40, start, today)
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0023")
        with engine.begin() as db:
            at = datetime.now(UTC)
            for seq, (kind, payload) in enumerate(voids + training + rota + removals, 1):
                db.execute(
                    HubEvent.__table__.insert().values(
                        id=new_id(),
                        station_id=STATION,
                        kiosk_id="k-1",
                        seq=seq,
                        kind=kind,
                        occurred_at=at,
                        received_at=at,
                        actor=None,
                        payload=payload,
                    )
                )
        migrate(engine, "h0024")
        filled = _rows(engine)
        assert len(filled["training_records"]) == 40 and len(filled["rota_lines"]) == 40
        with engine.connect() as connection:
            listed = connection.execute(
                text(
                    "SELECT (SELECT count(*) FROM training_records WHERE listed),"
                    " (SELECT count(*) FROM rota_lines WHERE listed)"
                )
            ).one()
        assert tuple(listed) == (40 - 4, 40 - 3)  # voided 0, 13, 26, 39; removed 0, 17, 34
    finally:
        engine.dispose()
    app = create_app(settings)
    try:
        read_models.rebuild(app.state.database, app.state.settings)
        assert _rows(app.state.database.engine) == filled
    finally:
        app.state.database.dispose()
    engine = make_engine(database_url)
    try:
        migrate(engine, "h0023", down=True)
        with engine.connect() as connection:
            names = {
                str(n)
                for (n,) in connection.execute(
                    text(
                        "SELECT tablename FROM pg_tables"
                        if engine.dialect.name == "postgresql"
                        else "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                )
            }
        assert not {"training_records", "rota_lines"} & names
    finally:
        engine.dispose()
