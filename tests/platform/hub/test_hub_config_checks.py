"""A configuration the kiosks could not read is refused on publish (DESIGN §5: a clear error,
nothing written): 422 with a `reason` naming the kind and a `detail` naming the problem, no row
stored, and a kiosk's pull sees nothing new. Checked with the kiosks' own schemas, which live
with their features (kiosk.features.<name>.config)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.platform.hub.conftest import SERVICE, STATION, Hub
from tests.platform.hub.test_web_centre import PASSWORD, csrf_of, sign_in

SLOT = {"id": "1", "number": 1, "label_zh": "1 号充电柜", "label_en": "Locker 1"}
LENDING = {"id": "umbrella", "name_zh": "雨伞", "name_en": "Umbrella", "plural_en": "Umbrellas"}
MEDICINE = {"id": "plaster", "name_zh": "创可贴", "name_en": "Plaster", "unit_zh": "片"}
MEDICINE = {**MEDICINE, "unit_en": "piece"}
VOLUNTEER = {"volunteer_id": "v-1", "name": "李雷", "number": "A001"}

GOOD: dict[str, dict[str, Any]] = {
    "catalogue": {"services": [SERVICE]},
    "charging_slots": {"slots": [SLOT]},
    "lending_items": {"items": [LENDING]},
    "medicine_items": {"items": [MEDICINE]},
    "roster": {"volunteers": [VOLUNTEER]},
    "announcements": {"announcements": [{"id": "spring", "zh": "春运加开"}]},
}

# kind, bad body, words the detail must hold (where the problem is and what it is)
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("catalogue", {"services": [{**SERVICE, "name_zh": ""}]}, "services.0.name_zh"),
    ("catalogue", {"services": [SERVICE, SERVICE]}, "service id transport is used twice"),
    ("catalogue", {"services": [{**SERVICE, "enabled": False}]}, "no service is enabled"),
    ("catalogue", {"tiles": []}, "services: Field required"),
    ("charging_slots", {"slots": 6}, "slots"),
    ("charging_slots", {"slots": [{**SLOT, "number": 0}]}, "slots.0.number"),
    ("charging_slots", {"slots": [SLOT, SLOT]}, "slot id 1 is used twice"),
    ("charging_slots", {"kiosks": {"k-1": {"slots": []}}}, "kiosks.k-1.slots"),
    ("lending_items", {"items": [{**LENDING, "due_days": 0}]}, "items.0.due_days"),
    ("lending_items", {"items": []}, "items"),
    ("medicine_items", {"items": [{**MEDICINE, "id": "Bad Id"}]}, "items.0.id"),
    ("medicine_items", {"items": [MEDICINE, MEDICINE]}, "item id plaster is used twice"),
    ("roster", {"volunteers": [{"id": "v-1", "name": "李雷"}]}, "volunteers.0.volunteer_id"),
    ("roster", {"volunteers": [], "note": "x"}, "note: Extra inputs are not permitted"),
    # No phone in a roster any more: it could never be erased (docs/privacy.md, "Volunteers")
    (
        "roster",
        {"volunteers": [{**VOLUNTEER, "phone": "13800000001"}]},
        "volunteers.0.phone: Extra inputs are not permitted",
    ),
    ("announcements", {"announcements": [{"id": "a"}]}, "announcement 1: zh is empty"),
]


def _publish(hub: Hub, kind: str, body: dict[str, Any]) -> Any:
    item = {"kind": kind, "station_id": STATION, "body": body}
    return hub.client.post("/v1/admin/config", json=item, headers=hub.admin)


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_a_good_configuration_of_each_kind_is_published(hub: Hub, kind: str) -> None:
    response = _publish(hub, kind, GOOD[kind])
    assert response.status_code == 201, response.text
    assert response.json()["version"] == 1


@pytest.mark.parametrize(("kind", "body", "problem"), BAD, ids=[f"{k}-{p}" for k, _, p in BAD])
def test_a_bad_configuration_is_refused_naming_the_problem_and_nothing_is_stored(
    hub: Hub, kind: str, body: dict[str, Any], problem: str
) -> None:
    kiosk = hub.enrol("k-east")
    before = kiosk.pull().json()
    assert _publish(hub, kind, GOOD[kind]).status_code == 201

    response = _publish(hub, kind, body)

    assert response.status_code == 422, response.text
    error = response.json()
    assert error["reason"] == f"bad_{kind}"
    assert error["detail"].startswith(f"{kind}: ") and problem in error["detail"], error
    assert "格式不正确" in error["reason_zh"]
    # Nothing stored: the good version is still the latest, and a kiosk pulls only it.
    pulled = kiosk.pull(after=before["next_cursor"]).json()["config"]
    assert [(c["kind"], c["version"]) for c in pulled] == [(kind, 1)]
    assert pulled[0]["body"] == GOOD[kind]
    again = _publish(hub, kind, GOOD[kind]).json()
    assert again["version"] == 2  # the refused body took no version


def test_the_centre_form_refuses_a_bad_configuration_with_the_same_words(hub: Hub) -> None:
    """The dashboard's publish form goes through the same check (its page shows reason_zh)."""
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as boss:
        assert sign_in(boss, "boss").status_code == 303
        token = csrf_of(boss.get("/centre/publish").text)
        body = '{"services": [{"id": "x"}]}'
        response = boss.post(
            "/centre/publish",
            data={"csrf": token, "kind": "catalogue", "station": STATION, "body": body},
        )
    assert response.status_code == 422
    assert "服务目录格式不正确" in response.text and "services.0.name_zh" in response.text
