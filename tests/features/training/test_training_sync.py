"""Training records are the station's: a certificate recorded at the south exit's kiosk names
its holder as first-aid trained on the north kiosk's emergency page after a sync, and a void
made at the north kiosk reaches the south one (two kiosks, a real hub on loopback, the north
kiosk's real window)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.training.service import TrainingForm, TrainingService
from kiosk.features.training.ui.flow import TrainingFlow
from tests.features.volunteers.test_badges_across_kiosks import sync, window_of
from tests.kiosk_fixtures import tap, visible_text
from tests.platform.sync.conftest import HubServer, SyncedKiosk

PIN = "2468"
ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)


def test_a_certificate_recorded_at_one_exit_counts_at_the_other(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    recorded = south.services.get(TrainingService).record(
        ADMIN, TrainingForm("FZB-0001", "first_aid", "2026-06-01", "红十字会", "RC-7", "2028-06-01")
    )
    sync(south, north)
    north.services.shifts.clock_with_pin("13800000001", PIN)  # both on duty at the north exit
    north.services.shifts.clock_with_pin("13800000002", PIN)

    with window_of(qtbot, north) as window:
        tap(qtbot, window.top_bar.emergency_button)
        flow = window.flow("training")
        assert isinstance(flow, TrainingFlow) and flow.first_aid is not None
        assert "在岗急救人员" in visible_text(window)
        assert flow.first_aid.names.text() == "王芳（急救 / AED）"

    north_training = north.services.get(TrainingService)
    assert [r.id for r in north_training.records()] == [recorded.id]
    north_training.void(ADMIN, recorded.id, "mistake")  # recorded for the wrong person
    sync(north, south)
    (seen,) = south.services.get(TrainingService).records()
    assert seen.id == recorded.id and seen.voided
    on_duty = south.services.get(TrainingService).first_aid_on_duty()  # the station's duty
    assert {(d.volunteer_id, d.kind) for d in on_duty} == {(wang.id, ""), (li.id, "")}
    assert all(d.kind == "" for d in north_training.first_aid_on_duty())
