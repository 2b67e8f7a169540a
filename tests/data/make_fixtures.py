"""Regenerate the upgrade fixtures: `tests/data/kiosk_schema_<rev>.sqlite`, one per schema
revision, each a kiosk database exactly at that revision holding what a kiosk of that version
would hold (volunteers, shifts, and from their revision on sync state, service uses, charging).

    .venv/bin/python tests/data/make_fixtures.py            # every revision up to SCHEMA_HEAD
    .venv/bin/python tests/data/make_fixtures.py 0006       # one revision

How: the kiosk's own services (today's code) record the events a kiosk of that version could
record (only kinds that existed then) into a scratch database at head; a fresh file is migrated
with Alembic to exactly the revision, and every table it has is filled from the scratch
database with the columns that revision has. So a fixture's rows are real ones (real payloads,
hashes, dense seqs, projections as the services wrote them) in that revision's schema.

When you add migration N+1, regenerate the fixture of revision N (the head before yours) and
add the revision's features to FEATURES if it brought new event kinds; commit the .sqlite file.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from kiosk.core.clock import FixedClock  # noqa: E402
from kiosk.core.errors import KioskError  # noqa: E402
from kiosk.core.events import Event  # noqa: E402
from kiosk.core.ids import new_id  # noqa: E402
from kiosk.platform.store import sync_store  # noqa: E402
from kiosk.platform.store.migrate import SCHEMA_HEAD  # noqa: E402
from kiosk.settings import Settings  # noqa: E402
from kiosk.shell.context import KioskServices, build_services  # noqa: E402

HERE = Path(__file__).resolve().parent
STATION = "fzb-north"
START = datetime(2026, 10, 12, 0, 30, tzinfo=UTC)  # a Monday, 08:30 station time
OTHER_KIOSK = "0192f7a0-0000-7000-8000-00000000beef"

# The first revision whose kiosk could record each feature's events.
FEATURES = {
    "shifts": "0001",
    "sync": "0002",
    "uses": "0003",
    "charging": "0004",
    "lending": "0006",
    "medicine": "0007",
    "requests": "0008",
    "accounts": "0009",
    "reports": "0010",
    "item_settings": "0012",
}


def fixture_path(revision: str) -> Path:
    return HERE / f"kiosk_schema_{revision}.sqlite"


def _has(feature: str, revision: str) -> bool:
    return FEATURES[feature] <= revision


def _record(services: KioskServices, clock: FixedClock, revision: str) -> None:
    """A fortnight of a small station's kiosk, limited to what `revision` could record."""
    services.admin.set_first_pin("246810", "246810")
    people = [
        ("王芳", "FZB-0001", "13800000001"),
        ("李强", "FZB-0002", "13800000002"),
        ("陈静", "FZB-0003", "13800000003"),
        ("林志远", "FZB-0004", "13800000004"),
    ]
    ids = [services.roster.register(n, num, phone, "1234").id for n, num, phone in people]
    for day in range(3):
        for index, volunteer in enumerate(ids[:3]):
            token = services.badges.issue(volunteer, clock.now().date())
            services.shifts.scan_badge(token)  # check in
            clock.advance(timedelta(minutes=5 + index))
        if _has("uses", revision):
            services.uses.record("water", "rider", 1)
            services.uses.record("rest", "traveller", 4)
            services.uses.record("microwave", "courier", 1)
        if _has("charging", revision):
            started = services.charging.start("1")
            clock.advance(timedelta(minutes=50))
            services.charging.collect_with_code("1", started.code)
            if day == 2:
                services.charging.start("2")  # still charging when the file was copied
        clock.advance(timedelta(hours=3))
        for volunteer in ids[:2]:
            token = services.badges.issue(volunteer, clock.now().date())
            services.shifts.scan_badge(token)  # check out
            clock.advance(timedelta(minutes=3))
        clock.advance(timedelta(hours=20))
    with contextlib.suppress(KioskError):  # a wrong PIN: refused, an attempt row kept
        services.shifts.clock_with_pin("13800000004", "9999")
    clock.advance(timedelta(hours=13))
    services.shifts.sweep()  # the third volunteer's shift is left open: closed and flagged
    if _has("lending", revision):
        services.lending.add_stock("umbrella", 3)
        services.lending.borrow_with_phone("umbrella", "13912345678", consent=True)
        clock.advance(timedelta(hours=2))
        services.lending.return_by_phone("umbrella", "13912345678")
        services.lending.borrow_with_phone("umbrella", "13698761234", consent=True)  # still out
    if _has("medicine", revision):
        from kiosk.features.volunteers.service.duty import Actor

        nurse = Actor(ids[0], people[0][0], ids[0])
        expiry = clock.now().date() + timedelta(days=200)
        services.medicine.restock(nurse, "plaster", "230815", expiry, 20)
    if _has("requests", revision):
        services.requests.order("luggage", train="D3125")
        services.wishes.submit("suggestion", "More chairs near gate 3 please")
    if _has("accounts", revision):
        admin = services.admin.login("246810")
        services.admin.set_team_leader(admin, ids[1], "135790")
        if _has("item_settings", revision):
            services.item_settings.set_slot(admin, services.slots[0].id, False)
            services.item_settings.add_slot(admin, "A9", "cable")
            services.item_settings.set_lending(admin, "book", due_days=21)
            services.item_settings.set_medicine(admin, "plaster", min_stock=30)
    if _has("reports", revision):
        from kiosk.features.certificates.service import build_certificates
        from kiosk.platform.store import preferences

        today = services.shifts.local_time(clock.now()).date()
        build_certificates(services).issue(ids[0], today - timedelta(days=10), today)
        with services.database.write() as session:  # the export folder once chosen (a stick)
            preferences.put(session, "export_folder", "/media/admin/KIOSK_USB")
    if _has("sync", revision):
        _synced_a_little(services, clock)


