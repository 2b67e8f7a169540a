"""Helpers shared by the hub benchmarks: run `kiosk-hub serve` as a child process on loopback
against a throwaway PostgreSQL, and make realistic events. Not used by the hub itself."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from kiosk.core.ids import new_id
from tools.pgtemp import free_port

ADMIN_TOKEN = "bench-admin-token"


@dataclass(frozen=True)
class HubServer:
    """A served hub: its base URL, the server's process id (with one worker, the process that
    answers) and its request log (one JSON line a request, `duration_ms` its server time)."""

    url: str
    pid: int
    log: Path


@contextmanager
def hub_process(database_url: str, *, pool_size: int = 20, workers: int = 1) -> Iterator[str]:
    """`kiosk-hub serve` in a child process; yields its base URL, stops it afterwards."""
    with hub_server(database_url, pool_size=pool_size, workers=workers) as server:
        yield server.url


@contextmanager
def hub_server(
    database_url: str,
    *,
    pool_size: int = 20,
    workers: int = 1,
    extra_env: dict[str, str] | None = None,
    cwd: Path | None = None,
    entry: list[str] | None = None,
) -> Iterator[HubServer]:
    """`kiosk-hub serve` in a child process (`extra_env` beside the HUB_* it sets); yields it
    once it answers, stops it afterwards. `cwd`: where it runs (`-m` imports the hub from
    there first: another checkout's code, for an A/B). `entry`: what Python runs instead of
    `-m kiosk.hub_cli` (a script that loads another tree's code and migrations first), given
    the same `serve …` arguments."""
    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
        "HUB_DATA_DIR": str(data_dir),
        "HUB_POOL_SIZE": str(pool_size),
        **(extra_env or {}),
    }
    cmd = [sys.executable, *(entry or ["-m", "kiosk.hub_cli"]), "serve", "--port", str(port)]
    cmd += ["--workers", str(workers)]
    # The request log on, as served in the field, into a file (as journald would take it).
    log_path = data_dir / "serve.log"
    log = log_path.open("wb")
    proc = subprocess.Popen([*cmd, "--log-level", "warning"], env=env, stderr=log, cwd=cwd)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("hub did not start")
            time.sleep(0.05)
        yield HubServer(url, proc.pid, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def admin(client: httpx.Client, method: str, path: str, body: Any = None) -> Any:
    response = client.request(
        method, path, json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    )
    response.raise_for_status()
    return response.json() if response.content else None


def enrol(client: httpx.Client, station_id: str, kiosk_id: str) -> str:
    code = admin(client, "POST", "/v1/admin/enrol-codes", {"station_id": station_id})["code"]
    response = client.post("/v1/enroll", json={"code": code, "kiosk_id": kiosk_id})
    response.raise_for_status()
    return str(response.json()["device_token"])


def make_events(station_id: str, kiosk_id: str, first_seq: int, count: int) -> list[dict[str, Any]]:
    """Check-ins and check-outs as a kiosk writes them (~330 bytes of JSON each)."""
    start = datetime(2026, 1, 20, 0, 0, tzinfo=UTC)
    out = []
    for seq in range(first_seq, first_seq + count):
        kind = "shift.checked_in" if seq % 2 else "shift.checked_out"
        out.append(
            {
                "id": new_id(),
                "kind": kind,
                "station_id": station_id,
                "kiosk_id": kiosk_id,
                "seq": seq,
                "occurred_at": (start + timedelta(seconds=seq)).isoformat(),
                "actor": f"v-{seq % 97}",
                "payload": {
                    "shift_id": f"sh-{kiosk_id}-{(seq + 1) // 2}",
                    "volunteer_id": f"v-{seq % 97}",
                    "method": "badge",
                },
            }
        )
    return out


def make_use_events(
    station_id: str, kiosk_id: str, first_seq: int, count: int
) -> list[dict[str, Any]]:
    """Uses as a kiosk records them (a service tapped, people counted) over a few days, five
    services and five groups: each push adds to ~25 day lines (and their month lines)."""
    start = datetime(2026, 1, 20, 0, 0, tzinfo=UTC)
    services = ("water", "phone_charging", "rest", "transport", "medicine")
    groups = ("rider", "courier", "traveller", "elderly", "none")
    return [
        {
            "id": new_id(),
            "kind": "service.used",
            "station_id": station_id,
            "kiosk_id": kiosk_id,
            "seq": seq,
            "occurred_at": (start + timedelta(seconds=seq * 7)).isoformat(),
            "actor": None,
            "payload": {
                "use_id": new_id(),
                "service_id": services[seq % 5],
                "audience": groups[(seq // 5) % 5],
                "count": 1 + seq % 3,
                "day": (start + timedelta(seconds=seq * 7)).date().isoformat(),
            },
        }
        for seq in range(first_seq, first_seq + count)
    ]


def make_ticket_events(
    station_id: str, kiosk_id: str, first_seq: int, count: int, lag: int = 250
) -> list[dict[str, Any]]:
    """Requests ordered and accepted as a kiosk writes them: odd seqs order a request, even
    seqs accept the one ordered `lag` orders earlier (in an earlier batch of 500, so its
    ticket's row is read back and refolded, the read model's usual case)."""
    start = datetime(2026, 1, 20, 0, 0, tzinfo=UTC)
    out = []
    for seq in range(first_seq, first_seq + count):
        event: dict[str, Any] = {
            "id": new_id(),
            "station_id": station_id,
            "kiosk_id": kiosk_id,
            "seq": seq,
            "occurred_at": (start + timedelta(seconds=seq)).isoformat(),
            "actor": None,
        }
        ordered = seq - 2 * lag - 1  # the order this event accepts, if it is an accept
        if seq % 2 or ordered < 1:
            ticket = str(100_000 + seq % 900_000)
            event["kind"] = "request.ordered"
            event["payload"] = {"request_id": f"r-{kiosk_id}-{seq}", "ticket": ticket}
            event["payload"] |= {"category": "luggage", "channel": "kiosk"}
        else:
            volunteer = f"v-{seq % 97}"
            event |= {"kind": "request.accepted", "actor": volunteer}
            event["payload"] = {"request_id": f"r-{kiosk_id}-{ordered}", "volunteer_id": volunteer}
        out.append(event)
    return out


def make_loan_events(
    station_id: str, kiosk_id: str, first_seq: int, count: int, lag: int = 250
) -> list[dict[str, Any]]:
    """Umbrellas lent and phones left to charge, each ended `lag` starts later (in an earlier
    batch of 500, so its loan's or session's row is read back and refolded): seqs 4k+1 lend,
    4k+2 return, 4k+3 start charging, 4k+4 collect."""
    start = datetime(2026, 1, 20, 0, 0, tzinfo=UTC)
    out = []
    for seq in range(first_seq, first_seq + count):
        at = start + timedelta(seconds=seq)
        event: dict[str, Any] = {
            "id": new_id(),
            "station_id": station_id,
            "kiosk_id": kiosk_id,
            "seq": seq,
            "occurred_at": at.isoformat(),
            "actor": None,
        }
        step, n = seq % 4, seq // 4
        ended = max(n - lag // 2, 0)  # the loan or session this event ends, if it ends one
        if step == 1:
            due = (at + timedelta(days=1)).isoformat()
            event["kind"] = "lending.borrowed"
            event["payload"] = {"loan_id": f"l-{kiosk_id}-{n}", "item": "umbrella"}
            event["payload"] |= {"method": "phone", "phone": "13800001111", "due_at": due}
        elif step == 2:
            event["kind"] = "lending.returned"
            event["payload"] = {"loan_id": f"l-{kiosk_id}-{ended}", "item": "umbrella"}
        elif step == 3:
            event["kind"] = "charging.started"
            event["payload"] = {"session_id": f"c-{kiosk_id}-{n}", "slot": f"A{n % 20}"}
            event["payload"]["code_hash"] = "x" * 40
        else:
            event["kind"] = "charging.collected"
            session = {"session_id": f"c-{kiosk_id}-{ended - 1}", "slot": "A1", "by": "code"}
            event["payload"] = session
        out.append(event)
    return out


def sign_in(client: Any, username: str, password: str) -> None:
    """Sign `client` (a TestClient or httpx client of the hub) in to the centre's pages."""
    form = client.get("/centre/login")
    token = form.text.split('name="csrf" value="')[1].split('"')[0]
    signed = client.post(
        "/centre/login",
        data={"csrf": token, "username": username, "password": password},
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text[:300]


def get_ms(
    client: Any, path: str, params: dict[str, str], stream: bool = False, whole: bool = False
) -> float:
    """One GET's client time in ms: the whole response, or (`stream`) its first byte, then the
    rest too if `whole` (a CSV's first byte and its download)."""
    start = time.perf_counter()
    if stream:
        with client.stream("GET", path, params=params) as response:
            assert response.status_code == 200
            chunks = response.iter_bytes()
            next(chunks)
            if whole:
                for _ in chunks:
                    pass
    else:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text[:300]
    return (time.perf_counter() - start) * 1000
