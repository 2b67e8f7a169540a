"""The kiosk's start builds each payload and config validator on first use
(KIOSK_DEFER_PAYLOAD_BUILD, set by `run_app`), and a deferred model validates exactly as one
built at import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imports what a start imports before ready, then validates the same payloads either way.
PROBE = """
import json
import kiosk.shell.context
from kiosk.core.errors import ValidationError
from kiosk.core.events import kind_table
from kiosk.features.catalogue.config import Catalogue
from kiosk.features.charging.config import ChargingSlots
from kiosk.features.lending.config import LendingItems
from kiosk.features.medicine.config import MedicineItems
from kiosk.features.volunteers.domain.roster import Roster

table = kind_table()
built = sorted(name for name, model in table.payloads.items() if model.__pydantic_complete__)
configs = (Catalogue, ChargingSlots, LendingItems, MedicineItems, Roster)
built += [model.__name__ for model in configs if model.__pydantic_complete__]
answers = []
for payload in ({"shift_id": "s-1", "volunteer_id": "v-1", "method": "badge"}, {"shift_id": ""}):
    try:
        answers.append(table.validate("shift.checked_in", payload).model_dump(mode="json"))
    except ValidationError as exc:
        answers.append([exc.zh, exc.en])
answers.append(Roster.model_validate({"volunteers": []}).model_dump(mode="json"))
kinds = len(table.payloads) + len(configs)
print(json.dumps({"kinds": kinds, "built": built, "answers": answers}))
"""


def _probe(defer: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "KIOSK_DEFER_PAYLOAD_BUILD"}
    if defer:
        env["KIOSK_DEFER_PAYLOAD_BUILD"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_a_start_builds_no_payload_validator_before_its_first_use_and_validates_the_same() -> None:
    deferred, eager = _probe(defer=True), _probe(defer=False)

    assert deferred["built"] == []  # nothing validated yet: none built at import
    assert eager["built"] != [] and len(eager["built"]) == eager["kinds"]  # type: ignore[arg-type]
    assert deferred["answers"] == eager["answers"]
    good, bad, roster = deferred["answers"]  # type: ignore[misc]
    assert good["shift_id"] == "s-1"
    assert "shift_id" in bad[1]
    assert roster == {"volunteers": []}