def _synced_a_little(services: KioskServices, clock: FixedClock) -> None:
    """As if enrolled: half the outbox acknowledged, one reject, an event from a second kiosk
    of the station and a pull cursor."""
    with services.database.write() as session:
        state = sync_store.state(session)
        state.hub_url = "https://hub.example:8700"
        last = session.execute(text("SELECT last_seq FROM kiosk_meta")).scalar_one()
        rejected = session.execute(text("SELECT id, kind FROM events WHERE seq = 2")).one()
        sync_store.record_ack(
            session,
            last // 2,
            [sync_store.Reject(2, rejected[0], rejected[1], "payload too large (test)")],
            clock.now(),
        )
        other = Event(
            id=new_id(),
            kind="volunteer.registered",
            station_id=STATION,
            kiosk_id=OTHER_KIOSK,
            seq=1,
            occurred_at=clock.now() - timedelta(hours=1),
            actor=None,
            payload={
                "volunteer_id": new_id(),
                "name": "张晓燕",
                "number": "FZB-0005",
                "phone": "13800000005",
            },
        )
        sync_store.apply_page(session, [other], [], "fixture-cursor-1")


def _migrate_to(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ROOT / "db" / "kiosk"))
    config.set_main_option("sqlalchemy.path", str(path))
    from kiosk.platform.store.db import make_engine

    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
    finally:
        engine.dispose()


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info('{table}')")]


def make(revision: str) -> Path:
    with tempfile.TemporaryDirectory(prefix="kiosk-fixture-") as tmp:
        scratch = Path(tmp) / "scratch"
        clock = FixedClock(START)
        services = build_services(Settings(data_dir=scratch, station_id=STATION), clock)
        try:
            _record(services, clock, revision)
        finally:
            services.close()
        target = Path(tmp) / "fixture.sqlite"
        _migrate_to(target, revision)
        conn = sqlite3.connect(target)
        try:
            conn.execute("ATTACH DATABASE ? AS head", (str(scratch / "kiosk.sqlite3"),))
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM main.sqlite_master WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'"
                )
            ]
            with conn:
                conn.execute("PRAGMA foreign_keys = OFF")
                for table in tables:
                    old = _columns(conn, "main", table)
                    new = set(_columns(conn, "head", table))
                    missing = [c for c in old if c not in new]
                    if missing:
                        raise SystemExit(f"{table}.{missing} were dropped since {revision}")
                    cols = ", ".join(f'"{c}"' for c in old)
                    conn.execute(
                        f'INSERT INTO main."{table}" ({cols}) SELECT {cols} FROM head."{table}"'
                    )
            conn.execute("DETACH DATABASE head")
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("VACUUM")
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
        finally:
            conn.close()
        out = fixture_path(revision)
        shutil.copyfile(target, out)
    return out


def revisions() -> list[str]:
    """Every revision of db/kiosk/versions, in order."""
    import re

    found = []
    for path in sorted((ROOT / "db" / "kiosk" / "versions").glob("*.py")):
        match = re.search(r'^revision\s*=\s*"([^"]+)"', path.read_text(encoding="utf-8"), re.M)
        if match:
            found.append(match.group(1))
    return sorted(found)


def main(argv: list[str]) -> int:
    wanted = argv or [r for r in revisions() if r <= SCHEMA_HEAD]
    for revision in wanted:
        path = make(revision)
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
