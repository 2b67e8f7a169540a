"""The screenshot runner (tools/screenshots.py) merges the scenes features declare
(`KIOSK_UI.scenes`) into its own list where each one's `Scene.after` says, so the files keep
their names and numbers when a feature's scenes move into its folder."""

from __future__ import annotations

from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tools.screenshots import _scenes

Kiosk = tuple[MainWindow, KioskServices]

CHARGING = [
    "charging_start",
    "charging_confirm",
    "charging_code",
    "charging_collect",
    "charging_wrong_code",
    "charging_unlock",
    "admin_charging",
]
LENDING = [
    "lending_books",
    "lending_wheelchair",
    "lending_empty",
    "lending_phone",
    "lending_approval",
    "lending_approval_pin",
    "admin_lending",
]

MEDICINE = [
    "medicine",
    "medicine_volunteer",
    "medicine_not_on_duty",
    "medicine_dispense",
    "medicine_dispense_expired",
    "medicine_restock",
    "medicine_daily_check",
]

EMERGENCY = [
    "emergency",
    "emergency_banner",
    "emergency_attending",
    "emergency_pin_alone",
    "emergency_attending_pin",
    "incident",
    "incident_note",
    "admin_safety",
    "admin_acknowledged",
]

ROLLCALL = ["rollcall", "rollcall_taker"]
TRAINING = ["training_list", "training_form"]
ACTIVITIES = ["activities_list", "activities_form", "activity_sheet", "activity_sign_in"]
ROTA = ["rota_list", "rota_form", "admin_rota", "rota_swaps", "admin_rota_swaps"]
HANDOVER = ["handover_record", "handover_read"]
PRIVACY = ["admin_privacy", "privacy_erase_ticket", "privacy_erase_confirm", "privacy_erased"]


def test_feature_scenes_follow_the_scene_they_name(kiosk: Kiosk) -> None:
    window, services = kiosk
    names = [name for name, _ in _scenes(window, [], services, {})]
    assert len(names) == len(set(names))  # one file name each
    at = names.index("pin_wrong") + 1
    assert names[at : at + 4] == ["setup_phone", "setup_code", "setup_pin", "setup_done"]
    at = names.index("admin_settings") + 1
    assert names[at : at + len(CHARGING)] == CHARGING
    at += len(CHARGING)
    assert names[at] == "home_lending"
    assert names[at + 1 : at + 1 + len(LENDING)] == LENDING
    assert names[at + 1 + len(LENDING)] == "admin_services"
    at = names.index("home_announcement") + 1
    assert names[at : at + len(MEDICINE)] == MEDICINE
    at += len(MEDICINE)
    assert names[at : at + len(EMERGENCY)] == EMERGENCY
    at += len(EMERGENCY)
    assert names[at : at + len(ROLLCALL)] == ROLLCALL
    at += len(ROLLCALL)
    assert names[at : at + len(TRAINING)] == TRAINING
    at += len(TRAINING)
    assert names[at : at + len(ACTIVITIES)] == ACTIVITIES
    at += len(ACTIVITIES)
    assert names[at : at + len(HANDOVER)] == HANDOVER
    at += len(HANDOVER)
    assert names[at : at + len(ROTA)] == ROTA
    assert names[at + len(ROTA)] == "request_categories"
    at = names.index("wish_answer") + 1
    assert names[at : at + len(PRIVACY)] == PRIVACY
    # features without `after` (admin, reports, printing) come last, in the registry's order
    assert names.index("export_folder") < names.index("print_settings")
    assert names[-1] == "print_badge"
