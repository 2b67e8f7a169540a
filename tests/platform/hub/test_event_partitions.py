"""The events table partitioned by month on PostgreSQL (#15, h0014): a hub upgraded from h0013
keeps every event, its hub_seq and txid, serves them and dedups against them; events that
arrived past the partitions made land in the default partition and move into their month when
it is made; old months archived out of the log keep the read models whole, and a rebuild
refuses to run over an archived month that has gone unless told."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine, text

from kiosk import hub_cli as cli
from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.hub_app import create_app
from kiosk.platform.hub import partitions
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve
from tests.platform.hub.test_hub_station_names import migrate
from tools.pgtemp import TempPostgres

NOV = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
_numbers = itertools.count(1)
_KEPT = "SELECT id, hub_seq, txid::text FROM events WHERE kiosk_id = 'k-old' ORDER BY hub_seq"


@pytest.fixture
def pg_url(pg_cluster: TempPostgres) -> str:
    return pg_cluster.fresh_database(f"part{next(_numbers)}")


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    made = make_engine(pg_url)
    yield made
    made.dispose()


def _settings(url: str, tmp_path: Path) -> HubSettings:
    return HubSettings(
        data_dir=tmp_path / "hub", database_url=url, admin_token=ADMIN_TOKEN, pool_size=5
    )


class _Served:
    """A hub app served on loopback, with its admin client."""

    def __init__(self, app: FastAPI) -> None:
        self._serving = serve(app)
        self._client = httpx.Client(base_url=self._serving.__enter__(), timeout=30)
        self.hub = Hub(self._client, app)

    def close(self) -> None:
        self._client.close()
        self._serving.__exit__(None, None, None)
        self.hub.app.state.database.dispose()


@pytest.fixture
def served() -> Iterator[list[_Served]]:
    started: list[_Served] = []
    yield started
    for one in started:
        one.close()


def _start(started: list[_Served], url: str, tmp_path: Path, clock: FixedClock) -> Hub:
    one = _Served(create_app(_settings(url, tmp_path), clock))
    started.append(one)
    return one.hub


def _where(engine: Engine, event_id: str) -> str:
    """The partition that holds the event."""
    with engine.connect() as db:
        sql = text("SELECT tableoid::regclass::text FROM events WHERE id = :id")
        return str(db.execute(sql, {"id": event_id}).scalar_one())


def _ids(pulled: list[dict[str, Any]]) -> list[str]:
    return [p["event"]["id"] for p in pulled]


def _use(day: str, count: int) -> dict[str, Any]:
    return {"use_id": f"u-{day}-{count}", "service_id": "water", "count": count, "day": day}


def _people(engine: Engine) -> int:
    with engine.connect() as db:
        return int(db.execute(text("SELECT coalesce(sum(people), 0) FROM usage_daily")).scalar())


def test_a_hub_at_h0013_moves_its_events_into_monthly_partitions_and_keeps_them(
    engine: Engine, pg_url: str, tmp_path: Path, served: list[_Served]
) -> None:
    migrate(engine, "h0013")
    old = [
        (new_id(), datetime(2026, 10, 3, 8, 0, tzinfo=UTC)),
        (new_id(), datetime(2026, 10, 30, 23, 59, tzinfo=UTC)),
        (new_id(), datetime(2026, 11, 1, 0, 0, tzinfo=UTC)),
    ]
    ids = [event_id for event_id, _at in old]
    with engine.begin() as db:
        for seq, (event_id, at) in enumerate(old, 1):
            db.execute(
                HubEvent.__table__.insert().values(
                    id=event_id,
                    station_id=STATION,
                    kiosk_id="k-old",
                    seq=seq,
                    kind="service.used",
                    occurred_at=at,
                    received_at=at,
                    actor=None,
                    payload=_use("2026-10-03", seq),
                )
            )
        before = db.execute(text(_KEPT)).all()

    hub = _start(served, pg_url, tmp_path, FixedClock(NOV))
    hub.create_station()
    kiosk = hub.enrol("k-new")
    assert _ids(kiosk.pull_all()) == ids  # in the hub's order
    fresh = kiosk.write(2)
    assert kiosk.push(fresh).status_code == 200
    # an old event's id sent again under a new seq: already stored, not stored twice
    again = kiosk.write(1, event_id=ids[1])
    reply = kiosk.push(again).json()
    assert reply["results"][0]["status"] == "duplicate", reply

    with engine.connect() as db:
        assert db.execute(text(_KEPT)).all() == before
        assert db.scalar(text("SELECT relkind FROM pg_class WHERE relname = 'events'")) == "p"
        assert db.scalar(text("SELECT count(*) FROM events")) == 5
        assert db.scalar(text("SELECT count(*) FROM event_keys")) == 5
        newest = db.scalar(
            text("SELECT min(hub_seq) FROM events WHERE kiosk_id = :k"), {"k": "k-new"}
        )
        assert newest > max(row[1] for row in before)
        names = set(partitions.attached(db))
    assert {"events_default", "events_2026_10", "events_2026_11", "events_2027_02"} <= names
    assert [_where(engine, e) for e in ids] == [
        "events_2026_10",
        "events_2026_10",
        "events_2026_11",
    ]
    assert {_where(engine, e["id"]) for e in fresh} == {"events_2026_11"}

    for one in served:
        one.close()
    served.clear()
    migrate(engine, "h0013", down=True)
    with engine.connect() as db:
        assert db.scalar(text("SELECT relkind FROM pg_class WHERE relname = 'events'")) == "r"
        assert db.scalar(text("SELECT count(*) FROM events")) == 5
        assert db.scalar(text("SELECT to_regclass('event_keys')")) is None


def test_events_past_the_made_months_wait_in_the_default_partition_then_move_to_theirs(
    engine: Engine, pg_url: str, tmp_path: Path, served: list[_Served]
) -> None:
    clock = FixedClock(NOV)
    hub = _start(served, pg_url, tmp_path, clock)
    hub.create_station()
    writer, reader = hub.enrol("k-1"), hub.enrol("k-2")
    clock.set(datetime(2027, 6, 10, tzinfo=UTC))  # the hub's upkeep made up to 2027-02 only
    june = writer.write(3)
    assert writer.push(june).status_code == 200
    assert {_where(engine, e["id"]) for e in june} == {"events_default"}
    assert len(reader.pull_all()) == 3

    assert "events_2027_06" in partitions.ensure_ahead(engine, clock.now())
    assert {_where(engine, e["id"]) for e in june} == {"events_2027_06"}
    with engine.connect() as db:
        assert db.scalar(text("SELECT count(*) FROM events_default")) == 0
    late = writer.write(1)
    assert writer.push(late).status_code == 200
    assert _where(engine, late[0]["id"]) == "events_2027_06"
    assert _ids(reader.pull_all()) == [late[0]["id"]]  # nothing served twice
    assert _ids(hub.enrol("k-3").pull_all()) == [e["id"] for e in june + late]
    assert partitions.ensure_ahead(engine, clock.now()) == []  # nothing left to make


def test_old_months_archived_keep_the_read_models_and_a_rebuild_refuses_if_one_has_gone(
    engine: Engine,
    pg_url: str,
    tmp_path: Path,
    served: list[_Served],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FixedClock(datetime(2026, 9, 10, tzinfo=UTC))
    hub = _start(served, pg_url, tmp_path, clock)
    hub.create_station()
    kiosk = hub.enrol("k-1")
    pushed = []
    for month, count in ((9, 2), (10, 3), (11, 4)):
        clock.set(datetime(2026, month, 10, tzinfo=UTC))
        pushed += kiosk.write(1, kind="service.used", payload=_use(f"2026-{month:02d}-10", count))
        assert kiosk.push(pushed[-1:]).status_code == 200
    assert _people(engine) == 9

    done = partitions.archive_older_than(engine, clock.now(), keep_months=1)
    assert [(a.month.isoformat(), a.table, a.rows) for a in done] == [
        ("2026-09-01", "events_archive.events_2026_09", 1)
    ]
    with engine.connect() as db:
        assert db.scalar(text("SELECT count(*) FROM events")) == 2
        assert db.scalar(text("SELECT count(*) FROM events_archive.events_2026_09")) == 1
    # September's event is out of the log, but its key stays: sent again, it is not stored
    again = kiosk.write(1, kind="service.used", payload=pushed[0]["payload"])
    again[0]["id"] = pushed[0]["id"]
    assert kiosk.push(again).json()["results"][0]["status"] == "duplicate"

    monkeypatch.setenv("HUB_DATABASE_URL", pg_url)
    monkeypatch.setenv("HUB_DATA_DIR", str(tmp_path / "hub"))
    assert cli.main(["rebuild-read-models"]) == 0
    assert _people(engine) == 9  # the rebuild read the archived month too

    assert cli.main(["drop-archived-month", "2026-08"]) == 2  # not archived: nothing done
    assert cli.main(["drop-archived-month", "2026-09"]) == 0
    with engine.connect() as db:  # the log reads on without it
        assert db.scalar(text("SELECT count(*) FROM events_log")) == 2
    assert cli.main(["rebuild-read-models"]) == 2
    assert "2026-09" in capsys.readouterr().err
    assert _people(engine) == 9  # refused: nothing emptied
    assert cli.main(["rebuild-read-models", "--without-missing-months"]) == 0
    assert _people(engine) == 7  # told: September's figures went with its table

    assert cli.main(["archive-events", "--keep-months", "0"]) == 2
    assert cli.main(["archive-events"]) == 2  # HUB_EVENTS_KEEP_MONTHS unset: keep everything
    monkeypatch.setenv("HUB_EVENTS_KEEP_MONTHS", "600")
    assert cli.main(["archive-events"]) == 0
    assert cli.main(["archive-events", "--keep-months", "600"]) == 0  # nothing that old
    assert "0 months archived" in capsys.readouterr().out


def test_an_event_read_by_id_is_found_in_its_own_month_alone(
    engine: Engine, pg_url: str, tmp_path: Path, served: list[_Served]
) -> None:
    """What the webhooks read back by id (`repository.events_by_id`): every id of two months
    found, each through its key's month, the other month's partition never scanned for it."""
    from sqlalchemy.orm import Session

    from kiosk.platform.hub.repository import EVENTS_BY_ID, events_by_id

    clock = FixedClock(NOV)
    hub = _start(served, pg_url, tmp_path, clock)
    hub.create_station()
    writer = hub.enrol("k-1")
    november = writer.write(3)
    assert writer.push(november).status_code == 200
    clock.set(datetime(2026, 12, 3, tzinfo=UTC))
    december = writer.write(2)
    assert writer.push(december).status_code == 200
    assert {_where(engine, e["id"]) for e in november} == {"events_2026_11"}
    assert {_where(engine, e["id"]) for e in december} == {"events_2026_12"}

    ids = [e["id"] for e in november + december] + ["no-such-event"]
    columns = (HubEvent.id, HubEvent.kind, HubEvent.occurred_at)
    with Session(engine) as session:
        found = events_by_id(session, ids, columns)
        assert sorted(row.id for row in found) == sorted(ids[:-1])
        # The plan: each id probes the month its key names (run-time pruning), not every month
        # in turn until one has it.
        plan = "\n".join(
            row[0]
            for row in session.execute(
                text(
                    "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                    + EVENTS_BY_ID.format(columns="e.id")
                ),
                {"ids": [e["id"] for e in december]},
            )
        )
    # December's ids: November's partition comes first in the plan, and is never scanned.
    november_scans = [line for line in plan.splitlines() if " on events_2026_11 " in line]
    assert november_scans and all("never executed" in line for line in november_scans), plan
    assert any(" on events_2026_12 " in line and "rows=1" in line for line in plan.splitlines())
