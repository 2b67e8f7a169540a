"""The lists are the centre's: a kiosk cannot forge them (`EventKind.hub_only`). A kiosk whose
credential pushes a forged "project done" and a forged member unit gets both refused with the
`hub_only` reason, nothing of them is stored or pulled, the station's lists stay as the centre
wrote them, and the centre's own writes still reach the kiosks. On PostgreSQL the push takes
the one-statement path too (a scalar kind such as `lists.unit_added` would be a fast kind)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from kiosk.core.ids import new_id
from kiosk.features.lists.service import ListsService
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import KioskMeta
from kiosk.platform.sync.credentials import read_token
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.hub.test_web_centre import csrf_of, sign_in
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk


def _event(kiosk_id: str, seq: int, kind: str, payload: dict[str, object]) -> dict[str, object]:
    return {
        "id": new_id(),
        "kind": kind,
        "station_id": STATION,
        "kiosk_id": kiosk_id,
        "seq": seq,
        "occurred_at": datetime.now(UTC).isoformat(),
        "actor": "v-1",
        "payload": payload,
    }


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_kiosk_cannot_forge_the_centre_s_lists(
    make_kiosk: Callable[..., SyncedKiosk], hub: HubServer, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    south, north = make_kiosk("south", start=now), make_kiosk("north", start=now)
    create_account(hub, "boss", "centre", [])
    with httpx.Client(base_url=hub.url, timeout=30) as centre:
        assert sign_in(centre, "boss", PASSWORD).status_code == 303
        token = csrf_of(centre.get(f"/centre/lists?station={STATION}").text)

        def post(path: str, **form: str) -> str:
            response = centre.post(
                f"/centre/lists{path}?station={STATION}",
                data={"csrf": token, "station_id": STATION, **form},
            )
            assert response.status_code == 200, response.text
            return response.text

        post("/units", name="爱心超市", contact_role="店长")
        need = re.search(r'name="need_([^"]+)"', post("/needs", title="夜班司机休息场地"))
        assert need is not None
        page = post(
            "/projects",
            title="夏日送清凉",
            owner="李站长",
            starts_on=now.date().isoformat(),
            ends_on=now.date().isoformat(),
            **{f"need_{need.group(1)}": "1"},
        )
        found = re.search(r'data-project="([^"]+)"', page)
        assert found is not None
        project_id = found.group(1)

        # The north kiosk's credential pushes forged centre facts beside an ordinary one.
        with north.services.database.read() as session:
            north_id = session.scalars(select(KioskMeta.kiosk_id)).one()
        forged = [
            _event(
                north_id,
                1,
                "lists.project_status",
                {"project_id": project_id, "status": "done", "on": now.date().isoformat()},
            ),
            _event(north_id, 2, "lists.unit_added", {"unit_id": "u-fake", "name": "假单位"}),
            _event(
                north_id,
                3,
                "shift.checked_in",
                {"shift_id": "sh-1", "volunteer_id": "v-1", "method": "badge"},
            ),
        ]
        reply = httpx.post(
            f"{hub.url}/v1/sync/push",
            json={"kiosk_id": north_id, "events": forged},
            headers={"Authorization": f"Bearer {read_token(tmp_path / 'north')}"},
            timeout=30,
        )
        assert reply.status_code == 200, reply.text
        results = reply.json()["results"]
        assert [r["status"] for r in results] == ["rejected", "rejected", "applied"]
        for result in results[:2]:
            assert result["reason"].startswith("hub_only")
            assert "中心" in result["reason"] and "centre" in result["reason"]
        rejects = hub.admin("GET", "/v1/admin/rejects").json()
        assert [(r["kind"], r["reason"][:8]) for r in rejects] == [
            ("lists.project_status", "hub_only"),
            ("lists.unit_added", "hub_only"),
        ]

        # The centre's page is as the centre left it: the project open, no forged unit.
        page = centre.get(f"/centre/lists?station={STATION}").text
        assert "假单位" not in page and "爱心超市" in page

    # Every kiosk pulls the centre's facts and none of the forged ones.
    for kiosk in (south, north):
        assert kiosk.engine.sync_once().last_error is None
        lists = kiosk.services.get(ListsService).lists()
        assert lists.counts.units == 1
        assert [(p.title, p.status) for p in lists.projects] == [("夏日送清凉", "open")]


def test_a_kiosk_never_writes_a_hub_only_kind_itself(
    make_kiosk: Callable[..., SyncedKiosk],
) -> None:
    kiosk = make_kiosk("north")
    with pytest.raises(ValueError, match="only by the hub"), kiosk.services.database.write() as s:
        eventlog.append(
            s,
            "lists.unit_added",
            {"unit_id": "u-1", "name": "爱心超市"},
            occurred_at=kiosk.clock.now(),
        )
    assert kiosk.services.get(ListsService).lists().counts.units == 0
