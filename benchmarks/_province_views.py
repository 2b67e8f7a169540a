"""The pages `bench_province` times and how: the centre's navigation (`PAGES`), a view timed by
the hub's own request log and its memory by /proc, the growth law and the budgets (#15), the
plans of the slowest pages (auto_explain), the table on stderr."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg

from tools.benchtools import HubServer, hub_server, sign_in
from tools.pgtemp import TempPostgres

WARM = 5
SLOW_MS = 10_000  # a first view slower than this gets 2 warm views, not 5
PASSWORD = "bench password 1"
BUSY = "st-0000"
NOW = datetime.now(UTC).replace(microsecond=0)
BUDGET_CENTRE_MS, BUDGET_STATION_MS, BUDGET_MB = 300, 100, 200
BUDGET_READY_S, BUDGET_PUSH_P99_MS, BUDGET_FLAT = 10, 100, 1.5
SIZE_TABLES = (
    "events",
    "event_keys",
    "usage_daily",
    "shift_facts",
    "ticket_facts",
    "medicine_lots",
    "lending_loans",
    "charging_sessions",
    "station_roster",
    "kiosks",
)


@dataclass(frozen=True)
class Page:
    """A centre page: its tab, path, whether it has a CSV and takes `?region=`, the events it
    is about (its floor counts them) and the days it shows (None: the state now, all time)."""

    name: str
    path: str
    kinds: tuple[str, ...] = ()
    days: int | None = 30
    csv: bool = False
    region: bool = False


# Every tab of the centre's navigation (web_centre.PLATFORM_TABS and the parts' centre_tabs),
# and the 365-day views of the three the issue found slowest.
PAGES = (
    Page("stations", "/centre/", days=None),
    Page("usage", "/centre/usage", ("service.used",), csv=True),
    Page("usage_365d", "/centre/usage", ("service.used",), 365, csv=True),
    Page("volunteers", "/centre/volunteers", ("volunteer.", "badge."), None),
    Page("hours", "/centre/hours", ("shift.",), csv=True),
    Page("hours_365d", "/centre/hours", ("shift.",), 365, csv=True),
    Page("rollcalls", "/centre/rollcalls", ("rollcall.",), csv=True),
    Page("training", "/centre/training", ("training.",), None, csv=True),
    Page("trains", "/centre/trains", ("train.",), csv=True),
    Page("activities", "/centre/activities", ("activity.",), csv=True),
    Page("handovers", "/centre/handovers", ("handover.",), csv=True),
    Page("rota", "/centre/rota", ("rota.",), None),
    Page("tickets", "/centre/tickets", ("request.",), csv=True),
    Page("tickets_365d", "/centre/tickets", ("request.",), 365, csv=True),
    Page("lists", "/centre/lists", ("lists.",), None, csv=True, region=True),
    Page("alerts", "/centre/alerts", ("medicine.", "lending.", "charging.", "aed."), None, True),
    Page("publish", "/centre/publish", days=None),
    Page("webhooks", "/centre/webhooks", days=None),
    Page("privacy", "/centre/privacy", ("privacy.",), None),
)


# --- the hub process: its log and memory ----------------------------------------------------


def server_ms(server: HubServer) -> dict[str, float]:
    """Each logged request's server time, by request id."""
    out = {}
    for line in server.log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            with_id = json.loads(line)
            out[with_id["request_id"]] = float(with_id["duration_ms"])
    return out


def proc_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


