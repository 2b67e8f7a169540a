"""The centre's CSV exports never hand a spreadsheet a formula (OWASP CSV injection, issue 13
item 6), over real HTTP on SQLite and PostgreSQL: names pushed by a kiosk that start with =, +,
-, @, TAB or CR (also TAB/CR then one of those) come back neutralised, plain numbers as they
are."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import httpx

from tests.platform.hub.conftest import STATION, Hub

PASSWORD = "correct horse battery"
DAY = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
NAMES = ["\t=1+1", "\r=1+1", "\t@SUM(1)", "\r-1+1", '=HYPERLINK("http://x")', "+1+1", "@A1", " =1"]


def _signed_in(hub: Hub) -> httpx.Client:
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    client = httpx.Client(base_url=str(hub.client.base_url), timeout=30)
    form = client.get("/centre/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
    assert csrf is not None
    signed = client.post(
        "/centre/login",
        data={"csrf": csrf.group(1), "username": "boss", "password": PASSWORD},
    )
    assert signed.status_code == 303
    return client


def test_hours_csv_neutralises_names_that_look_like_formulas(hub: Hub) -> None:
    kiosk = hub.enrol("k-csv")
    events = []
    for n, name in enumerate(NAMES, start=1):
        volunteer = {"volunteer_id": f"v-{n}", "name": name, "number": f"{n}"}
        events += kiosk.write(
            1, kind="volunteer.registered", payload={**volunteer | {"phone": "13900000007"}}
        )
        shift = {"shift_id": f"sh-{n}", "volunteer_id": f"v-{n}", "method": "badge"}
        events += kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=DAY)
        events += kiosk.write(
            1, kind="shift.checked_out", payload=shift, occurred_at=DAY + timedelta(hours=1)
        )
    assert kiosk.push(events).status_code == 200
    boss = _signed_in(hub)
    try:
        exported = boss.get(
            "/centre/hours", params={"from": "2026-11-01", "to": "2026-11-30", "format": "csv"}
        )
    finally:
        boss.close()
    assert exported.status_code == 200
    header, *rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert sorted(row[header.index("name")] for row in rows) == sorted("'" + n for n in NAMES)
    assert {row[0] for row in rows} == {STATION}
    assert all(row[header.index("minutes")] == "60" for row in rows)  # numbers stay numbers
