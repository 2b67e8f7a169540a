"""The hub part of `uses`: the read model of 人次 (kept in the push transaction by `fold_uses`,
with the kiosks' rule; a use's `day` is the station's local day, fixed by the kiosk), the live
rule of a new kiosk's first pull, and the centre's 人次 page (hub_centre.py)."""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json
from sqlalchemy import ColumnElement, Connection, and_, select, text, tuple_
from sqlalchemy.dialects import sqlite

from kiosk.core.events import Event
from kiosk.features.uses.domain import use_line
from kiosk.features.uses.hub_centre import router
from kiosk.platform.hub.live import LiveRule, LiveWindow
from kiosk.platform.hub.models import (
    USAGE_DAY_SLOTS,
    HubEvent,
    UsageDaily,
    UsageGroup,
    UsageMonthly,
    UsageStationDaily,
    UsageStationMonthly,
    day_bits,
)
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.read_models import ReadContext, ReadModel

# One statement over one JSON parameter on PostgreSQL (as the push itself): the day lines, the
# same lines summed by month, by station and day, by station and month, and each group's days
# as bits (a group whose bits are all set already, most pushes' groups, is left alone: not even
# locked). The rows come sorted by station, day, service, audience and each upsert sorts its
# own, so every push locks in one order.
_PG_ADD = text(
    "WITH x AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS x(station_id text,"
    " day text, service_id text, audience text, people bigint, records bigint, bits json)),"
    " d AS (INSERT INTO usage_daily (station_id, day, service_id, audience, people, records)"
    " SELECT station_id, day, service_id, audience, people, records FROM x"
    " ON CONFLICT (station_id, day, service_id, audience) DO UPDATE SET"
    " people = usage_daily.people + EXCLUDED.people,"
    " records = usage_daily.records + EXCLUDED.records),"
    " m AS (INSERT INTO usage_monthly (station_id, month, service_id, audience, people, records)"
    " SELECT station_id, substr(day, 1, 7), service_id, audience, sum(people), sum(records)"
    " FROM x GROUP BY station_id, substr(day, 1, 7), service_id, audience"
    " ORDER BY 1, 2, 3, 4"
    " ON CONFLICT (station_id, month, service_id, audience) DO UPDATE SET"
    " people = usage_monthly.people + EXCLUDED.people,"
    " records = usage_monthly.records + EXCLUDED.records),"
    " sd AS (INSERT INTO usage_station_daily (day, station_id, people, records)"
    " SELECT day, station_id, sum(people), sum(records) FROM x GROUP BY day, station_id"
    " ORDER BY 1, 2"
    " ON CONFLICT (day, station_id) DO UPDATE SET"
    " people = usage_station_daily.people + EXCLUDED.people,"
    " records = usage_station_daily.records + EXCLUDED.records),"
    " sm AS (INSERT INTO usage_station_monthly (month, station_id, people, records)"
    " SELECT substr(day, 1, 7), station_id, sum(people), sum(records) FROM x"
    " GROUP BY substr(day, 1, 7), station_id ORDER BY 1, 2"
    " ON CONFLICT (month, station_id) DO UPDATE SET"
    " people = usage_station_monthly.people + EXCLUDED.people,"
    " records = usage_station_monthly.records + EXCLUDED.records),"
    " g AS (SELECT b.year, station_id, service_id, audience,"
    f" bit_or(set_bit(CAST(repeat('0', {2 * USAGE_DAY_SLOTS}) AS bit({2 * USAGE_DAY_SLOTS})),"
    " b.bit, 1)) AS days"
    " FROM x, json_to_recordset(x.bits) AS b(year text, bit int)"
    " GROUP BY b.year, station_id, service_id, audience)"
    " INSERT INTO usage_groups (year, station_id, service_id, audience, days)"
    " SELECT * FROM g WHERE NOT EXISTS (SELECT FROM usage_groups AS u"
    " WHERE (u.year, u.station_id, u.service_id, u.audience)"
    " = (g.year, g.station_id, g.service_id, g.audience) AND u.days | g.days = u.days)"
    " ORDER BY 1, 2, 3, 4"
    " ON CONFLICT (year, station_id, service_id, audience) DO UPDATE SET"
    " days = usage_groups.days | EXCLUDED.days"
    " WHERE usage_groups.days | EXCLUDED.days <> usage_groups.days"
)


def _summed(
    rows: list[dict[str, Any]], period: str, cut: int, fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The day lines summed by their day cut to `cut` characters (named `period`: "day",
    "month") and `fields`, in key order."""
    sums: dict[tuple[str, ...], list[int]] = {}
    for row in rows:
        line = sums.setdefault((row["day"][:cut], *(row[f] for f in fields)), [0, 0])
        line[0] += row["people"]
        line[1] += row["records"]
    return [
        {**dict(zip((period, *fields), key, strict=True)), "people": p, "records": n}
        for key, (p, n) in sorted(sums.items())
    ]


def _add_sums(connection: Connection, model: Any, key: tuple[str, ...], found: list[Any]) -> None:
    """SQLite: add `found`'s people and records to their lines of `model`."""
    table = model.__table__
    statement = sqlite.insert(model)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=list(key),
            set_={
                "people": table.c.people + statement.excluded.people,
                "records": table.c.records + statement.excluded.records,
            },
        ),
        found,
    )


