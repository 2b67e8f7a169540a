"""Start-up of two kiosk programs compared in one run: `python -m tools.startup_ab OTHER [N]`.

On a shared, noisy machine three separate `bench_startup.py` runs swing by a ratio point; this
starts, per round, the bare Qt window, then each program to "painted", "ready" and "settled", and
prints one JSON line: medians of N rounds (default 9), each as a ratio of the bare window's
median and as the child's CPU time (user + system, from `wait4`), which the machine's load
moves far less than the wall clock. OTHER is a source tree (`git archive REV | tar -x -C DIR`,
run with this venv's Python) or a bundle's executable (`dist/kiosk/kiosk`); it is compared with
this tree's venv. docs/performance.md has the figures it gave.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from _kiosk_proc import BARE_QT, env, prepared_data_dir  # noqa: E402

Sample = tuple[float, float]  # wall ms, CPU ms
# A tree from before the kiosk printed "settled" (every flow made) is timed to ready only.
PROBES = (("paint", "painted"), ("ready", "ready"), ("settled", "settled"))


def _run(args: list[str], cwd: Path, extra: dict[str, str], marker: str) -> Sample:
    start = time.perf_counter()
    proc = subprocess.Popen(
        args,
        cwd=cwd,
        env=env(**extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    wall = None
    for line in proc.stdout:
        if line.strip() == marker:
            wall = (time.perf_counter() - start) * 1000
            break
    _pid, status, usage = os.wait4(proc.pid, 0)  # reaped here, with its CPU time
    proc.returncode = os.waitstatus_to_exitcode(status)
    if wall is None:
        raise RuntimeError(f"{args[0]} ended without printing {marker!r}")
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def _settles(tree: Path) -> bool:
    """Whether the kiosk in `tree` prints "settled" (the lazy start, #20)."""
    app = tree / "kiosk" / "app.py"
    return not app.exists() or '"settled"' in app.read_text(encoding="utf-8")


def _program(other: Path) -> tuple[list[str], Path]:
    if other.is_file():  # a bundle's executable
        return [str(other)], ROOT
    return [sys.executable, "-m", "kiosk"], other  # a source tree: its kiosk/ comes first


def main(other: Path, rounds: int) -> dict[str, object]:
    programs = {"this": ([sys.executable, "-m", "kiosk"], ROOT), "other": _program(other)}
    data_dir = prepared_data_dir()
    samples: dict[str, list[Sample]] = {"bare": []}
    try:
        for _ in range(rounds):
            bare = [sys.executable, "-c", BARE_QT]
            samples["bare"].append(_run(bare, ROOT, {"BARE_PROBE": "paint"}, "painted"))
            for name, (program, cwd) in programs.items():
                for probe, marker in PROBES if _settles(cwd) else PROBES[:2]:
                    extra = {"KIOSK_STARTUP_PROBE": probe, "KIOSK_SPEECH_ENGINE": ""}
                    args = [*program, "--data-dir", str(data_dir)]
                    samples.setdefault(f"{name}_{marker}", []).append(
                        _run(args, cwd, extra, marker)
                    )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    floor = statistics.median(wall for wall, _ in samples["bare"])
    figures: dict[str, object] = {
        "bare_ms": round(floor, 1),
        "bare_cpu_ms": round(statistics.median(cpu for _, cpu in samples["bare"]), 1),
    }
    for key, values in samples.items():
        if key != "bare":
            wall = statistics.median(w for w, _ in values)
            figures[f"{key}_ratio"] = round(wall / floor, 2)
            figures[f"{key}_cpu_ms"] = round(statistics.median(c for _, c in values), 1)
    return figures


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    rounds = int(sys.argv[2]) if len(sys.argv) == 3 else 9
    print(json.dumps(main(Path(sys.argv[1]).resolve(), rounds)))
