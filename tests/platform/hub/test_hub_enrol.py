"""Enrolment and identity: one-time codes, device tokens, revocation."""

from __future__ import annotations

from conftest import STATION, Hub


def test_enrol_gives_a_token_that_works_and_only_its_hash_is_stored(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    assert kiosk.token.startswith("skd_") and len(kiosk.token) > 40
    assert kiosk.pull().status_code == 200
    db = hub.app.state.database
    with db.read() as session:
        from kiosk.platform.hub.models import Kiosk

        stored = session.get(Kiosk, "k-east")
        assert stored is not None
        assert kiosk.token not in stored.token_hash and len(stored.token_hash) == 64


def test_code_cannot_be_used_twice(hub: Hub) -> None:
    code = hub.code()
    first = hub.client.post("/v1/enroll", json={"code": code, "kiosk_id": "k-1"})
    assert first.status_code == 200
    again = hub.client.post("/v1/enroll", json={"code": code, "kiosk_id": "k-2"})
    assert again.status_code == 410
    assert again.json()["reason"] == "code_used"
    assert "reason_zh" in again.json()


def test_unknown_and_expired_codes_are_refused(hub: Hub) -> None:
    unknown = hub.client.post("/v1/enroll", json={"code": "AAAA-BBBB-CCCC"})
    assert unknown.status_code == 404
    assert unknown.json()["reason"] == "code_unknown"


def test_code_is_typed_loosely_and_kiosk_id_can_be_chosen_by_the_hub(hub: Hub) -> None:
    code = hub.code().lower().replace("-", " ")
    response = hub.client.post("/v1/enroll", json={"code": code})
    assert response.status_code == 200
    assert response.json()["kiosk_id"].startswith("k-")
    assert response.json()["station_id"] == STATION


def test_enrolling_an_existing_kiosk_id_is_refused(hub: Hub) -> None:
    hub.enrol("k-east")
    response = hub.client.post("/v1/enroll", json={"code": hub.code(), "kiosk_id": "k-east"})
    assert response.status_code == 409


def test_bad_token_is_401_and_revoked_kiosk_is_403_revoked(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    bad = hub.client.get("/v1/sync/pull", headers={"Authorization": "Bearer skd_nope"})
    assert bad.status_code == 401
    none = hub.client.get("/v1/sync/pull")
    assert none.status_code == 401

    assert kiosk.push(kiosk.write(1)).status_code == 200
    revoked = hub.client.post("/v1/admin/kiosks/k-east/revoke", headers=hub.admin)
    assert revoked.status_code == 204
    for response in (kiosk.push(kiosk.write(1)), kiosk.pull()):
        assert response.status_code == 403
        assert response.json()["reason"] == "revoked"
    assert hub.kiosk_status("k-east")["revoked"] is True


def test_admin_api_needs_the_admin_token(hub: Hub) -> None:
    kiosk = hub.enrol("k-east")
    for headers in ({}, {"Authorization": "Bearer wrong"}, kiosk.auth):
        response = hub.client.get("/v1/admin/kiosks", headers=headers)
        assert response.status_code == 401