_SQLITE_KEYS = 200  # groups read at once: 4 parameters each, within SQLite's bound


def _add_days(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """SQLite: set each group's bits of its uses' days (its row read, OR-ed, written: the
    push's transaction already holds SQLite's one write lock)."""
    bits: dict[tuple[str, str, str, str], int] = {}
    last = 2 * USAGE_DAY_SLOTS - 1
    for row in rows:
        for found in row["bits"]:
            key = (found["year"], row["station_id"], row["service_id"], row["audience"])
            bits[key] = bits.get(key, 0) | 1 << (last - found["bit"])
    g = UsageGroup
    columns = (g.year, g.station_id, g.service_id, g.audience)
    keys = list(bits)
    for i in range(0, len(keys), _SQLITE_KEYS):  # a rebuild's batch can hold thousands
        chunk = keys[i : i + _SQLITE_KEYS]
        held = connection.execute(select(*columns, g.days).where(tuple_(*columns).in_(chunk)))
        for year, station_id, service_id, audience, days in held:
            bits[(year, station_id, service_id, audience)] |= int(days, 2)
    statement = sqlite.insert(UsageGroup)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["year", "station_id", "service_id", "audience"],
            set_={"days": statement.excluded.days},
        ),
        [
            {
                "year": y,
                "station_id": s,
                "service_id": v,
                "audience": a,
                "days": format(n, f"0{2 * USAGE_DAY_SLOTS}b"),
            }
            for (y, s, v, a), n in sorted(bits.items())
        ],
    )


def fold_uses(connection: Connection, events: list[Event], _context: ReadContext) -> None:
    """Add newly stored uses to their (station, day, service, audience) lines of
    `usage_daily`, their month's of `usage_monthly`, their station's day and month
    (`usage_station_daily` / `_monthly`) and their group's days (`usage_groups`), by the
    kiosks' own rule (`use_line`): one statement per push on PostgreSQL, upserts on SQLite."""
    lines: dict[tuple[str, str, str, str], list[int]] = {}
    for event in events:
        (day, service_id, audience), people = use_line(event.payload)
        line = lines.setdefault((event.station_id, day, service_id, audience), [0, 0])
        line[0] += people
        line[1] += 1
    if not lines:
        return
    rows = [
        {
            "station_id": s,
            "day": d,
            "service_id": v,
            "audience": a,
            "people": p,
            "records": n,
            "bits": [{"year": y, "bit": b} for y, b in day_bits(d)],
        }
        for (s, d, v, a), (p, n) in sorted(lines.items())  # one lock order for every push
    ]
    if connection.dialect.name == "postgresql":
        connection.execute(_PG_ADD, {"rows": to_json(rows).decode()})
        return
    group = ("station_id", "service_id", "audience")
    for model, period, cut, fields in (
        (UsageDaily, "day", 10, group),
        (UsageMonthly, "month", 7, group),
        (UsageStationDaily, "day", 10, ("station_id",)),
        (UsageStationMonthly, "month", 7, ("station_id",)),
    ):
        _add_sums(connection, model, (period, *fields), _summed(rows, period, cut, fields))
    _add_days(connection, rows)


USAGE_DAILY = ReadModel(
    "usage_daily",
    ("service.used",),
    (
        "usage_daily",
        "usage_monthly",
        "usage_station_daily",
        "usage_station_monthly",
        "usage_groups",
    ),
    fold_uses,
)


def uses_before(window: LiveWindow) -> ColumnElement[bool]:
    """A new kiosk is ready without the uses of earlier days: each use is its own aggregate,
    closed once recorded, and the admin's logs and today's 人次 need only the window's (the
    rest arrives with the history). `occurred_at` is in the row: no payload is read."""
    return and_(HubEvent.kind == "service.used", HubEvent.occurred_at < window.since)


LIVE_USES = LiveRule("uses", ("service.used",), uses_before)


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "usage": ("服务人次", "People served"),
    "service": ("服务", "Service"),
    "audience": ("服务对象", "Group"),
    "people": ("人次", "People"),
    "uses": ("登记次数", "Records"),
    "chart_people_days": ("每日服务人次", "People served, by day"),
    "chart_people_stations": ("各站点服务人次", "People served, by station"),
    "chart_people_regions": ("各片区服务人次", "People served, by region"),
    "chart_rest_people": (
        "另有 {count} 个站点共 {value} 人次未画出，见下表。",
        "{count} more stations with {value} people served are not drawn: see the table below.",
    ),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.uses",
    words=WORDS,
    centre_tabs=(CentreTab("usage", "/centre/usage", rank=10),),
    read_models=(USAGE_DAILY,),
    live_rules=(LIVE_USES,),
)
