"""The hub under 1,000 simulated kiosks: `kiosk-hub serve` (one process) on a throwaway
PostgreSQL (durable), each kiosk an enrolled device pushing a small batch (1–5 events) every
~`interval` seconds (uniform jitter 0–2×interval, one request in flight per kiosk, as the sync
worker does) for a bounded time, over loopback only. Latency is measured at the client.
Prints one JSON line: {"kiosks", "requests", "push_p50_ms", "push_p99_ms", "errors"}.
Budget (DESIGN §6): p99 ≤ 200 ms, no error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvloop

from tools.benchload import enrol_devices, push_load
from tools.benchtools import hub_process
from tools.pgtemp import TempPostgres

STATIONS = 100  # ten kiosks per station


async def run(url: str, kiosks: int, duration: float, interval: float) -> dict[str, object]:
    stations = [{"station_id": f"st-{s:03d}", "name": f"station {s}"} for s in range(STATIONS)]
    pairs = [(f"st-{i % STATIONS:03d}", f"k-{i:04d}") for i in range(kiosks)]
    devices = await enrol_devices(url, stations, pairs)
    result = await push_load(url, devices, duration, interval)
    if result["first_errors"]:
        print("\n".join(result["first_errors"]), file=sys.stderr)
    return {k: v for k, v in result.items() if k != "first_errors"}


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
