"""The centre's sign-in limits against a real served hub (PostgreSQL and SQLite): the client's
address is taken from X-Forwarded-For only when HUB_TRUST_FORWARDED_FOR says so, also under
`kiosk-hub serve`; and each account has its own bucket of failed sign-ins, kept in the
database, so many addresses do not buy many guesses (issue 13, item 6)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from kiosk.core.clock import FixedClock
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, serve
from tests.platform.hub.streaming import hub_process
from tests.platform.hub.test_web_centre import PASSWORD, csrf_of

WRONG = "not the password"


@pytest.mark.parametrize("trusted", [False, True], ids=["untrusted", "trusted"])
def test_forwarded_for_counts_only_when_trusted_under_kiosk_hub_serve(
    database_url: str, tmp_path: Path, trusted: bool
) -> None:
    """Behind a local proxy every connection comes from 127.0.0.1: a client that changes its
    X-Forwarded-For header must not get a fresh sign-in bucket each time unless told to."""
    env = {
        "HUB_DATABASE_URL": database_url,
        "HUB_DATA_DIR": str(tmp_path / "hub"),
        "HUB_ADMIN_TOKEN": ADMIN_TOKEN,
        "HUB_WEB_LOGIN_BURST": "2",
        "HUB_WEB_LOGIN_PER_HOUR": "0.001",
        "HUB_TRUST_FORWARDED_FOR": "true" if trusted else "false",
    }
    with hub_process(env, tmp_path / "serve.log") as served:
        codes = [
            httpx.post(
                f"{served.url}/centre/login",
                data={"csrf": "x"},  # no sign-in form cookie: 403, after the bucket is spent from
                headers={"X-Forwarded-For": f"203.0.113.{n}"},
                timeout=30,
            ).status_code
            for n in range(1, 5)
        ]
    if trusted:  # four addresses, each with its own burst of 2
        assert codes == [403, 403, 403, 403]
    else:  # one address, the peer's: a burst of 2 in all
        assert codes == [403, 403, 429, 429]


@pytest.fixture
def guarded(settings: HubSettings) -> HubSettings:
    """Many addresses (a trusted proxy's X-Forwarded-For), 3 failed sign-ins per account at
    once, one more every 10 minutes."""
    return settings.model_copy(
        update={
            "trust_forwarded_for": True,
            "web_account_burst": 3,
            "web_account_per_hour": 6,
        }
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 8, 0, tzinfo=UTC))


@pytest.fixture
def centre(guarded: HubSettings, clock: FixedClock) -> Iterator[tuple[str, FastAPI]]:
    app = create_app(guarded, clock=clock)
    app.state.account_service.create("boss", PASSWORD, "centre", [])
    app.state.account_service.create("west", PASSWORD, "centre", [])
    with serve(app) as url:
        yield url, app


_addresses = itertools.count()


def attempt(url: str, username: str, password: str) -> httpx.Response:
    """One sign-in from a browser of its own at an address never seen before."""
    n = next(_addresses)
    headers = {"X-Forwarded-For": f"10.51.{n // 250}.{n % 250 + 1}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30) as browser:
        form = browser.get("/centre/login")
        assert form.status_code == 200
        return browser.post(
            "/centre/login",
            data={"csrf": csrf_of(form.text), "username": username, "password": password},
            params={"lang": "en"},
        )


def test_many_addresses_are_stopped_at_the_accounts_limit(
    centre: tuple[str, FastAPI], clock: FixedClock
) -> None:
    url, _app = centre
    codes = [attempt(url, "boss", WRONG).status_code for _ in range(8)]
    assert codes == [401, 401, 401, 429, 429, 429, 429, 429]
    locked = attempt(url, "boss", PASSWORD)  # the right password is refused too
    assert locked.status_code == 429
    wait = int(locked.headers["retry-after"])
    assert 590 <= wait <= 600
    assert "Too many failed sign-ins for this account" in locked.text
    assert f"try again in {wait} seconds" in locked.text
    assert "hub_session" not in locked.cookies
    # another account is not locked by boss's guesses
    assert attempt(url, "west", PASSWORD).status_code == 303
    clock.advance(timedelta(seconds=wait - 1))
    assert attempt(url, "boss", PASSWORD).status_code == 429
    clock.advance(timedelta(seconds=1))
    assert attempt(url, "boss", PASSWORD).status_code == 303  # the lock has run out


def test_right_passwords_do_not_count(centre: tuple[str, FastAPI]) -> None:
    url, _app = centre
    assert [attempt(url, "boss", PASSWORD).status_code for _ in range(6)] == [303] * 6
    assert [attempt(url, "boss", WRONG).status_code for _ in range(4)] == [401, 401, 401, 429]


def test_the_lock_holds_across_workers_and_restarts(
    centre: tuple[str, FastAPI], guarded: HubSettings, clock: FixedClock
) -> None:
    url, _app = centre
    assert [attempt(url, "boss", WRONG).status_code for _ in range(3)] == [401, 401, 401]
    with serve(create_app(guarded, clock=clock)) as other:  # another worker, or a restart
        assert attempt(other, "boss", PASSWORD).status_code == 429


def test_unknown_names_are_limited_alike(centre: tuple[str, FastAPI]) -> None:
    """A 429 tells nothing about which accounts exist."""
    url, _app = centre
    codes = [attempt(url, "nobody", WRONG).status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]
