"""The web pages' rate limits hold across worker processes: the buckets live in the hub's
database (SQLite and PostgreSQL), one atomic upsert per take. Two hub apps on one database (what
two uvicorn workers are), a real `kiosk-hub serve --workers 2`, a restart, pruning, and the
shared bucket against the in-memory reference under hypothesis."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.hub_app import create_app
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.migrate import upgrade
from kiosk.platform.hub.models import RateBucket
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_ratelimit import RateLimiter, SharedRateLimiter
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, serve
from tests.platform.hub.streaming import hub_process

ROOT = Path(__file__).resolve().parents[3]
PAGE = f"/s/{STATION}/water"


class Ticker:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def tight(settings: HubSettings) -> HubSettings:
    return settings.model_copy(
        update={
            "web_view_burst": 4,
            "web_view_per_min": 0.001,
            "web_login_burst": 2,
            "web_login_per_hour": 0.001,
        }
    )


@pytest.fixture
def two_workers(tight: HubSettings) -> Iterator[list[httpx.Client]]:
    """Two hub apps on one database, each served on its own port: two worker processes'
    worth of separate memory, sharing only the database."""
    with ExitStack() as stack:
        clients = []
        for _ in range(2):
            url = stack.enter_context(serve(create_app(tight)))
            clients.append(stack.enter_context(httpx.Client(base_url=url, timeout=30)))
        created = clients[0].post(
            "/v1/admin/stations",
            json={"station_id": STATION, "name": "北京西站"},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert created.status_code == 201
        yield clients


def test_two_workers_spend_from_one_bucket(two_workers: list[httpx.Client]) -> None:
    a, b = two_workers
    for client in (a, b):  # one phone (its device cookie) whose connections land on both
        client.cookies.set("device", "one-phone-0123456789ab")
    statuses = [client.get(PAGE).status_code for client in (a, b, a, b, a, b)]
    assert statuses == [200, 200, 200, 200, 429, 429]  # a burst of 4 in all, not 4 per worker
    refused = b.get(PAGE, params={"lang": "en"})
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    # sign-in guesses too: 2 attempts in all, whichever worker takes them
    logins = [client.post("/centre/login", data={"csrf": "x"}).status_code for client in (b, a, b)]
    assert logins == [403, 403, 429]  # 403: no sign-in form cookie; the third is never read


def test_a_restart_does_not_refill_the_buckets(tight: HubSettings) -> None:
    """Sign-in guesses spent before a restart stay spent after it."""
    for expected in ([403, 403], [429]):
        with serve(create_app(tight)) as url, httpx.Client(base_url=url, timeout=30) as client:
            codes = [client.post("/centre/login", data={"csrf": "x"}).status_code for _ in expected]
            assert codes == expected


def test_full_buckets_are_pruned(database_url: str) -> None:
    database = Database(make_engine(database_url, 2))
    upgrade(database.engine)
    clock = Ticker()
    limiter = SharedRateLimiter(database, "view", 2, 1.0, wall_clock=clock)
    other = SharedRateLimiter(database, "login", 2, 0.001, wall_clock=clock)
    try:
        for ip in ("10.0.0.1", "10.0.0.2"):
            assert limiter.take(ip) == 0.0
            assert other.take(ip) == 0.0
        clock.now += 1.0  # view buckets are not full yet (2 tokens take 2 s)
        assert limiter.prune(clock.now) == 0
        clock.now += 1.5
        assert limiter.prune(clock.now) == 2  # full again: forgotten
        with database.read() as session:
            left = session.scalars(select(RateBucket.key).order_by(RateBucket.key)).all()
        assert left == ["login:10.0.0.1", "login:10.0.0.2"]
        assert limiter.take("10.0.0.1") == 0.0  # a forgotten bucket starts full
    finally:
        database.dispose()


_names = itertools.count(1)


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("buckets") / "hub.sqlite3"
    database = Database(make_engine(f"sqlite:///{path}", 2))
    upgrade(database.engine)
    yield database
    database.dispose()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    burst=st.integers(1, 6),
    per_second=st.floats(0.01, 5),
    steps=st.lists(
        st.tuples(st.sampled_from(["a", "b"]), st.floats(0, 30)), min_size=1, max_size=40
    ),
)
def test_the_shared_bucket_is_the_in_memory_bucket(
    sqlite_db: Database, burst: int, per_second: float, steps: list[tuple[str, float]]
) -> None:
    """Same grants and waits as the reference, key by key."""
    wall, mono = Ticker(0.0), Ticker(0.0)
    shared = SharedRateLimiter(sqlite_db, f"p{next(_names)}", burst, per_second, wall_clock=wall)
    memory = RateLimiter(burst, per_second, monotonic=mono)
    for key, gap in steps:
        wall.now += gap
        mono.now += gap
        got, want = shared.take(key), memory.take(key)
        assert (got == 0.0) == (want == 0.0)
        assert got == pytest.approx(want, rel=1e-9, abs=1e-9)


def test_a_wall_clock_stepping_back_refills_nothing(sqlite_db: Database) -> None:
    clock = Ticker()
    limiter = SharedRateLimiter(sqlite_db, "back", 1, 1.0, wall_clock=clock)
    assert limiter.take("x") == 0.0
    clock.now -= 3600
    assert limiter.take("x") > 0  # not a fresh bucket
    clock.now += 3600 + 1
    assert limiter.take("x") == 0.0
    with sqlite_db.read() as session:
        assert session.scalar(select(func.count()).select_from(RateBucket)) >= 1


@pytest.mark.parametrize("backend", ["postgresql"])  # SQLite hubs run one worker
def test_serve_with_two_worker_processes_keeps_one_limit(
    database_url: str, backend: str, tmp_path: Path
) -> None:
    """`kiosk-hub serve --workers 2` (PostgreSQL): a new connection per request lands on
    either worker; a burst of 4 still lets exactly 4 through."""
    env = {
        "HUB_DATABASE_URL": database_url,
        "HUB_DATA_DIR": str(tmp_path / "hub"),
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
        "HUB_WEB_VIEW_BURST": "4",
        "HUB_WEB_VIEW_PER_MIN": "0.001",
    }
    with hub_process(env, tmp_path / "serve.log", ["--workers", "2"]) as served:
        url = served.url
        created = httpx.post(
            f"{url}/v1/admin/stations",
            json={"station_id": STATION, "name": "北京西站"},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        )
        assert created.status_code == 201
        phone = {"device": "one-phone-0123456789ab"}  # one phone, whichever worker answers
        codes = [
            httpx.get(f"{url}{PAGE}", cookies=phone, timeout=30).status_code for _ in range(10)
        ]
        assert codes == [200] * 4 + [429] * 6
