"""schemathesis against the hub's own OpenAPI, over real HTTP, on SQLite and on PostgreSQL: no
generated input, valid or not, makes any route answer 5xx. Calls carry a real device token,
admin token, dashboard session and CSRF tokens so the generated inputs reach past the credential
checks into the services and the database; each generated case is sent again poisoned with what
no database stores (NUL, a lone surrogate, a number past 64 bits), which used to give 500s.

The figures: `pytest -s -q tests/platform/hub/test_web_openapi.py -k no_input`
prints the requests sent
and the 5xx seen per database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, serve

schemathesis = pytest.importorskip(
    "schemathesis", reason="schemathesis (the dev extra) is not installed: `make venv`"
)
requests = pytest.importorskip("requests")  # comes with schemathesis

PASSWORD = "openapi fuzz password"
EXAMPLES = 25  # per operation and generation mode (valid inputs, then invalid ones), x2
# Forms whose CSRF token the fuzzer is given, so their other fields reach the checks behind it
# (logout is left out: signing the fuzzer out would leave the centre pages unexplored).
CSRF_FORMS = (
    "/centre/login",
    "/centre/publish",
    "/centre/tickets/{station_id}/{ticket}/answer",
    "/centre/tickets/{station_id}/{ticket}/assign",
    "/centre/tickets/{station_id}/{ticket}/close",
)


class Credentials:
    def __init__(
        self, url: str, device_token: str, session_cookie: str, csrf: str, login_csrf: str
    ) -> None:
        self.http = requests.Session()  # one keep-alive connection for every call
        self.url = url
        self.device_token = device_token
        self.session_cookie = session_cookie
        self.csrf = csrf
        self.login_csrf = login_csrf
        self.sent = 0
        self.server_errors = 0


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzzed_hub(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Credentials]:
    root: Path = tmp_path_factory.mktemp("openapi")
    if request.param == "sqlite":
        database_url = f"sqlite:///{root / 'hub.sqlite3'}"
    else:
        database_url = request.getfixturevalue("pg_cluster").fresh_database("openapi_fuzz")
    hub_settings = HubSettings(
        data_dir=root / "hub",
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        web_view_burst=100_000,
        web_submit_burst=100_000,
        web_login_burst=100_000,
        wait_max_s=0.05,  # the push channel's long-poll answers at once: the fuzz is not a wait
    )
    app = create_app(hub_settings)
    app.state.admin_service.create_station(STATION, "北京西站")
    app.state.account_service.create("boss", PASSWORD, "centre", [])
    code = app.state.admin_service.issue_code(STATION, 3600).code
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        enrolled = client.post("/v1/enroll", json={"code": code, "kiosk_id": "k-fuzz"}).json()
        login_csrf = _hidden_csrf(client.get("/centre/login").text)
        client.post(
            "/centre/login", data={"csrf": login_csrf, "username": "boss", "password": PASSWORD}
        )
        csrf = _hidden_csrf(client.get("/centre/publish").text)
        login_csrf = _hidden_csrf(client.get("/centre/login").text)
        credentials = Credentials(
            url,
            enrolled["device_token"],
            client.cookies["hub_session"],
            csrf,
            login_csrf,
        )
        try:
            yield credentials
        finally:
            credentials.http.close()
            print(
                f"\nopenapi fuzz on {request.param}: {credentials.sent} requests,"
                f" {credentials.server_errors} answered 5xx"
            )


def _hidden_csrf(html: str) -> str:
    return html.split('name="csrf" value="')[1].split('"')[0]


def _call(case: Any, hub: Credentials) -> None:
    """Send the generated case, then the same case poisoned (see `_poison`)."""
    path: str = case.path
    if path.startswith("/v1/admin"):
        token = ADMIN_TOKEN
    elif path.startswith("/v1/sync"):
        token = hub.device_token
    else:
        token = ""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    cookies = {"hub_session": hub.session_cookie, "hub_login_csrf": hub.login_csrf}
    if path in CSRF_FORMS and isinstance(case.body, dict):
        case.body = {**case.body, "csrf": hub.login_csrf if path == "/centre/login" else hub.csrf}
    for attempt in ("as generated", "poisoned"):
        if attempt == "poisoned":
            _poison(case, POISONS[hub.sent % len(POISONS)])
        if attempt == "poisoned" and _json_body(case):
            # sent as bytes: schemathesis encodes JSON as UTF-8, which a lone surrogate is not
            response = hub.http.request(
                case.method,
                f"{hub.url}{case.formatted_path}",
                params=case.query,
                data=json.dumps(case.body, default=repr).encode(),
                headers={**headers, "Content-Type": "application/json"},
                cookies=cookies,
                allow_redirects=False,
                timeout=30,
            )
        else:
            response = case.call(
                base_url=hub.url,
                session=hub.http,
                headers=headers,
                cookies=cookies,
                allow_redirects=False,
                timeout=30,
            )
        hub.sent += 1
        if response.status_code >= 500:
            hub.server_errors += 1
        assert response.status_code < 500, (
            attempt,
            case.method,
            path,
            case.path_parameters,
            case.query,
            case.body,
            response.status_code,
            response.text,
        )


# What databases cannot store, put into every generated value in turn: the generator alone
# rarely makes a NUL, never a lone surrogate (hypothesis leaves them out) or a number past 64 bits.
POISONS: tuple[str | int, ...] = ("\x00", "\ud800", 2**70)


def _json_body(case: Any) -> bool:
    return case.body is not None and (case.media_type or "").endswith("json")


def _poison(case: Any, poison: str | int) -> None:
    """Append `poison` to every text (or put it for every integer) of the case's path, query and
    body. A lone surrogate cannot be URL- or form-encoded: there NUL goes instead."""
    json_body = _json_body(case)
    plain = "\x00" if isinstance(poison, str) else poison
    case.path_parameters = _poisoned(case.path_parameters, plain)
    case.query = _poisoned(case.query, plain)
    if case.body is not None and not isinstance(case.body, bytes):
        case.body = _poisoned(case.body, poison if json_body else plain)


def _poisoned(value: Any, poison: str | int) -> Any:
    if isinstance(value, dict):
        # the CSRF token stays whole, so the form's other fields are read
        return {k: v if k == "csrf" else _poisoned(v, poison) for k, v in value.items()}
    if isinstance(value, list):
        return [_poisoned(v, poison) for v in value]
    if isinstance(value, str) and isinstance(poison, str):
        return value + poison
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(poison, int):
        return poison
    return value


# A fixed amount of work (every operation x 2 modes x EXAMPLES requests): ~40 s on a quiet
# machine, ~120 s seen on a loaded 2-core one; the suite's 300 s is for hangs, not for this.
@pytest.mark.timeout(900)
def test_no_input_makes_the_hub_fail(fuzzed_hub: Credentials) -> None:
    """Every operation of the OpenAPI, each with generated valid and invalid inputs
    (schemathesis' strategies driven by hypothesis here: its pytest loader does not run on this
    pytest)."""
    schema = schemathesis.openapi.from_url(f"{fuzzed_hub.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    seen: list[str] = []
    for operation in operations:
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            )
            def run(case: Any) -> None:
                _call(case, fuzzed_hub)

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (an operation without inputs)
                assert mode == schemathesis.GenerationMode.NEGATIVE
        seen.append(f"{operation.method.upper()} {operation.path}")
    assert "POST /s/{station_id}/{service_id}/help" in seen
    assert "POST /centre/publish" in seen
    assert "GET /centre/usage" in seen
    assert fuzzed_hub.server_errors == 0
    assert fuzzed_hub.sent >= 2 * len(operations) * EXAMPLES


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
