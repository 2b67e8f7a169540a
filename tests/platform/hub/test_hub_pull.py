"""Pull (DESIGN §3): the station's events from other kiosks, config, cursors and paging."""

from __future__ import annotations

from typing import Any

from conftest import Hub

from kiosk.features.volunteers.domain.badges import Badge, public_key_from_text, verify_badge


def _ids(events: list[dict[str, Any]]) -> list[str]:
    return [e["event"]["id"] for e in events]


def test_pull_serves_other_kiosks_of_the_station_only(hub: Hub) -> None:
    east, west = hub.enrol("k-east"), hub.enrol("k-west")
    hub.create_station("st-shanghai")
    far = hub.enrol("k-far", station_id="st-shanghai")
    east.push(east.write(3))
    west.push(west.write(2))
    far.push(far.write(4, station_id="st-shanghai"))

    assert _ids(east.pull_all()) == [e["id"] for e in west.events]
    assert _ids(west.pull_all()) == [e["id"] for e in east.events]
    assert _ids(far.pull_all()) == []

    # nothing new: same cursor, no events; then new events arrive after the cursor only
    assert east.pull_all() == []
    west.push(west.write(1))
    pulled = east.pull_all()
    assert _ids(pulled) == [west.events[-1]["id"]]
    event = pulled[0]["event"]
    assert event["payload"] == west.events[-1]["payload"]
    assert event["seq"] == 3 and event["kiosk_id"] == "k-west"


def test_pull_pages_with_limit_and_has_more(hub: Hub) -> None:
    east, west = hub.enrol("k-east"), hub.enrol("k-west")
    west.push(west.write(25))
    east.push(east.write(5))  # own events are stepped over, not shipped
    seen: list[str] = []
    pages = 0
    while True:
        page = east.pull(limit=10).json()
        pages += 1
        seen += _ids(page["events"])
        east.cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == [e["id"] for e in west.events]
    assert pages == 4  # 30 rows in pages of 10, the last one short


def test_rejected_events_are_not_served(hub: Hub) -> None:
    east, west = hub.enrol("k-east"), hub.enrol("k-west")
    west.push(west.write(1, kind="nonsense.kind", payload={}) + west.write(1))
    assert _ids(east.pull_all()) == [west.events[1]["id"]]


def test_malformed_cursor_is_422(hub: Hub) -> None:
    east = hub.enrol("k-east")
    for bad in ("abc", "1.2.3", "9.0.0.0.0", "1.-1.0.0.0"):
        response = east.pull(after=bad)
        assert response.status_code == 422, bad
    assert east.pull(limit=5000).status_code == 422


def _slot(number: int) -> dict[str, object]:
    return {
        "id": str(number),
        "number": number,
        "label_zh": f"{number} 号",
        "label_en": f"No. {number}",
    }


def test_published_config_reaches_the_station_and_global_config_everyone(hub: Hub) -> None:
    east = hub.enrol("k-east")
    hub.create_station("st-shanghai")
    far = hub.enrol("k-far", station_id="st-shanghai")
    six = {"slots": [_slot(n) for n in range(1, 7)]}
    publish = {"kind": "charging_slots", "station_id": "st-beijing-west", "body": six}
    assert hub.client.post("/v1/admin/config", json=publish, headers=hub.admin).status_code == 201
    publish["body"] = {"slots": [_slot(n) for n in range(1, 9)]}
    second = hub.client.post("/v1/admin/config", json=publish, headers=hub.admin).json()
    assert second["version"] == 2
    notice = {
        "kind": "announcements",
        "body": {"announcements": [{"id": "spring", "zh": "春运加开", "en": "Extra trains"}]},
    }
    assert hub.client.post("/v1/admin/config", json=notice, headers=hub.admin).status_code == 201

    page = east.pull().json()
    kinds = [(c["kind"], c["version"], c["station_id"]) for c in page["config"]]
    assert ("charging_slots", 1, "st-beijing-west") in kinds
    assert ("charging_slots", 2, "st-beijing-west") in kinds
    assert ("announcements", 1, None) in kinds
    far_kinds = {c["kind"] for c in far.pull().json()["config"]}
    assert far_kinds == {"announcements", "badge_public_key"}

    # config after the cursor only
    again = east.pull(after=page["next_cursor"]).json()
    assert again["config"] == []


def test_unknown_config_kind_or_station_is_refused(hub: Hub) -> None:
    bad_kind = {"kind": "weather", "body": {}}
    response = hub.client.post("/v1/admin/config", json=bad_kind, headers=hub.admin)
    assert response.status_code == 422
    bad_station = {"kind": "roster", "station_id": "st-nowhere", "body": {}}
    response = hub.client.post("/v1/admin/config", json=bad_station, headers=hub.admin)
    assert response.status_code == 404


def test_badge_signed_by_hub_verifies_with_the_published_key(hub: Hub) -> None:
    east = hub.enrol("k-east")
    config = east.pull().json()["config"]
    keys_item = next(c for c in config if c["kind"] == "badge_public_key")
    keys = {kid: public_key_from_text(text) for kid, text in keys_item["body"]["keys"].items()}
    issued = hub.client.post("/v1/admin/badges", json={"volunteer_id": "v-42"}, headers=hub.admin)
    assert issued.status_code == 201
    badge = verify_badge(issued.json()["token"], keys)
    assert isinstance(badge, Badge) and badge.volunteer_id == "v-42"
    key_file = hub.app.state.settings.resolved_badge_key_path()
    assert key_file.stat().st_mode & 0o777 == 0o600
