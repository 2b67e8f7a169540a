"""Centre pages that fold each station's events read every station's in one query (#15); the
same aggregate id at two stations stays two lines, each under its own station."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

OTHER = "st-fuzhou-south"


def test_the_rota_page_keeps_each_stations_lines_apart(hub: Hub) -> None:
    hub.create_station(OTHER)
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    starts = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    for station, kiosk_id, volunteer in ((STATION, "k-w", "v-west"), (OTHER, "k-s", "v-south")):
        kiosk = hub.enrol(kiosk_id, station)
        shift = {
            "rota_id": "r-1",  # the same id at both stations: two different lines
            "volunteer_id": volunteer,
            "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(),
        }
        events = kiosk.write(1, station_id=station, kind="rota.shift_set", payload=shift)
        assert kiosk.push(events).status_code == 200
    page = signed_in(hub, "boss").get("/centre/rota")
    assert page.status_code == 200
    lines = re.findall(r'<tr class="rota-line" data-station="([^"]+)">(.*?)</tr>', page.text, re.S)
    found = sorted((station, "v-west" in row, "v-south" in row) for station, row in lines)
    assert found == sorted([(STATION, True, False), (OTHER, False, True)])
