"""An emergency and the medicine box across the two exits of a station, through a real hub."""

from __future__ import annotations

from datetime import timedelta

from tests.platform.sync.conftest import HubServer, SyncedKiosk


def test_an_alert_raised_at_one_exit_shows_at_the_other_until_acknowledged_there(
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    south.services.shifts.clock_with_pin("13800000001", "1234")
    admin = south.services.duty.admin()
    expiry = south.services.medicine.today() + timedelta(days=200)
    south.services.medicine.restock(admin, "plaster", "P1", expiry, 10)
    alert = south.services.emergency.raise_alert("南出口", "South exit")
    south.engine.sync_once()

    north.engine.sync_once()
    [seen] = north.services.emergency.open_alerts()
    assert seen.id == alert.id and seen.place("en") == "South exit" and not seen.here
    volunteer = north.services.duty.by_phone_pin("13800000001", "1234")  # on duty at the south
    north.services.emergency.acknowledge(seen.id, volunteer)
    north.services.medicine.dispense(volunteer, "plaster", 3, "cut_graze", "traveller")
    north.engine.sync_once()

    south.engine.sync_once()
    assert south.services.emergency.open_alerts() == []
    assert south.services.medicine.offered("plaster").quantity == 7  # type: ignore[union-attr]
