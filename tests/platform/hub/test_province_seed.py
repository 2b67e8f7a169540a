"""`bench_province --seed copy` writes what the push writes (#15): a small province seeded both
ways on PostgreSQL (the same kiosks' same events, enrolled through the real hub), then every
table the hub holds compared row for row, and every centre CSV (its lines and totals) compared
as the centre downloads it."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from tools.benchtools import hub_server, sign_in
from tools.pgtemp import TempPostgres

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))

import bench_province
from _province_views import PAGES, PASSWORD, span

STATIONS = 10
EVENTS = 12000  # 600 a kiosk, 2,400 at the busiest station: pushes of 500 and less

# Columns that differ between two seedings of the same events however they were written, and
# why; every other column of every table must match row for row.
STAMPS = {
    # arrival: the push stamps the hub's clock, COPY the months a lived hub received them in
    "events": ("hub_seq", "received_at", "txid"),  # hub_seq: a serial; txid: the writer's txn
    "event_keys": ("received_at",),
    # the device token is random, and enrolment and the last push are stamped when they ran
    "kiosks": ("token_hash", "enrolled_at", "last_seen"),
    "enrol_codes": ("code_hash", "created_at", "expires_at", "used_at"),  # random, stamped
    "stations": ("created_at",),
    "accounts": ("password_hash", "created_at"),  # salted, stamped
    # the hub's badge key, random per hub data dir, published when a hub starts (not a push)
    "config_items": ("body", "txid", "published_at"),
    "alembic_version": (),
}


@dataclass(frozen=True)
class Target:
    """One database of the test's cluster, as the bench addresses a cluster's hub database."""

    url: str
    dsn: str


def _seeded(cluster: TempPostgres, name: str, how: str) -> Target:
    url = cluster.fresh_database(name)
    target = Target(url, f"host=127.0.0.1 port={cluster.port} user=postgres dbname={name}")
    bench_province.account(target, "boss", "--role", "centre")
    args = argparse.Namespace(seed=how, seed_workers=2, workers=2, pushers=4, fill="fold")
    province = bench_province.Province(STATIONS, 0.2)
    province.seed(target, EVENTS, args)
    return target


@pytest.fixture(scope="module")
def seeded(pg_cluster: TempPostgres) -> Iterator[tuple[Target, Target]]:
    # in a thread of its own: the seeders run their event loops (`uvloop.run`), refused in a
    # thread where one is running already (a browser test's Playwright keeps one running in
    # the main thread for the rest of the session)
    with ThreadPoolExecutor(1) as pool:
        pushed = pool.submit(_seeded, pg_cluster, "by_push", "push").result()
        copied = pool.submit(_seeded, pg_cluster, "by_copy", "copy").result()
    yield pushed, copied


def _tables(conn: psycopg.Connection) -> list[str]:
    """The hub's tables: every plain or partitioned table of the public schema, partitions
    read through their parent."""
    rows = conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
        " ORDER BY c.relname"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _rows(conn: psycopg.Connection, table: str) -> list[str]:
    """The table's rows as JSON (json columns as jsonb: key order aside), stamps left out."""
    drop = STAMPS.get(table, ())
    rows = conn.execute(
        f"SELECT (to_jsonb(t) - %s::text[])::text FROM {table} t", (list(drop),)
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


def test_copy_writes_every_table_as_the_push(seeded: tuple[Target, Target]) -> None:
    push, copy = seeded
    with psycopg.connect(push.dsn) as by_push, psycopg.connect(copy.dsn) as by_copy:
        tables = _tables(by_push)
        assert _tables(by_copy) == tables
        assert {"events", "event_keys", "kiosks", "usage_daily", "shift_facts"} <= set(tables)
        held, differ = 0, {}
        for table in tables:
            pushed, copied = _rows(by_push, table), _rows(by_copy, table)
            if copied != pushed:
                odd = sorted(set(pushed) ^ set(copied))[:2]
                differ[table] = f"{len(pushed)} pushed, {len(copied)} copied: {odd}"
            held += len(pushed)
        assert sorted(differ) == [], "\n".join(f"{k}: {v}" for k, v in differ.items())
        events = by_push.execute("SELECT count(*) FROM events").fetchone()
        assert events is not None
        assert events[0] == sum(bench_province.plan(STATIONS, 0.2, EVENTS).values())
        assert held > 3 * EVENTS  # the read models hold rows too: nothing compared empty
        # the COPY's pushes are in the months they arrived in, not all in this one
        months = by_copy.execute(
            "SELECT count(DISTINCT date_trunc('month', received_at)) FROM events"
        )
        assert (months.fetchone() or [0])[0] >= 3


def _without_clock(body: str) -> str:
    """The CSV with `waiting_min` blanked: an open ticket's wait is the clock at the download
    less its order, so two downloads a minute apart differ whatever was seeded."""
    rows = list(csv.reader(io.StringIO(body)))
    if rows and "waiting_min" in rows[0]:
        at = rows[0].index("waiting_min")
        for row in rows[1:]:
            row[at] = ""
    return "\n".join(",".join(row) for row in rows)


def test_centre_csvs_are_the_same(seeded: tuple[Target, Target]) -> None:
    """Every centre CSV of all stations, as downloaded: the same lines, the same totals."""
    bodies: list[dict[str, str]] = []
    for target in seeded:
        got = {}
        with hub_server(target.url) as server, httpx.Client(base_url=server.url) as client:
            sign_in(client, "boss", PASSWORD)
            for page in (p for p in PAGES if p.csv):
                reply = client.get(page.path, params={**span(page.days), "format": "csv"})
                assert reply.status_code == 200, page.name
                got[page.name] = _without_clock(reply.text)
        bodies.append(got)
    pushed, copied = bodies
    assert copied == pushed
    assert len(pushed["usage_365d"].splitlines()) > STATIONS  # rows, not just a header
