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

from kiosk.hub.benchtools import ADMIN_TOKEN, hub_process, make_events
from kiosk.hub.pgtemp import TempPostgres

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


async def run(url: str, kiosks: int, duration: float, interval: float) -> dict[str, object]:
    limits = httpx.Limits(max_connections=kiosks + 10, max_keepalive_connections=kiosks + 10)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        devices = await enrol_all(client, kiosks)
        latencies: list[float] = []
        errors: list[str] = []
        deadline = time.monotonic() + duration

        async def kiosk(station: str, kiosk_id: str, token: str) -> None:
            rng = random.Random(kiosk_id)
            headers = {"Authorization": f"Bearer {token}"}
            seq = 1
            await asyncio.sleep(rng.uniform(0, 2 * interval))
            while time.monotonic() < deadline:
                events = make_events(station, kiosk_id, seq, rng.randint(1, 5))
                started = time.perf_counter()
                try:
                    response = await client.post(
                        "/v1/sync/push",
                        json={"kiosk_id": kiosk_id, "events": events},
                        headers=headers,
                    )
                    latencies.append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        errors.append(f"{response.status_code} {response.text[:200]}")
                    elif response.json()["acked_seq"] != events[-1]["seq"]:
                        errors.append(f"{kiosk_id}: wrong acked_seq")
                except httpx.HTTPError as exc:
                    errors.append(repr(exc))
                seq += len(events)
                await asyncio.sleep(rng.uniform(0, 2 * interval))

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
    args = parser.parse_args()
    with (
        TempPostgres(durable=True, max_connections=200) as pg,
        hub_process(pg.url, pool_size=20) as url,
    ):
        result = asyncio.run(run(url, args.kiosks, args.duration, args.interval))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
