"""The hub as an operator runs it (#15, "Operable"): Prometheus scrapes `/metrics` with its
token and reads the pushes, pulls, request times and kiosks it was told of; the request log
names the request, route, kiosk and station of each call; `kiosk-hub serve --workers 2` adds up
its workers' counters whichever worker the scrape lands on."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ADMIN_TOKEN, STATION, Hub, serve, wire_event
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.streaming import hub_process

ROOT = Path(__file__).resolve().parents[3]
METRICS_TOKEN = "scrape-" + "m" * 40
SCRAPER = {"Authorization": f"Bearer {METRICS_TOKEN}"}


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a scrape by (name, sorted labels), parsed by the client's own parser."""
    out: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


def value(
    scrape: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str
) -> float:
    return scrape.get((name, tuple(sorted(labels.items()))), 0.0)


def scrape(client: httpx.Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics", headers=SCRAPER)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


@pytest.fixture
def watched(settings: HubSettings) -> Iterator[Hub]:
    app: FastAPI = create_app(settings.model_copy(update={"metrics_token": METRICS_TOKEN}))
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        hub = Hub(client, app)
        hub.create_station()
        yield hub


def test_a_scrape_reads_pushes_pulls_requests_and_kiosks(
    watched: Hub, caplog: pytest.LogCaptureFixture
) -> None:
    hub = watched
    before = scrape(hub.client)
    east, west, spare = hub.enrol("k-east"), hub.enrol("k-west"), hub.enrol("k-spare")
    hub.enrol("k-gone")
    revoked = hub.client.post("/v1/admin/kiosks/k-gone/revoke", headers=hub.admin)
    assert revoked.status_code in (200, 204), revoked.text

    events = [*east.write(5), wire_event("k-east", 6, kind="no.such_kind", payload={"x": 1})]
    east.events.append(events[-1])
    with caplog.at_level(logging.INFO, logger="kiosk.hub.requests"):
        first = east.push(events)
        again = hub.client.post(
            "/v1/sync/push",
            json={"kiosk_id": "k-east", "events": events},
            headers={**east.auth, "X-Request-ID": "retry-42"},
        )
    assert first.status_code == 200 and again.status_code == 200, again.text
    statuses = [r["status"] for r in first.json()["results"]]
    assert statuses == ["applied"] * 5 + ["rejected"]
    assert again.headers["x-request-id"] == "retry-42"
    assert len(west.pull_all()) == 5  # the kiosk at the other exit gets east's five

    after = scrape(hub.client)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("hub_push_events_total", outcome="applied") == 5
    assert grew("hub_push_events_total", outcome="rejected") == 1
    assert grew("hub_push_events_total", outcome="duplicate") == 6  # the resend, each seq
    assert grew("hub_pull_events_total") == 5
    assert grew("hub_pull_lag_seconds_count") == 1  # one page carried events
    push_route = {"method": "POST", "route": "/v1/sync/push", "status": "200"}
    assert grew("hub_request_duration_seconds_count", **push_route) == 2
    assert grew("hub_request_duration_seconds_bucket", le="+Inf", **push_route) == 2
    # Kiosks by state, from the kiosks table: east pushed, west pulled, spare never called.
    assert value(after, "hub_kiosks", state="online") == 2
    assert value(after, "hub_kiosks", state="never") == 1
    assert value(after, "hub_kiosks", state="revoked") == 1
    assert value(after, "hub_kiosks", state="silent") == 0
    assert spare.kiosk_id == "k-spare"

    # The request log: one JSON object a line, the kiosk and station of a kiosk's call.
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "kiosk.hub.requests"]
    pushes = [line for line in lines if line["route"] == "/v1/sync/push"]
    assert len(pushes) == 2
    assert all(line["kiosk"] == "k-east" and line["station"] == STATION for line in pushes)
    assert all(line["status"] == 200 and line["duration_ms"] > 0 for line in pushes)
    assert pushes[1]["request_id"] == "retry-42"
    assert len(pushes[0]["request_id"]) == 32 and pushes[0]["request_id"] != "retry-42"
    assert "Bearer" not in json.dumps(lines) and east.token not in json.dumps(lines)


def test_the_scrape_needs_its_token(watched: Hub, settings: HubSettings) -> None:
    assert watched.client.get("/metrics").status_code == 401
    wrong = watched.client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["reason"] == "unauthorized"
    admin = watched.client.get("/metrics", headers=watched.admin)
    assert admin.status_code == 401  # the admin token is not the scrape's
    with serve(create_app(settings)) as url:  # no HUB_METRICS_TOKEN: no /metrics at all
        assert httpx.get(f"{url}/metrics", headers=SCRAPER).status_code == 404


def test_unrouted_paths_share_one_label(watched: Hub) -> None:
    for n in range(3):
        assert watched.client.get(f"/no/such/page-{n}").status_code == 404
    after = scrape(watched.client)
    routes = {
        dict(labels).get("route") for (name, labels) in after if name.startswith("hub_request")
    }
    assert "unmatched" in routes
    assert not any(route and route.startswith("/no/") for route in routes)


def test_two_workers_count_into_one_scrape(backend: str, database_url: str, tmp_path: Path) -> None:
    """`kiosk-hub serve --workers 2`: 20 pushes on fresh connections land on both workers;
    every scrape, whichever worker answers, counts all of them."""
    if backend != "postgresql":
        pytest.skip("--workers needs PostgreSQL")
    env = {
        "HUB_DATABASE_URL": database_url,
        "HUB_DATA_DIR": str(tmp_path / "hub"),
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
        "HUB_METRICS_TOKEN": METRICS_TOKEN,
    }
    log = tmp_path / "serve.log"
    with hub_process(env, log, ["--workers", "2"]) as served:
        url = served.url
        with httpx.Client(base_url=url, timeout=30) as client:
            hub = Hub(client, FastAPI())
            hub.create_station()
            kiosk = hub.enrol("k-north")
        for seq in range(1, 21):  # a new connection each: uvicorn's workers share the socket
            event = wire_event("k-north", seq)
            with httpx.Client(base_url=url, timeout=30) as client:
                reply = client.post(
                    "/v1/sync/push",
                    json={"kiosk_id": "k-north", "events": [event]},
                    headers=kiosk.auth,
                )
                assert reply.status_code == 200, reply.text
        for _ in range(6):
            with httpx.Client(base_url=url, timeout=30) as client:
                got = scrape(client)
            assert value(got, "hub_push_events_total", outcome="applied") == 20
            push_route = {"method": "POST", "route": "/v1/sync/push", "status": "200"}
            assert value(got, "hub_request_duration_seconds_count", **push_route) == 20
            assert value(got, "hub_kiosks", state="online") == 1
        output = log.read_text()
        request_lines = [json.loads(x) for x in output.splitlines() if x.startswith("{")]
        assert sum(1 for x in request_lines if x["route"] == "/v1/sync/push") == 20
