"""`python -m kiosk enroll` against a hub that answers wrongly: every failure says "enrolment
failed" in both languages with the reason, exits 2, and leaves the kiosk unenrolled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response

from kiosk.cli import main
from kiosk.platform.sync.credentials import token_path
from tests.platform.sync.conftest import STATION, HubServer
from tests.platform.sync.hostile import HostileHub, json_answer
from tools.pgtemp import free_port

ENROLL = "/v1/enroll"


@pytest.fixture
def hostile(hub: HubServer) -> Iterator[HostileHub]:
    server = HostileHub(hub.url).start()
    yield server
    server.stop()


def _enrol_in_a_process(
    data_dir: Path, hub_url: str, code: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_STATION_ID": STATION, "QT_QPA_PLATFORM": "offscreen"}
    command = ["enroll", "--hub", hub_url, "--code", code]
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(data_dir), *command],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_200_with_a_wrong_body_fails_enrolment_with_exit_2(
    tmp_path: Path, hostile: HostileHub, hub: HubServer
) -> None:
    hostile.answer(ENROLL, json_answer({"kiosk": "k-1", "ok": True}))
    done = _enrol_in_a_process(tmp_path / "kiosk", hostile.url, hub.code())
    assert done.returncode == 2, done.stderr
    assert "注册失败 / enrolment failed" in done.stderr
    assert "device_token" in done.stderr  # the reason: what the reply lacked
    assert "Traceback" not in done.stderr
    assert not token_path(tmp_path / "kiosk").exists()

    hostile.answer(ENROLL, None)  # the real hub, through the same address: it works now
    done = _enrol_in_a_process(tmp_path / "kiosk", hostile.url, hub.code())
    assert done.returncode == 0, done.stderr
    assert f"enrolled in station {STATION}" in done.stdout


async def _html(_request: Request) -> Response:
    return Response("<html>maintenance</html>", media_type="text/html")


def _echo(**fields: str) -> Callable[[Request], Awaitable[Response]]:
    """A 200 for the kiosk that asked, with `fields` spoiling the reply."""

    async def _answer(request: Request) -> Response:
        asked = json.loads(await request.body())
        body = {"kiosk_id": asked["kiosk_id"], "station_id": STATION, "device_token": "t" * 43}
        return Response(json.dumps({**body, **fields}), media_type="application/json")

    return _answer


async def _redirect(_request: Request) -> Response:
    return Response(status_code=302, headers={"location": "http://127.0.0.1:1/"})


WRONG_REPLIES = {
    "not JSON": (_html, "JSON"),
    "a JSON list": (json_answer([1, 2]), "reply"),
    "a redirect": (_redirect, "302"),
    "a token with a line break": (_echo(device_token="abcdefghijklmnop\r\nX: y"), "token"),
    "an empty token": (_echo(device_token=""), "token"),
    "another kiosk id": (_echo(kiosk_id="k-someone-else"), "kiosk id"),
    "another station": (_echo(station_id="xmn-south"), "xmn-south"),
    "a 500": (json_answer({"detail": "boom"}, 500), "500"),
    "a 4xx with a reason": (
        json_answer(
            {"detail": "code expired", "reason": "bad_code", "reason_zh": "注册码无效"}, 403
        ),
        "bad_code",
    ),
}


@pytest.mark.parametrize("wrong", list(WRONG_REPLIES))
def test_every_wrong_enrolment_reply_is_a_clear_failure(
    wrong: str,
    tmp_path: Path,
    hostile: HostileHub,
    hub: HubServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_STATION_ID", STATION)
    answer, reason = WRONG_REPLIES[wrong]
    hostile.answer(ENROLL, answer)
    data = ["--data-dir", str(tmp_path / "kiosk")]
    assert main([*data, "enroll", "--hub", hostile.url, "--code", hub.code()]) == 2
    err = capsys.readouterr().err
    assert "注册失败 / enrolment failed" in err and reason in err, err
    assert not token_path(tmp_path / "kiosk").exists()
    assert main([*data, "sync"]) == 2  # still not enrolled
    assert "not enrolled" in capsys.readouterr().err


def test_a_hub_that_is_not_there_is_a_clear_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_STATION_ID", STATION)
    nowhere = f"http://127.0.0.1:{free_port()}"
    assert (
        main(["--data-dir", str(tmp_path / "k"), "enroll", "--hub", nowhere, "--code", "ABCD-1234"])
        == 2
    )
    err = capsys.readouterr().err
    assert "注册失败 / enrolment failed" in err and "ConnectError" in err, err
