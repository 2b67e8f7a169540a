"""Kiosks pushing to a served hub, cheaply: a minimal keep-alive HTTP/1.1 connection per kiosk and
the load loop of `bench_hub_load` (each kiosk a small batch every ~interval seconds), shared by
the hub benchmarks that drive many kiosks (`bench_hub_load`, `bench_province`)."""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from tools.benchtools import ADMIN_TOKEN, make_events


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

    async def post(
        self, path: str, body: bytes, authorization: str, request_id: str = ""
    ) -> tuple[int, bytes]:
        extra = f"X-Request-ID: {request_id}\r\n" if request_id else ""
        head = (
            f"POST {path} HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\n"
            f"Authorization: {authorization}\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
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


def host_port(url: str) -> tuple[str, int]:
    host, port = url.removeprefix("http://").split(":")
    return host, int(port)


@dataclass
class Device:
    """An enrolled kiosk: its station, id, device token and the next seq it will push."""

    station: str
    kiosk: str
    token: str
    next_seq: int = 1


EventMaker = Callable[[str, str, int, int], list[dict[str, Any]]]


async def enrol_devices(
    url: str, stations: Sequence[dict[str, str]], kiosks: Sequence[tuple[str, str]]
) -> list[Device]:
    """Create `stations` (the admin API's bodies) and enrol `kiosks` ((station, kiosk id)),
    20 at a time; the devices in the order of `kiosks`."""
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    limits = httpx.Limits(max_connections=30, max_keepalive_connections=30)
    gate = asyncio.Semaphore(20)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def station(body: dict[str, str]) -> None:
            async with gate:
                reply = await client.post("/v1/admin/stations", json=body, headers=admin)
                reply.raise_for_status()

        async def one(station_id: str, kiosk_id: str) -> Device:
            async with gate:
                code = await client.post(
                    "/v1/admin/enrol-codes", json={"station_id": station_id}, headers=admin
                )
                code.raise_for_status()
                enrolled = await client.post(
                    "/v1/enroll", json={"code": code.json()["code"], "kiosk_id": kiosk_id}
                )
                enrolled.raise_for_status()
                return Device(station_id, kiosk_id, enrolled.json()["device_token"])

        await asyncio.gather(*(station(body) for body in stations))
        return list(await asyncio.gather(*(one(s, k) for s, k in kiosks)))


async def push_load(
    url: str,
    devices: Sequence[Device],
    duration: float,
    interval: float,
    make: EventMaker = make_events,
    stagger: float | None = None,
) -> dict[str, Any]:
    """Every device pushes 1–5 events (`make(station, kiosk, first_seq, count)`) every
    ~`interval` s (uniform jitter 0–2×interval, one request in flight per kiosk, as the sync
    worker does) for `duration` s, its first push after 0–`stagger` s (default 2×interval;
    `interval` reaches the steady rate at once). Latency at the client; each device's
    `next_seq` advances."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + duration
    host, port = host_port(url)

    async def kiosk(device: Device) -> None:
        rng = random.Random(device.kiosk)
        auth = f"Bearer {device.token}"
        connection: Connection | None = None
        events: list[dict[str, Any]] = []
        await asyncio.sleep(rng.uniform(0, 2 * interval if stagger is None else stagger))
        while time.monotonic() < deadline:
            if not events:  # after an error the same events are sent again, as kiosks do
                events = make(device.station, device.kiosk, device.next_seq, rng.randint(1, 5))
            body = json.dumps({"kiosk_id": device.kiosk, "events": events}).encode()
            started = time.perf_counter()
            try:
                if connection is not None and connection.reader.at_eof():
                    connection.close()  # the hub closed it while idle: reconnect, as httpx does
                    connection = None
                if connection is None:
                    connection = await Connection.open(host, port)
                status, reply = await connection.post("/v1/sync/push", body, auth)
                latencies.append((time.perf_counter() - started) * 1000)
                if status != 200:
                    errors.append(f"{status} {reply[:200]!r}")
                elif json.loads(reply)["acked_seq"] != events[-1]["seq"]:
                    errors.append(f"{device.kiosk}: wrong acked_seq")
                else:
                    device.next_seq += len(events)
                    events = []
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(repr(exc))
                if connection is not None:
                    connection.close()
                connection = None
            await asyncio.sleep(rng.uniform(0, 2 * interval))
        if connection is not None:
            connection.close()

    await asyncio.gather(*(kiosk(d) for d in devices))
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "kiosks": len(devices),
        "requests": len(latencies),
        "push_p50_ms": round(cuts[49], 1),
        "push_p99_ms": round(cuts[98], 1),
        "errors": len(errors),
        "first_errors": errors[:5],
    }