class Viewer:
    """Views pages on a served hub as one signed-in account, each view tagged by request id."""

    def __init__(self, server: HubServer, client: httpx.Client, tag: str) -> None:
        self.server, self.client, self.tag, self.n = server, client, tag, 0

    def view(self, path: str, params: dict[str, str]) -> tuple[str, int, float, float, int]:
        """(request id, status, client ms to first byte, client ms whole, bytes)."""
        self.n += 1
        rid = f"{self.tag}-{self.n}"
        start = time.perf_counter()
        with self.client.stream("GET", path, params=params, headers={"X-Request-ID": rid}) as r:
            chunks = r.iter_bytes()
            head = next(chunks, b"")
            first = (time.perf_counter() - start) * 1000
            size = len(head) + sum(len(c) for c in chunks)
        return rid, r.status_code, first, (time.perf_counter() - start) * 1000, size

    def measure(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """The first view and the median of the warm ones (server, client, first byte), the
        size and the peak RSS above the hub's before them."""
        pid = self.server.pid
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM := VmRSS
        rss_before = proc_kb(pid, "VmRSS")
        views = [self.view(path, params)]
        if views[0][1] != 200:
            return {"status": views[0][1]}
        warm = WARM if views[0][3] < SLOW_MS else 2
        views += [self.view(path, params) for _ in range(warm)]
        peak_mb = (proc_kb(pid, "VmHWM") - rss_before) / 1024
        times = server_ms(self.server)
        served = [times.get(v[0], math.nan) for v in views]
        return {
            "status": views[0][1],
            "first_ms": round(served[0], 1),
            "ms": round(statistics.median(served[1:]), 1),
            "client_ms": round(statistics.median(v[3] for v in views[1:]), 1),
            "first_byte_ms": round(statistics.median(v[2] for v in views[1:]), 1),
            "warm_views": warm,
            "kb": round(views[-1][4] / 1024, 1),
            "rss_peak_mb": round(peak_mb, 1),
        }


def span(days: int | None) -> dict[str, str]:
    if days is None:
        return {}
    today = (NOW + timedelta(hours=8)).date()
    return {"from": (today - timedelta(days=days - 1)).isoformat(), "to": today.isoformat()}


def centre_pages(viewer: Viewer, station_admin: Viewer) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for page in PAGES:
        base = span(page.days)
        row: dict[str, Any] = {"all": viewer.measure(page.path, base)}
        if page.region:
            row["region"] = viewer.measure(page.path, {**base, "region": "片区03"})
        row["station"] = viewer.measure(page.path, {**base, "station": BUSY})
        if page.csv:
            row["csv"] = viewer.measure(page.path, {**base, "format": "csv"})
        row["station_admin"] = station_admin.measure(page.path, base)
        out[page.name] = row
        print(f"  {page.name}: {json.dumps(row)}", file=sys.stderr, flush=True)
    return out


# --- the growth law, the plans of the worst, the table ----------------------------------------


def growth(small: dict[str, Any], large: dict[str, Any], events: tuple[int, int]) -> dict[str, Any]:
    """Per page and view: the time at the large size over the small, and the exponent k of
    time ~ events^k fitted through the two; `at_20x` = 20^k, the 1M -> 20M ratio it predicts
    (budget: ≤ 1.5)."""
    out: dict[str, Any] = {}
    scale = math.log(events[1] / events[0])
    for name, row in large["pages"].items():
        for view, figures in row.items():
            before = small["pages"][name].get(view, {})
            if "ms" not in figures or not before.get("ms"):
                continue
            ratio = figures["ms"] / before["ms"]
            k = math.log(ratio) / scale if ratio > 0 else math.nan
            out[f"{name}.{view}"] = {
                "ratio": round(ratio, 2),
                "exponent": round(k, 2),
                "at_20x": round(20**k, 2),
                "flat": 20**k <= BUDGET_FLAT,
            }
    return out


def verdicts(size: dict[str, Any]) -> dict[str, Any]:
    """Each figure against its budget (#15) at this size."""
    out: dict[str, Any] = {}
    for name, row in size["pages"].items():
        for view, f in row.items():
            if "ms" not in f:
                out[f"{name}.{view}"] = {"met": False, "why": f"status {f.get('status')}"}
                continue
            if view == "station_admin":
                budget, figure = BUDGET_STATION_MS, f["ms"]
            elif view == "csv":
                budget, figure = BUDGET_CENTRE_MS, f["first_byte_ms"]
            else:
                budget, figure = BUDGET_CENTRE_MS, f["ms"]
            met = figure <= budget and f["rss_peak_mb"] <= BUDGET_MB
            out[f"{name}.{view}"] = {"figure_ms": figure, "budget_ms": budget, "met": met}
    return out


def worst_views(large: dict[str, Any], worst: int) -> list[tuple[str, str]]:
    """The `worst` slowest all-station views (pages and CSVs) of a size: (page, view)."""
    ranked = sorted(
        (f["ms"], name, view)
        for name, row in large["pages"].items()
        for view, f in row.items()
        if view in ("all", "csv") and "ms" in f
    )
    return [(name, view) for _, name, view in ranked[-worst:]][::-1]


def params_of(name: str, view: str) -> tuple[str, dict[str, str]]:
    page = next(p for p in PAGES if p.name == name)
    params = span(page.days) | ({"format": "csv"} if view == "csv" else {})
    return page.path, params


def explain(pg: TempPostgres, large: dict[str, Any], worst: int, plans: Path) -> list[str]:
    """The `worst` slowest all-station views viewed once more with auto_explain on (every
    statement's plan and time, ANALYZE, BUFFERS) into `plans`, each with the sum of its
    statements' durations beside its server time; then, if py-spy is on PATH or in
    $PY_SPY, each profiled over 3 views (auto_explain off) and the hot frames summarised
    there too. Returns the views explained."""
    views = worst_views(large, worst)
    settings = {
        "session_preload_libraries": "auto_explain",
        "auto_explain.log_min_duration": "0",
        "auto_explain.log_analyze": "on",
        "auto_explain.log_buffers": "on",
        "auto_explain.log_nested_statements": "on",
    }
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        for key, value in settings.items():
            conn.execute(f"ALTER DATABASE {pg.dbname} SET {key} = '{value}'")
    log = pg.root / "server.log"
    with (
        plans.open("w") as out,
        hub_server(pg.url) as server,
        httpx.Client(base_url=server.url, timeout=900) as client,
    ):
        sign_in(client, "boss", PASSWORD)
        for name, view in views:
            offset = log.stat().st_size
            viewer = Viewer(server, client, f"x-{name}-{view}")
            rid, status, _, _, _ = viewer.view(*params_of(name, view))
            time.sleep(0.5)
            with log.open(errors="replace") as text:
                text.seek(offset)
                logged = text.read()
            sql_ms = sum(
                float(line.split("duration: ")[1].split(" ms")[0])
                for line in logged.splitlines()
                if "duration: " in line and " ms  plan:" in line
            )
            served = server_ms(server).get(rid, math.nan)
            out.write(f"===== {name}.{view}: status {status}, server {served:.0f} ms with")
            out.write(f" auto_explain on; its statements' durations summed: {sql_ms:.0f} ms")
            out.write(" (nested statements counted twice)\n")
            out.write(logged + "\n")
    with psycopg.connect(pg.dsn, autocommit=True) as conn:
        for key in settings:
            conn.execute(f"ALTER DATABASE {pg.dbname} RESET {key}")
    spy = os.environ.get("PY_SPY") or shutil.which("py-spy")
    if spy:
        with plans.open("a") as out:
            profiles(pg, views, spy, out)
    return [f"{name}.{view}" for name, view in views]


def profiles(pg: TempPostgres, views: list[tuple[str, str]], spy: str, out: Any) -> None:
    """Each view 3 times under py-spy (the hub's process, 200 samples a second, idle threads
    left out): the frames holding the most samples, inclusive."""
    with (
        hub_server(pg.url) as server,
        httpx.Client(base_url=server.url, timeout=900) as client,
    ):
        sign_in(client, "boss", PASSWORD)
        viewer = Viewer(server, client, "py-spy")
        for name, view in views:
            raw = Path(tempfile.mkdtemp(prefix="spy-")) / "stacks.txt"
            cmd = [spy, "record", "-p", str(server.pid), "-r", "200", "--format", "raw"]
            recorder = subprocess.Popen(
                [*cmd, "-o", str(raw), "--nonblocking"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)
            for _ in range(3):
                viewer.view(*params_of(name, view))
            recorder.send_signal(signal.SIGINT)
            recorder.wait(timeout=60)
            out.write(f"===== py-spy, {name}.{view} x3 (inclusive samples, top frames)\n")
            out.write(hot_frames(raw.read_text() if raw.exists() else "") + "\n")


def hot_frames(collapsed: str, top: int = 20) -> str:
    """Our frames (kiosk/) by the samples whose stacks hold them (inclusive), and every frame
    by the samples it is the leaf of (self: a psycopg wait is the database's time)."""
    inclusive: dict[str, int] = {}
    leaf: dict[str, int] = {}
    total = 0
    for line in collapsed.splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        total += int(n)
        frames = stack.split(";")
        leaf[frames[-1]] = leaf.get(frames[-1], 0) + int(n)
        for frame in set(frames):
            if "kiosk/" in frame and "hub_cli.py" not in frame and "/cli.py" not in frame:
                inclusive[frame] = inclusive.get(frame, 0) + int(n)
    lines = [f"{total} samples; ours, inclusive:"]
    for counts in (inclusive, leaf):
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:top]
        lines += [f"{100 * c / max(total, 1):5.1f}%  {frame}" for frame, c in ranked]
        if counts is inclusive:
            lines.append("leaves (self):")
    return "\n".join(lines)


def table(result: dict[str, Any]) -> str:
    sizes = result["sizes"]
    labels = [str(s["events"]) for s in sizes]
    lines = [f"{'page.view':28} " + " ".join(f"{lab:>20}" for lab in labels)]
    lines.append(
        f"{'':28} "
        + " ".join(f"{'ms (floor ms) MB':>20}" for _ in labels)
        + "  ratio k   budget met"
    )
    large = sizes[-1]
    for key, verdict in verdicts(large).items():
        name, view = key.split(".")
        cells = []
        for size in sizes:
            f = size["pages"][name].get(view, {})
            figure = f.get("first_byte_ms") if view == "csv" else f.get("ms")
            floor = size["floors"].get(name, {}).get("sql_ms", "-") if view == "all" else "-"
            shown = figure if figure is not None else f.get("status")
            cells.append(f"{shown!s:>8} ({floor!s:>6}) {f.get('rss_peak_mb', '-')!s:>4}")
        g = result.get("growth", {}).get(key, {})
        growth_cells = f"{g.get('ratio', '-')!s:>5} {g.get('exponent', '-')!s:>4}"
        met = "yes" if verdict["met"] else "NO"
        tail = f"  {growth_cells} {verdict.get('budget_ms', '-')!s:>5} {met}"
        lines.append(f"{key:28} " + " ".join(f"{c:>20}" for c in cells) + tail)
    for size in sizes:
        b, p = size["bootstrap"], size["push_load"]
        lines.append(
            f"{size['events']} events: new kiosk ready {b['ready_s']} s (floor raw live"
            f" {b['floor_raw_live_s']} s, budget 10 s); push p99 {p['push_p99_ms']} ms at"
            f" {p['pushes_per_s']}/s from {p['kiosks']} kiosks, {p['errors']} errors (budget 100)"
        )
    return "\n".join(lines)
