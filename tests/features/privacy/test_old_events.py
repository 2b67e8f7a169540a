"""A kiosk database from before personal data was sealed (the 0017 upgrade fixture, written by
that version's code: phones and words in clear) still reads after the upgrade: the wish's text,
the borrower's phone masked, the phone's return; new data written after is sealed."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.core.clock import FixedClock
from kiosk.settings import Settings
from kiosk.shell.context import build_services
from tests.conftest import START
from tests.data.make_fixtures import STATION

FIXTURE = Path(__file__).resolve().parents[2] / "data" / "kiosk_schema_0017.sqlite"


def test_clear_events_of_an_older_kiosk_still_read(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    shutil.copyfile(FIXTURE, data_dir / "kiosk.sqlite3")
    assert b"13698761234" in FIXTURE.read_bytes()  # written in clear by that version
    services = build_services(Settings(data_dir=data_dir, station_id=STATION), FixedClock(START))
    try:
        texts = {w.text for w in services.wishes.open_wishes()}
        assert "More chairs near gate 3 please" in texts
        (loan,) = services.lending.open_loans()
        assert loan.masked_phone == "136****1234"
        services.lending.return_by_phone("umbrella", "13698761234")  # found by its clear phone
        assert services.lending.open_loans() == []
        fresh = services.wishes.submit("rest", "新的留言")
        assert services.wishes.get(fresh.id).text == "新的留言"
    finally:
        services.close()
    assert "新的留言".encode() not in (data_dir / "kiosk.sqlite3").read_bytes()
