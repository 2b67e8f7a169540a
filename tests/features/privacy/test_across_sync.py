"""Personal data across a station: two kiosks and a real PostgreSQL hub on loopback.

The traveller's phone and words are nowhere in the hub's PostgreSQL data (`pg_dump` of the
whole database, and the tables read raw), yet the other kiosk reads them after sync, because the
subject's key travels beside the events. An erasure at the centre reaches the other kiosk after
sync; after the retention date the number is gone on kiosk and hub, while every event row stays
byte-identical.
"""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import create_engine, text

from kiosk.core.clock import FixedClock, SystemClock
from kiosk.features.privacy.domain import Retention
from kiosk.features.privacy.hub import sweep as hub_sweep
from kiosk.features.privacy.service import PrivacyService
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.hub.vault import HubVault
from tests.e2e.conftest import PASSWORD, create_account
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk
from tools.pgtemp import find_bindir

pytestmark = pytest.mark.parametrize("hub_backend", ["postgresql"])

PHONE = "13987654321"
WORDS = "我的行李太重需要帮忙"
WISH = "希望驿站晚上多开一小时"


def synced(*kiosks: SyncedKiosk) -> None:
    for kiosk in kiosks:
        status = kiosk.engine.sync_once()
        assert status.last_error is None, status.last_error


def hub_rows(hub: HubServer) -> tuple[list[str], list[str]]:
    """The hub's events as PostgreSQL holds them (payload cast to text) and its key rows."""
    engine = create_engine(hub.settings.database_url)
    try:
        with engine.connect() as conn:
            events = conn.execute(
                text("SELECT id || kind || payload::text FROM events ORDER BY hub_seq")
            ).scalars()
            keys = conn.execute(text("SELECT subject || ' ' || wrapped FROM subject_keys"))
            return list(events), list(keys.scalars())
    finally:
        engine.dispose()


def pg_dump(hub: HubServer) -> str:
    bindir = find_bindir()
    assert bindir is not None
    url = hub.settings.database_url.replace("+psycopg", "")
    done = subprocess.run(
        [str(bindir / "pg_dump"), "--data-only", url], capture_output=True, check=True
    )
    return done.stdout.decode()


def kiosk_events(kiosk: SyncedKiosk) -> list[tuple[object, ...]]:
    with kiosk.services.database.read() as session:
        rows = session.execute(text("SELECT id, kind, seq, payload FROM events ORDER BY id"))
        return [tuple(r) for r in rows]


