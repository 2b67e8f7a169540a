"""The centre's train-times page over real HTTP against a real hub (SQLite): the marks two
kiosks pushed are listed per station, newest first, in the stations' time, as HTML and CSV;
a station account sees only its station."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve, wire_event
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER = "st-fuzhou-south"
AT = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


@pytest.fixture
def centre(tmp_path: Path) -> Iterator[Hub]:
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        admin_token=ADMIN_TOKEN,
    )
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        hub.create_station()
        hub.create_station(OTHER)
        accounts = app.state.account_service
        accounts.create("boss", PASSWORD, "centre", [])
        accounts.create("west", PASSWORD, "station", [STATION])
        yield hub


def mark(kind: str, train: str, minute: int, **extra: Any) -> dict[str, Any]:
    payload = {"run_id": f"2026-11-20/{train}", "train": train, "day": "2026-11-20", **extra}
    return {"kind": f"train.{kind}", "payload": payload, "occurred_at": AT.replace(minute=minute)}


def push(hub: Hub, kiosk_id: str, station: str, marks: list[dict[str, Any]]) -> None:
    kiosk = hub.enrol(kiosk_id, station)
    events = [
        wire_event(kiosk.kiosk_id, n + 1, station_id=station, **m) for n, m in enumerate(marks)
    ]
    response = kiosk.push(events)
    assert response.status_code == 200, response.text
    assert all(r["status"] == "applied" for r in response.json()["results"]), response.text


def test_the_centre_lists_each_stations_train_marks(centre: Hub) -> None:
    push(
        centre,
        "west-north-1",
        STATION,
        [mark("delayed", "D56", 5, minutes=25), mark("gate_changed", "G1236", 9, gate="B11")],
    )
    push(centre, "fzs-1", OTHER, [mark("cancelled", "K1", 12)])
    boss = signed_in(centre, "boss")
    range_ = {"from": "2026-11-01", "to": "2026-11-30"}
    page = boss.get("/centre/trains", params=range_)
    assert page.status_code == 200, page.text
    html = page.text
    assert 'href="/centre/trains" aria-current="page"' in html
    assert html.index("G1236") < html.index("D56")  # newest first
    assert "改检票口" in html and "B11" in html and "2026-11-20 09:09" in html
    assert "停运" in html and "<td>K1</td>" in html
    csv_text = boss.get("/centre/trains", params={**range_, "format": "csv"}).text
    assert "2026-11-20 09:05,D56,2026-11-20,delayed,25" in csv_text
    west = signed_in(centre, "west").get("/centre/trains", params=range_).text
    # a station account sees its station only (a cell: "K1" alone can be in a random token)
    assert "<td>D56</td>" in west and "<td>K1</td>" not in west
