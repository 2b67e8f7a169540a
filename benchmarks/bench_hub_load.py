"""The hub under 1,000 simulated kiosks: `kiosk-hub serve` (one process) on a throwaway
PostgreSQL (durable), each kiosk an enrolled device pushing a small batch (1–5 events) every
~`interval` seconds (uniform jitter 0–2×interval, one request in flight per kiosk, as the sync
worker does) for a bounded time, over loopback only. Latency is measured at the client.
Prints one JSON line: {"kiosks", "requests", "push_p50_ms", "push_p99_ms", "errors"}.
Budget (DESIGN §6): p99 ≤ 200 ms, no error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvloop

from tools.benchtools import ADMIN_TOKEN, hub_process, make_events
from tools.pgtemp import TempPostgres

STATIONS = 100  # ten kiosks per station


async def enrol_all(client: httpx.AsyncClient, kiosks: int) -> list[tuple[str, str, str]]:
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    for s in range(STATIONS):
        body = {"station_id": f"st-{s:03d}", "name": f"station {s}"}
        (await client.post("/v1/admin/stations", json=body, headers=admin)).raise_for_status()
    gate = asyncio.Semaphore(20)

    async def one(i: int) -> tuple[str, str, str]:
        station = f"st-{i % STATIONS:03d}"
        async with gate:
            code = await client.post(
                "/v1/admin/enrol-codes", json={"station_id": station}, headers=admin
            )
            code.raise_for_status()
            kiosk_id = f"k-{i:04d}"
            enrolled = await client.post(
                "/v1/enroll", json={"code": code.json()["code"], "kiosk_id": kiosk_id}
            )
            enrolled.raise_for_status()
            return station, kiosk_id, enrolled.json()["device_token"]

    return list(await asyncio.gather(*(one(i) for i in range(kiosks))))


class Connection:
    """One kiosk's keep-alive HTTP/1.1 connection, reduced to what a push needs.

    The load generator shares two cores with the hub and PostgreSQL, so it must be cheap: httpx
    costs ~4 ms of CPU per request here, and with 1,000 kiosks the generator, not the hub, became
    the bottleneck and its own queueing was what the latencies measured. This costs ~0.1 ms.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int) -> Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    async def post(self, path: str, body: bytes, authorization: str) -> tuple[int, bytes]:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            f"Authorization: {authorization}\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self.writer.write(head.encode() + body)
        response = await self.reader.readuntil(b"\r\n\r\n")
        lines = response.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        self.writer.close()


async def run(url: str, kiosks: int, duration: float, interval: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=30, max_keepalive_connections=30)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as admin_client:
        devices = await enrol_all(admin_client, kiosks)
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration
    host, port = url.removeprefix("http://").split(":")

    async def kiosk(station: str, kiosk_id: str, token: str) -> None:
        rng = random.Random(kiosk_id)
        auth = f"Bearer {token}"
        seq = 1
        connection: Connection | None = None
        events: list[dict[str, object]] = []
        await asyncio.sleep(rng.uniform(0, 2 * interval))
        while time.monotonic() < deadline:
            if not events:  # after an error the same events are sent again, as kiosks do
                events = make_events(station, kiosk_id, seq, rng.randint(1, 5))
            body = json.dumps({"kiosk_id": kiosk_id, "events": events}).encode()
            started = time.perf_counter()
            try:
                if connection is not None and connection.reader.at_eof():
                    connection.close()  # the hub closed it while idle: reconnect, as httpx does
                    connection = None
                if connection is None:
                    connection = await Connection.open(host, int(port))
                status, reply = await connection.post("/v1/sync/push", body, auth)
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors.append(f"{status} {reply[:200]!r}")
                elif json.loads(reply)["acked_seq"] != events[-1]["seq"]:
                    errors.append(f"{kiosk_id}: wrong acked_seq")
                else:
                    seq += len(events)
                    events = []
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(repr(exc))
                if connection is not None:
                    connection.close()
                connection = None
            await asyncio.sleep(rng.uniform(0, 2 * interval))
        if connection is not None:
            connection.close()

    await asyncio.gather(*(kiosk(*d) for d in devices))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    if errors:
        print("\n".join(errors[:5]), file=sys.stderr)
    return {
        "kiosks": kiosks,
        "requests": len(latencies),
        "push_p50_ms": round(cuts[49], 1),
        "push_p99_ms": round(cuts[98], 1),
        "errors": len(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kiosks", type=int, default=1000)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of load")
    parser.add_argument("--interval", type=float, default=5.0, help="mean seconds between pushes")
    parser.add_argument("--workers", type=int, default=1, help="hub worker processes")
    args = parser.parse_args()
    with (
        TempPostgres(durable=True, max_connections=200) as pg,
        hub_process(pg.url, pool_size=20, workers=args.workers) as url,
    ):
        result = uvloop.run(run(url, args.kiosks, args.duration, args.interval))
    print(json.dumps({**result, "hub_workers": args.workers}))


if __name__ == "__main__":
    main()