def test_postgres_holds_no_phone_and_the_other_kiosk_reads_it(
    make_kiosk: type[SyncedKiosk], hub: HubServer
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    request = south.services.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    south.services.wishes.submit("rest", WISH, consent=False)
    synced(south, north)
    (seen,) = north.services.requests.open_requests()
    assert seen.id == request.id and seen.masked_phone == "139****4321" and seen.text == WORDS
    assert [w.text for w in north.services.wishes.open_wishes()] == [WISH]
    dump = pg_dump(hub)
    events, keys = hub_rows(hub)
    assert len(keys) == 2 and any(request.id in e for e in events)
    for secret in (PHONE, WORDS, WISH):
        assert secret not in dump
        assert not any(secret in row for row in events + keys)
    # The hub's escaped JSON must not hide them either.
    for secret in (WORDS, WISH):
        escaped = secret.encode("unicode_escape").decode()
        assert escaped not in dump and escaped.upper() not in dump.upper()


def _signed_in(hub: HubServer) -> httpx.Client:
    create_account(hub, "centre-ops", "centre", [])
    client = httpx.Client(base_url=hub.url, timeout=10, follow_redirects=False)
    form = client.get("/centre/login")
    done = client.post(
        "/centre/login",
        data={"csrf": _csrf(form.text), "username": "centre-ops", "password": PASSWORD},
    )
    assert done.status_code == 303, done.text
    return client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_erasure_at_the_centre_reaches_the_other_kiosk(
    make_kiosk: type[SyncedKiosk], hub: HubServer
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    request = south.services.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    synced(south, north)
    assert north.services.requests.get(request.id).masked_phone == "139****4321"
    before = kiosk_events(north)
    centre = _signed_in(hub)
    try:
        page = centre.get("/centre/privacy", params={"station": STATION})
        assert page.status_code == 200 and "删除个人信息" in page.text
        bad = centre.post(
            f"/centre/privacy?station={STATION}", data={"csrf": _csrf(page.text), "ticket": "12"}
        )
        assert bad.status_code == 422 and "单号为 6 位数字" in bad.text
        assert len(hub_rows(hub)[1]) == 1  # nothing erased, nothing written
        done = centre.post(
            f"/centre/privacy?station={STATION}",
            data={"csrf": _csrf(page.text), "ticket": request.ticket},
        )
        assert done.status_code == 200 and "已删除该单的个人信息" in done.text
        again = centre.post(
            f"/centre/privacy?station={STATION}",
            data={"csrf": _csrf(page.text), "ticket": request.ticket},
        )
        assert again.status_code == 422 and "没有可删除的个人信息" in again.text
    finally:
        centre.close()
    events, keys = hub_rows(hub)
    assert keys == [] and any("privacy.erased" in e for e in events)
    engine = create_engine(hub.settings.database_url)
    with engine.connect() as conn:  # the audit: who erased it
        actors = conn.execute(text("SELECT actor FROM events WHERE kind = 'privacy.erased'"))
        assert list(actors.scalars()) == ["web:centre-ops"]
    engine.dispose()
    ticket_page = httpx.get(f"{hub.url}/t/{STATION}/{request.ticket}")
    assert "已删除" in ticket_page.text and "139****4321" not in ticket_page.text
    synced(south, north)
    for kiosk in (south, north):
        view = kiosk.services.requests.get(request.id)
        assert view.erased and view.masked_phone is None and view.text == "已删除 / Erased"
    after = kiosk_events(north)
    assert set(before) < set(after) and len(after) == len(before) + 1  # one erasure event
    (erasure,) = [e for e in after if e[1] == "privacy.erased"]
    assert request.id in str(erasure[3]) and PHONE not in str(erasure[3])


def test_retention_erases_on_every_holder_and_keeps_the_events(
    make_kiosk: type[SyncedKiosk], hub: HubServer
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    request = south.services.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    south.services.requests.cancel(request.id, "admin", "traveller left")
    still_open = south.services.requests.order("directions", phone="13811112222", consent=True)
    synced(south, north)
    hub_events_before, _ = hub_rows(hub)
    kiosk_before = kiosk_events(north)
    # 181 days later on every holder's clock; each erases on its own, offline.
    for kiosk in (south, north):
        kiosk.clock.advance(timedelta(days=181))
        assert kiosk.services.registered.get(PrivacyService).sweep() == 1
        assert kiosk.services.requests.get(request.id).erased
        assert kiosk.services.requests.get(still_open.id).masked_phone == "138****2222"
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        vault = HubVault(hub.settings.resolved_personal_data_key_path())
        later = FixedClock(SystemClock().now() + timedelta(days=181))
        assert hub_sweep(database, vault, SystemClock(), Retention()) == 0  # not yet
        assert hub_sweep(database, vault, later, Retention()) == 1
    finally:
        database.dispose()
    hub_events_after, keys = hub_rows(hub)
    assert hub_events_after == hub_events_before  # byte-identical
    assert [k.split()[0] for k in keys] == [still_open.id]
    assert kiosk_events(north) == kiosk_before
    page = httpx.get(f"{hub.url}/t/{STATION}/{request.ticket}")
    assert "已删除" in page.text and "139****4321" not in page.text


def test_an_erasure_made_at_a_kiosk_reaches_the_hub_and_the_other_kiosk(
    make_kiosk: type[SyncedKiosk], hub: HubServer
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    wish = south.services.wishes.submit("rest", WISH, PHONE, consent=True)
    synced(south, north)
    assert north.services.wishes.get(wish.id).text == WISH
    south.services.registered.get(PrivacyService).erase(wish.id, "admin")
    assert south.services.wishes.get(wish.id).erased
    synced(south, north)
    assert north.services.wishes.get(wish.id).text == "已删除 / Erased"
    database = Database(make_engine(hub.settings.resolved_database_url(), 2))
    try:
        vault = HubVault(hub.settings.resolved_personal_data_key_path())
        assert hub_sweep(database, vault, SystemClock(), Retention()) == 1  # the pushed erasure
    finally:
        database.dispose()
    assert hub_rows(hub)[1] == []
