"""A hub that already holds events no kiosk can read is repaired by upgrading (migration h0004):
they move to rejects staff can see, the station's pulls work again and no seq is lost. The
poisoned rows are written the way the code before issue 13 wrote them (raw SQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text
from sqlalchemy.exc import DataError

from kiosk.hub_app import create_app
from kiosk.platform.hub.db import make_engine
from kiosk.platform.hub.security import digest
from kiosk.platform.hub.settings import HubSettings
from kiosk.resources import migrations_path
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, serve
from tests.platform.hub.test_hub_poison import unstorable_escapes

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
GOOD = {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "badge"}
NUL_NAME = {"volunteer_id": "v-9", "name": "张\x00三", "number": "9", "phone": "13800000000"}

# What the code before issue 13 ran for a push on PostgreSQL (repository._PG_INSERT_EVENTS).
OLD_PG_INSERT = (
    "INSERT INTO events"
    " (id, station_id, kiosk_id, seq, kind, occurred_at, received_at, actor, payload)"
    " SELECT id, station_id, kiosk_id, seq, kind, occurred_at, :received_at, actor, payload"
    " FROM json_to_recordset(CAST(:rows AS json)) AS x(id text, station_id text,"
    " kiosk_id text, seq bigint, kind text, occurred_at timestamptz, actor text, payload json)"
    " ORDER BY seq ON CONFLICT DO NOTHING"
)


def upgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_path("hub")))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def event(seq: int, occurred_at: str, payload: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "id": f"0000000{seq}-0000-7000-8000-00000000000{seq}",
        "station_id": STATION,
        "kiosk_id": "k-east",
        "seq": seq,
        "kind": "shift.checked_in",
        "occurred_at": occurred_at,
        "actor": "v-1",
        "payload": payload,
        **fields,
    }


def poison_old_hub(engine: Engine, postgres: bool) -> None:
    """A station with two kiosks; k-east has pushed 5 events, 3 of them unreadable."""
    stamp: Any = NOW if postgres else NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    with engine.begin() as db:
        db.execute(
            text("INSERT INTO stations (id, name, created_at) VALUES (:id, '北京西站', :at)"),
            {"id": STATION, "at": stamp},
        )
        for kiosk_id, acked in (("k-east", 5), ("k-west", 0)):
            db.execute(
                text(
                    "INSERT INTO kiosks (id, station_id, name, token_hash, revoked, enrolled_at,"
                    " acked_seq) VALUES (:id, :station, NULL, :hash, false, :at, :acked)"
                ),
                {
                    "id": kiosk_id,
                    "station": STATION,
                    "hash": digest(f"token-{kiosk_id}"),
                    "at": stamp,
                    "acked": acked,
                },
            )
        if postgres:
            rows = [
                event(1, "2026-12-01T08:00:00+00:00", GOOD),
                event(2, "0001-01-01T00:00:00+14:00", GOOD),
                event(3, "9999-12-31T23:59:59-14:00", GOOD),
                # readable, but a kiosk now refuses it (PostgreSQL refused NUL: a 500 instead)
                event(4, "1969-06-01T00:00:00+00:00", GOOD),
                event(5, "2026-12-01T08:00:00+00:00", GOOD),
            ]
            db.execute(text(OLD_PG_INSERT), {"rows": json.dumps(rows), "received_at": NOW})
        else:  # SQLAlchemy's SQLite rows: naive UTC text, JSON text
            rows = [
                event(1, "2026-12-01 08:00:00.000000", GOOD),
                event(2, "0001-01-02 00:00:00.000000", GOOD),
                event(3, "2026-12-01 08:00:00.000000", GOOD, actor="v\x00"),
                event(4, "2026-12-01 08:00:00.000000", NUL_NAME, kind="volunteer.registered"),
                event(5, "2026-12-01 08:00:00.000000", GOOD),
            ]
            for row in rows:
                db.execute(
                    text(
                        "INSERT INTO events (id, station_id, kiosk_id, seq, kind, occurred_at,"
                        " received_at, actor, payload) VALUES (:id, :station_id, :kiosk_id,"
                        " :seq, :kind, :occurred_at, :at, :actor, :payload)"
                    ),
                    {**row, "payload": json.dumps(row["payload"]), "at": stamp},
                )
            # a reject the old code stored with NUL in it (SQLite took it; PostgreSQL did not)
            db.execute(
                text(
                    "INSERT INTO rejects (kiosk_id, seq, event_id, station_id, kind, reason,"
                    " payload, received_at) VALUES ('k-west', 1, 'ab', :station, :kind,"
                    " :reason, :payload, :at)"
                ),
                {
                    "station": STATION,
                    "kind": "x\x00",
                    "reason": "invalid_payload: Unknown event kind x\x00",
                    "payload": json.dumps({"x": "\x00"}),
                    "at": stamp,
                },
            )
            db.execute(text("UPDATE kiosks SET acked_seq = 1 WHERE id = 'k-west'"))


@pytest.fixture
def poisoned(database_url: str, backend: str, tmp_path: Path) -> Iterator[str]:
    engine = make_engine(database_url)
    upgrade(engine, "h0003")
    poison_old_hub(engine, backend == "postgresql")
    if backend == "postgresql":  # what made every pull of the station answer 500
        with pytest.raises(DataError), engine.connect() as db:
            db.execute(text("SELECT occurred_at FROM events ORDER BY seq")).all()
    engine.dispose()
    yield database_url


def test_upgrading_moves_unreadable_events_to_rejects_and_pulls_work(
    poisoned: str, backend: str, tmp_path: Path
) -> None:
    settings = HubSettings(
        data_dir=tmp_path / "hub", database_url=poisoned, admin_token=ADMIN_TOKEN
    )
    app = create_app(settings)  # runs the migrations: h0004 repairs
    east = {"Authorization": "Bearer token-k-east"}
    west = {"Authorization": "Bearer token-k-west"}
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        pulled = client.get("/v1/sync/pull", headers=west)
        assert pulled.status_code == 200, pulled.text
        assert [e["event"]["seq"] for e in pulled.json()["events"]] == [1, 5]

        own = client.get("/v1/sync/own-events", headers=east)
        assert own.status_code == 200, own.text
        assert [e["seq"] for e in own.json()["events"]] == [1, 5]
        assert [r["seq"] for r in own.json()["rejected"]] == [2, 3, 4]
        assert own.json()["acked_seq"] == 5

        rejects = client.get("/v1/admin/rejects", headers=admin, params={"kiosk_id": "k-east"})
        assert rejects.status_code == 200, rejects.text
        assert [r["seq"] for r in rejects.json()] == [2, 3, 4]
        assert all("moved by h0004" in r["reason"] for r in rejects.json())
        everything = client.get("/v1/admin/rejects", headers=admin)
        assert everything.status_code == 200 and not unstorable_escapes(everything.text)

        # the queue goes on from where it was: seq 6 is the next one
        push = client.post(
            "/v1/sync/push",
            json={
                "kiosk_id": "k-east",
                "events": [event(6, datetime.now(UTC).isoformat(), {**GOOD, "shift_id": "sh-6"})],
            },
            headers=east,
        )
        assert push.status_code == 200, push.text
        assert push.json()["results"][0]["status"] == "applied"
        assert [
            e["event"]["seq"] for e in client.get("/v1/sync/pull", headers=west).json()["events"]
        ] == [1, 5, 6]
