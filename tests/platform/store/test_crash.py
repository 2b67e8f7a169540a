"""Pulled plug: kill -9 a writer at random moments; no acknowledged event may be lost."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.platform.store.db import Database
from kiosk.platform.store.models import EventRow
from kiosk.platform.store.store import integrity_check
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 50


@pytest.mark.slow
def test_sigkill_loses_no_acknowledged_event(
    services: KioskServices, kiosk_settings: Settings
) -> None:
    for i in range(4):
        services.roster.register(f"志愿者{i}", f"N-{i}", f"1380000000{i}", "1234")
    services.close()
    rng = random.Random(20261122)
    acked: list[tuple[str, str]] = []
    for round_no in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(WRITER), str(kiosk_settings.data_dir), str(round_no)],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path.cwd())},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rng.randint(1, 25)):  # let a random number of commits through
            line = child.stdout.readline()
            if line.startswith("ack"):
                _, action, shift_id = line.split()
                acked.append((action, shift_id))
        child.send_signal(signal.SIGKILL)  # mid-transaction, most of the time
        rest, _ = child.communicate(timeout=30)
        for line in rest.splitlines():  # printed before the kill: committed too
            if line.startswith("ack"):
                _, action, shift_id = line.split()
                acked.append((action, shift_id))
        assert child.returncode == -signal.SIGKILL

    database = Database.open(kiosk_settings.database_path)
    try:
        assert integrity_check(database) == ["ok"]
        with database.read() as session:
            stored = {
                (kind, aggregate)
                for kind, aggregate in session.execute(
                    select(EventRow.kind, EventRow.aggregate_id).where(
                        EventRow.kind.in_(("shift.checked_in", "shift.checked_out"))
                    )
                )
            }
            seqs = list(session.scalars(select(EventRow.seq).order_by(EventRow.seq)))
    finally:
        database.close()
    expected = {
        ("shift.checked_in" if action == "check_in" else "shift.checked_out", shift_id)
        for action, shift_id in acked
        if action in ("check_in", "check_out")
    }
    assert len(expected) > KILLS  # the test really wrote things
    assert expected <= stored
    assert seqs == list(range(1, len(seqs) + 1))  # still dense: no seq lost or reused
