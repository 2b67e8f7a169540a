"""The `kiosk-hub` admin commands against a served hub; OpenAPI and the Date header."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from conftest import ADMIN_TOKEN, Hub

from kiosk import hub_cli as cli

VOLUNTEER = {"volunteer_id": "v-1", "name": "李雷", "number": "A001"}


def _run(hub: Hub, capsys: pytest.CaptureFixture[str], *args: str) -> object:
    code = cli.main(
        [args[0], "--hub", str(hub.client.base_url), "--admin-token", ADMIN_TOKEN, *args[1:]]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


def test_admin_commands_end_to_end(
    hub: Hub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    station = _run(hub, capsys, "create-station", "st-tianjin", "天津站")
    assert station == {"station_id": "st-tianjin", "name": "天津站", "name_en": None, "region": ""}
    renamed = _run(hub, capsys, "rename-station", "st-tianjin", "天津站", "--name-en", "Tianjin")
    assert renamed == {
        "station_id": "st-tianjin",
        "name": "天津站",
        "name_en": "Tianjin",
        "region": "",
    }
    assert "Tianjin" in hub.client.get("/t/st-tianjin?lang=en").text
    code = _run(hub, capsys, "enrol-code", "st-tianjin", "--ttl", "600")
    assert isinstance(code, dict)
    enrolled = hub.client.post("/v1/enroll", json={"code": code["code"], "kiosk_id": "k-tj"})
    assert enrolled.status_code == 200

    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"volunteers": [VOLUNTEER]}), "utf-8")
    item = _run(hub, capsys, "publish", str(roster), "--kind", "roster", "--station", "st-tianjin")
    assert isinstance(item, dict) and item["version"] == 1 and item["kind"] == "roster"

    badge = _run(hub, capsys, "badge", "v-1")
    assert isinstance(badge, dict) and badge["token"].startswith("SKB1.")
    serial = _run(hub, capsys, "badge", "v-1", "--station", "st-tianjin")
    assert isinstance(serial, dict) and serial["token"].startswith("SKB2.")
    assert serial["token"].split(".")[1] == serial["serial"] and serial["expires_on"]

    kiosks = _run(hub, capsys, "kiosks", "--station", "st-tianjin")
    assert isinstance(kiosks, list) and [k["kiosk_id"] for k in kiosks] == ["k-tj"]
    _run(hub, capsys, "revoke", "k-tj")
    kiosks = _run(hub, capsys, "kiosks", "--station", "st-tianjin")
    assert isinstance(kiosks, list) and kiosks[0]["revoked"] is True

    status = _run(hub, capsys, "status")
    assert isinstance(status, dict) and status["stations"] == 2 and status["kiosks"] == 1
    assert _run(hub, capsys, "rejects") == []


def test_stations_are_put_in_regions_from_the_command_line(
    hub: Hub, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _run(hub, capsys, "create-station", "st-fz", "福州站", "--region", " 福州市 ")
    assert isinstance(made, dict) and made["region"] == "福州市"
    moved = _run(hub, capsys, "rename-station", "st-fz", "福州站", "--region", "闽北片区")
    assert isinstance(moved, dict) and (moved["name"], moved["region"]) == ("福州站", "闽北片区")
    cleared = _run(hub, capsys, "rename-station", "st-fz", "福州站", "--region", "")
    assert isinstance(cleared, dict) and cleared["region"] == ""

    # 41 characters: refused with the reason in both languages, the station as it was.
    _run(hub, capsys, "rename-station", "st-fz", "福州站", "--region", "福州市")
    with pytest.raises(SystemExit) as exc:
        cli.main(
            [
                "rename-station",
                "--hub",
                str(hub.client.base_url),
                "--admin-token",
                ADMIN_TOKEN,
                "st-fz",
                "福州站",
                "--region",
                "区" * 41,
            ]
        )
    assert exc.value.code == 1
    assert "422" in capsys.readouterr().err
    reply = hub.client.put(
        "/v1/admin/stations/st-fz/region", json={"region": "\x07铃"}, headers=hub.admin
    )
    assert reply.status_code == 422 and reply.json()["reason"] == "bad_region"
    assert "片区名称最多 40 个字符" in reply.json()["reason_zh"]


def test_admin_command_reports_http_errors(hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["revoke", "k-none", "--hub", str(hub.client.base_url), "--admin-token", "bad"])
    assert exc.value.code == 1
    assert "HTTP 401" in capsys.readouterr().err


def test_every_response_has_a_date_and_openapi_is_served(hub: Hub) -> None:
    for response in (
        hub.client.get("/openapi.json"),
        hub.client.get("/v1/sync/pull"),  # a 401
        hub.client.get("/v1/admin/status", headers=hub.admin),
    ):
        assert len(response.headers.get_list("date")) == 1
        date = parsedate_to_datetime(response.headers["date"])
        assert abs((date - datetime.now(UTC)).total_seconds()) < 5
    paths = hub.client.get("/openapi.json").json()["paths"]
    assert {"/v1/enroll", "/v1/sync/push", "/v1/sync/pull", "/v1/admin/kiosks"} <= set(paths)
    push_body = paths["/v1/sync/push"]["post"]["requestBody"]
    assert push_body["content"]["application/json"]["schema"]["$ref"].endswith("PushRequest")


def test_migrate_command_creates_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    monkeypatch.setenv("HUB_DATABASE_URL", url)
    assert cli.main(["migrate"]) == 0
    assert "at head" in capsys.readouterr().out
    assert cli.main(["migrate"]) == 0  # idempotent
