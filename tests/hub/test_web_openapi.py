"""schemathesis against the hub's own OpenAPI, over real HTTP: no generated input, valid or not,
makes any route answer 5xx. Calls carry a real device token, admin token and dashboard session
so the generated inputs reach past the credential checks into the services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings

from kiosk.hub.app import create_app
from kiosk.hub.settings import HubSettings
from tests.hub.conftest import ADMIN_TOKEN, STATION, serve

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis (the dev extra) is not installed: `make venv`"
)
requests = pytest.importorskip("requests")  # comes with schemathesis

PASSWORD = "openapi fuzz password"
EXAMPLES = 15  # per operation


class Credentials:
    def __init__(self, url: str, device_token: str, session_cookie: str) -> None:
        self.http = requests.Session()  # one keep-alive connection for every call
        self.url = url
        self.device_token = device_token
        self.session_cookie = session_cookie


@pytest.fixture(scope="module")
def fuzzed_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Credentials]:
    root: Path = tmp_path_factory.mktemp("openapi")
    hub_settings = HubSettings(
        data_dir=root / "hub",
        database_url=f"sqlite:///{root / 'hub.sqlite3'}",
        admin_token=ADMIN_TOKEN,
        web_view_burst=100_000,
        web_submit_burst=100_000,
        web_login_burst=100_000,
    )
    app = create_app(hub_settings)
    app.state.admin_service.create_station(STATION, "北京西站")
    app.state.account_service.create("boss", PASSWORD, "centre", [])
    code = app.state.admin_service.issue_code(STATION, 3600).code
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        enrolled = client.post("/v1/enroll", json={"code": code, "kiosk_id": "k-fuzz"}).json()
        form = client.get("/centre/login").text
        csrf = form.split('name="csrf" value="')[1].split('"')[0]
        client.post("/centre/login", data={"csrf": csrf, "username": "boss", "password": PASSWORD})
        credentials = Credentials(url, enrolled["device_token"], client.cookies["hub_session"])
        try:
            yield credentials
        finally:
            credentials.http.close()


def _call(case: Any, hub: Credentials) -> None:
    path: str = case.path
    if path.startswith("/v1/admin"):
        token = ADMIN_TOKEN
    elif path.startswith("/v1/sync"):
        token = hub.device_token
    else:
        token = ""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = case.call(
        base_url=hub.url,
        session=hub.http,
        headers=headers,
        cookies={"hub_session": hub.session_cookie},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code < 500, (case.method, path, response.status_code, response.text)


def test_no_input_makes_the_hub_fail(fuzzed_hub: Credentials) -> None:
    """Every operation of the OpenAPI, each with generated inputs (schemathesis' strategies
    driven by hypothesis here: its pytest loader does not run on this pytest)."""
    schema = schemathesis.openapi.from_url(f"{fuzzed_hub.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    seen: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def run(case: Any) -> None:
            _call(case, fuzzed_hub)

        run()
        seen.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /s/{station_id}/{service_id}/help" in seen
    assert "GET /centre/usage" in seen


@pytest.mark.parametrize(
    ("path", "params", "auth"),
    [
        # found by the fuzzer: numbers past BIGINT reached the database and failed there (500)
        ("/v1/admin/rejects", {"after_id": str(10**30)}, "admin"),
        ("/v1/sync/pull", {"after": f"1.0.{10**30}.0.0"}, "device"),
        ("/centre/usage", {"from": "0001-01-01"}, "session"),
        ("/centre/hours", {"to": "9999-12-31"}, "session"),
    ],
)
def test_out_of_range_numbers_and_dates_are_refused_not_failed(
    fuzzed_hub: Credentials, path: str, params: dict[str, str], auth: str
) -> None:
    token = {"admin": ADMIN_TOKEN, "device": fuzzed_hub.device_token}.get(auth)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.get(
        f"{fuzzed_hub.url}{path}",
        params=params,
        headers=headers,
        cookies={"hub_session": fuzzed_hub.session_cookie},
    )
    assert response.status_code == 422, response.text
