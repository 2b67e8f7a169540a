"""A database made by every earlier schema version upgrades to the current one with its events
intact: one test per fixture in tests/data (made by tests/data/make_fixtures.py).

The coverage rule: every revision in db/kiosk/versions up to "0005", and every later one that
is not the head, must have a fixture. Why not simply "every revision but the head": while
several branches each add their migration after 0005, each branch's head is its own revision,
so the rule asks for exactly the fixtures that exist once the chain is relinked: whoever adds
migration N+1 regenerates the fixture of N (`.venv/bin/python tests/data/make_fixtures.py N`).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.cli import main as kiosk_cli
from kiosk.core.clock import FixedClock
from kiosk.platform.store.migrate import SCHEMA_HEAD
from kiosk.platform.store.projections import projection_tables
from kiosk.platform.store.store import rebuild_projections
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tests.conftest import START
from tests.data.make_fixtures import STATION, fixture_path, revisions

DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = sorted(DATA.glob("kiosk_schema_*.sqlite"))
ALWAYS_COVERED = "0005"  # the last revision every branch shares; see the module docstring


def _revision_of(fixture: Path) -> str:
    return fixture.stem.removeprefix("kiosk_schema_")


def _events(path: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        rows = conn.execute("SELECT * FROM events ORDER BY pos").fetchall()
        return [{**dict(row), "payload": json.loads(row["payload"])} for row in rows]
    finally:
        conn.close()


def _identity(path: Path) -> tuple[Any, ...]:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            "SELECT kiosk_id, station_id, last_seq, acked_seq FROM kiosk_meta"
        ).fetchone()
        return tuple(row)
    finally:
        conn.close()


def test_every_earlier_revision_has_a_fixture() -> None:
    head = SCHEMA_HEAD
    needed = {r for r in revisions() if r <= ALWAYS_COVERED or r != head}
    have = {_revision_of(path) for path in FIXTURES}
    missing = sorted(needed - have)
    assert not missing, (
        f"no upgrade fixture for revision(s) {missing}: run "
        f"`.venv/bin/python tests/data/make_fixtures.py {' '.join(missing)}` and commit the files"
    )
    assert all(fixture_path(r).exists() for r in needed)


@pytest.mark.parametrize("fixture", FIXTURES, ids=_revision_of)
def test_fixture_upgrades_to_head_with_its_events_intact(
    fixture: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "kiosk.sqlite3"
    shutil.copyfile(fixture, database)
    before = _events(database)
    kiosk_id, station_id, last_seq, acked_seq = _identity(database)
    assert before, "an empty fixture proves nothing"

    # The real start-up path: quick_check, migrate, identity, services.
    services = build_services(Settings(data_dir=data_dir, station_id=STATION), FixedClock(START))
    try:
        with services.database.read() as session:
            live = {
                table.__tablename__: sorted(
                    tuple(row) for row in session.execute(select(table.__table__)).all()
                )
                for table in projection_tables()
            }
        rebuild_projections(services.database)
        with services.database.read() as session:
            rebuilt = {
                table.__tablename__: sorted(
                    tuple(row) for row in session.execute(select(table.__table__)).all()
                )
                for table in projection_tables()
            }
    finally:
        services.close()

    conn = sqlite3.connect(database)
    try:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        own_seqs = [
            r[0]
            for r in conn.execute(
                "SELECT seq FROM events WHERE kiosk_id = ? ORDER BY seq", (kiosk_id,)
            )
        ]
    finally:
        conn.close()
    assert revision == SCHEMA_HEAD
    assert _events(database) == before  # count, ids, seqs, kinds, times and payloads
    assert _identity(database) == (kiosk_id, station_id, last_seq, acked_seq)
    assert own_seqs == list(range(1, last_seq + 1))  # dense, nothing renumbered
    assert rebuilt == live  # the projections the fixture carried fold again from its log
    assert any(rows for rows in live.values())

    assert kiosk_cli(["--data-dir", str(data_dir), "check"]) == 0  # the app's own check
    assert capsys.readouterr().out.strip() == "ok"


def test_events_an_older_kiosk_could_not_fold_are_folded_after_its_upgrade(
    tmp_path: Path,
) -> None:
    """A 0005 kiosk pulled a lending event from an upgraded kiosk of its station: it kept the
    event without a projection (it knew no such kind). Upgraded, it must show the stock."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    database = data_dir / "kiosk.sqlite3"
    shutil.copyfile(fixture_path("0005"), database)
    conn = sqlite3.connect(database)
    try:
        with conn:
            pos = conn.execute("SELECT MAX(pos) FROM events").fetchone()[0] + 1
            conn.execute(
                "INSERT INTO events (pos, id, kind, station_id, kiosk_id, seq, occurred_at,"
                " actor, payload, aggregate_id)"
                " VALUES (?, 'ev-from-north', 'lending.stocked', ?, 'kiosk-north', 1,"
                " '2026-10-12 01:00:00.000000', 'station_admin', ?, 'stock-1')",
                (
                    pos,
                    STATION,
                    json.dumps({"stock_id": "stock-1", "item": "umbrella", "quantity": 4}),
                ),
            )
    finally:
        conn.close()

    services = build_services(Settings(data_dir=data_dir, station_id=STATION), FixedClock(START))
    try:
        assert services.lending.stock("umbrella").left == 4
    finally:
        services.close()
