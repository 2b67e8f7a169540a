"""A volunteer's name and phone erased at their request by the centre, across a station: two
kiosks and a real hub on loopback.

The centre's 个人信息 page finds the volunteer by number, asks to confirm, and writes
`privacy.erased` for them (a bad or unknown number is refused, nothing written). The hub's pages
then name them "已删除 / Erased"; both kiosks, after sync, show the same in place of the name
and cannot read their phone any more (phone + PIN no longer finds them), while their number,
hours and every event stay (the log is not rewritten), also after the projections are rebuilt.
Before that, the phone is sealed under the volunteer's own key: neither kiosk's SQLite file
(and WAL) nor the hub's events hold it, yet phone + PIN identifies them at the other kiosk.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

from kiosk.core.errors import KioskError
from kiosk.core.ids import new_id
from kiosk.core.secrets import hash_secret
from kiosk.features.shifts.domain import ScanAction
from kiosk.features.volunteers import store as volunteers_store
from kiosk.features.volunteers.hub import ERASED_NAME, roster_names, station_member
from kiosk.features.volunteers.store import VolunteerRow
from kiosk.platform.hub.db import Database, make_engine
from kiosk.platform.store import eventlog
from kiosk.platform.store.store import rebuild_projections
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.main_window import MainWindow
from tests.features.privacy.test_across_sync import (
    _csrf,
    _signed_in,
    kiosk_events,
    pg_dump,
    synced,
)
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PIN = "2468"
PHONE = "13800000001"


def hub_database(hub: HubServer) -> Database:
    return Database(make_engine(hub.settings.resolved_database_url(), 1))


def hub_erasures(hub: HubServer) -> int:
    database = hub_database(hub)
    try:
        with database.read() as session:
            found = session.execute(
                text("SELECT count(*) FROM events WHERE kind = 'privacy.erased'")
            ).scalar_one()
            return int(found)
    finally:
        database.dispose()


def raw_sqlite(kiosk: SyncedKiosk) -> bytes:
    """The kiosk's database file and its WAL, as a copy of the disk would hold them."""
    db = Path(str(kiosk.services.database.engine.url.database))
    return b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())


def hub_text(hub: HubServer) -> str:
    """Every row of the hub's events and configurations as text (a dump of what it holds)."""
    database = hub_database(hub)
    try:
        with database.read() as session:
            rows = session.execute(text("SELECT payload FROM events")).scalars()
            return "\n".join(str(r) for r in rows)
    finally:
        database.dispose()


def phone_of(kiosk: SyncedKiosk, volunteer_id: str) -> str:
    services = kiosk.services
    with services.database.read() as session:
        row = session.get(VolunteerRow, volunteer_id)
        assert row is not None
        return volunteers_store.phone_of(session, row, services.database.vault)


def roster_row(kiosk: SyncedKiosk, volunteer_id: str) -> tuple[str, str, str]:
    with kiosk.services.database.read() as session:
        row = session.scalars(select(VolunteerRow).where(VolunteerRow.id == volunteer_id)).one()
        return row.name, row.number, row.phone


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_the_centre_erases_a_volunteer_on_every_kiosk_and_hours_stay(
    make_kiosk: type[SyncedKiosk], hub: HubServer, hub_backend: str
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    wang = south.services.roster.register("王芳", "FZB-0001", PHONE, PIN)
    li = south.services.roster.register("李强", "FZB-0002", "13800000002", PIN)
    # 王芳 leads the team: her admin account's events name her by number only
    south.services.admin.set_first_pin("97531357", "97531357")
    station_admin = south.services.admin.login("97531357")
    south.services.admin.set_team_leader(station_admin, wang.id, "86428642")
    south.services.shifts.clock_with_pin(PHONE, PIN)  # in
    south.clock.advance(timedelta(hours=3))
    south.services.shifts.clock_with_pin(PHONE, PIN)  # out: three hours
    synced(south, north)
    # The phone is sealed under the volunteer's key: not in either kiosk's file, nor the hub's
    for kiosk in (south, north):
        assert PHONE.encode() not in raw_sqlite(kiosk)
        assert roster_row(kiosk, wang.id) == ("王芳", "FZB-0001", "")
        assert phone_of(kiosk, wang.id) == PHONE
    assert PHONE not in hub_text(hub) and "王芳" not in hub_text(hub)
    if hub_backend == "postgresql":
        assert PHONE not in pg_dump(hub)  # the whole database, as a backup would hold it
    assert [a.name for a in north.services.admin.accounts() if a.id.endswith(wang.id)] == ["王芳"]
    # …and phone + PIN identifies at the other kiosk, which got the key with the sync
    north.clock.advance(timedelta(hours=4))
    assert north.services.shifts.clock_with_pin(PHONE, PIN).volunteer.id == wang.id
    north.clock.advance(timedelta(hours=1))
    north.services.shifts.clock_with_pin(PHONE, PIN)  # out again
    synced(north, south)
    month = south.clock.now()
    hours_before = {
        h.volunteer.number: h.minutes
        for h in north.services.shifts.monthly_hours(month.year, month.month)
    }
    assert hours_before["FZB-0001"] == 240
    events_before = kiosk_events(north)

    centre = _signed_in(hub)
    try:
        page = centre.get("/centre/privacy", params={"station": STATION})
        assert page.status_code == 200 and "删除志愿者的个人信息" in page.text
        url = f"/centre/privacy/volunteer?station={STATION}"
        csrf = _csrf(page.text)
        bad = centre.post(url, data={"csrf": csrf, "number": " "})
        assert bad.status_code == 422 and "请填写志愿者编号" in bad.text
        unknown = centre.post(url, data={"csrf": csrf, "number": "FZB-0404"})
        assert unknown.status_code == 422 and "该站点没有这个志愿者编号" in unknown.text
        asked = centre.post(url, data={"csrf": csrf, "number": "FZB-0001"})
        assert asked.status_code == 200
        assert "确认删除 王芳（FZB-0001）的姓名和手机号？此操作无法撤销。" in asked.text
        assert hub_erasures(hub) == 0  # asked, not yet confirmed: nothing written
        done = centre.post(url, data={"csrf": csrf, "number": "FZB-0001", "confirm": "1"})
        assert done.status_code == 200 and "已删除该志愿者的姓名和手机号" in done.text
        assert hub_erasures(hub) == 1
        again = centre.post(url, data={"csrf": csrf, "number": "FZB-0001", "confirm": "1"})
        assert again.status_code == 422 and "该志愿者的个人信息已删除" in again.text
        english = centre.post(f"{url}&lang=en", data={"csrf": csrf, "number": "FZB-0002"})
        assert "Erase the name and phone of 李强 (FZB-0002)?" in english.text
    finally:
        centre.close()
    assert hub_erasures(hub) == 1

    # The hub's pages name the volunteer as erased; the number and the PIN stay
    database = hub_database(hub)
    try:
        with database.read() as session:
            names = roster_names(session, [STATION])
        assert names[wang.id].name == ERASED_NAME and names[wang.id].number == "FZB-0001"
        member = station_member(database, STATION, "FZB-0001")
        assert member is not None and member.name == ERASED_NAME and member.pin_matches(PIN)
    finally:
        database.dispose()

    # Both kiosks, after sync: erased in place of the name, no phone; the hours stay
    synced(south, north)
    for kiosk in (south, north):
        assert roster_row(kiosk, wang.id) == (ERASED_NAME, "FZB-0001", "")
        assert phone_of(kiosk, wang.id) == ""  # the key is gone: the sealed phone is unreadable
        assert phone_of(kiosk, li.id) == "13800000002"  # only 王芳
        assert roster_row(kiosk, li.id) == ("李强", "FZB-0002", "")
        hours = {
            h.volunteer.number: (h.volunteer.name, h.minutes)
            for h in kiosk.services.shifts.monthly_hours(month.year, month.month)
        }
        assert hours["FZB-0001"] == (ERASED_NAME, 240)
        with pytest.raises(KioskError):
            kiosk.services.shifts.clock_with_pin(PHONE, PIN)  # the phone is gone
        leaders = [a.name for a in kiosk.services.admin.accounts() if a.id.endswith(wang.id)]
        assert leaders == [ERASED_NAME]  # the team leader's account names her as erased too
    # The log is not rewritten: every earlier event row is byte-identical
    after = kiosk_events(north)
    assert [e for e in after if e in events_before] == events_before
    # A rebuild folds the same: the registration first, the erasure after
    rebuild_projections(north.services.database)
    assert roster_row(north, wang.id) == (ERASED_NAME, "FZB-0001", "")


OLD_PHONE = "13800000009"


def legacy_registration(kiosk: SyncedKiosk, name: str, number: str, phone: str) -> str:
    """A registration as kiosks wrote it before sealing: name and phone in clear."""
    volunteer_id = new_id()
    now = kiosk.clock.now()
    with kiosk.services.database.write() as session:
        payload = {"volunteer_id": volunteer_id, "name": name, "number": number, "phone": phone}
        eventlog.append(session, "volunteer.registered", payload, occurred_at=now)
        pin = {"volunteer_id": volunteer_id, "pin_hash": hash_secret(PIN)}
        eventlog.append(session, "volunteer.pin_set", pin, occurred_at=now)
    return volunteer_id


def legacy_leader(kiosk: SyncedKiosk, volunteer_id: str, name: str) -> None:
    """A team-leader account as kiosks wrote it before leaders were named by number: the
    volunteer's name in clear in the account event and in its audit."""
    now = kiosk.clock.now()
    account = f"tl-{volunteer_id}"
    with kiosk.services.database.write() as session:
        payload = {
            "account_id": account,
            "name": name,
            "role": "team_leader",
            "pin_hash": hash_secret("86428642"),
            "active": True,
        }
        eventlog.append(session, "admin.account_set", payload, occurred_at=now)
        audit = {
            "audit_id": new_id(),
            "account_id": "station_admin",
            "action": "account_set",
            "target": account,
            "after": {"role": "team_leader", "active": True, "name": name},
        }
        eventlog.append(session, "admin.audited", audit, occurred_at=now)


def hub_everything(hub: HubServer) -> str:
    """The hub's events and every roster version it stores, as text."""
    database = hub_database(hub)
    try:
        with database.read() as session:
            bodies = session.execute(
                text("SELECT body FROM config_items WHERE kind = 'roster'")
            ).scalars()
            return hub_text(hub) + "\n".join(str(b) for b in bodies)
    finally:
        database.dispose()


def hours_page(centre: httpx.Client, day: date) -> str:
    span = {
        "from": (day - timedelta(days=1)).isoformat(),
        "to": (day + timedelta(days=1)).isoformat(),
    }
    page = centre.get("/centre/hours", params={"station": STATION, **span})
    assert page.status_code == 200, page.text
    return page.text


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_a_sealed_name_and_an_old_clear_registration_are_gone_everywhere_after_erasure(
    make_kiosk: type[SyncedKiosk], hub: HubServer, hub_backend: str, qtbot: QtBot
) -> None:
    south, north = make_kiosk("south"), make_kiosk("north")  # type: ignore[call-arg]
    wang = south.services.roster.register("王芳", "FZB-0001", PHONE, PIN)
    zhao = legacy_registration(north, "赵磊", "FZB-0009", OLD_PHONE)  # written before sealing
    legacy_leader(north, zhao, "赵磊")  # and made team leader when accounts carried names
    # The centre's roster publication lists 王芳 (name, number; no phone any more)
    roster = {"volunteers": [{"volunteer_id": wang.id, "name": "王芳", "number": "FZB-0001"}]}
    published = hub.admin(
        "POST", "/v1/admin/config", json={"kind": "roster", "station_id": STATION, "body": roster}
    )
    assert published.status_code == 201, published.text
    south.services.shifts.clock_with_pin(PHONE, PIN)  # in
    north.services.shifts.clock_with_pin(OLD_PHONE, PIN)  # in
    south.clock.advance(timedelta(hours=3))
    north.clock.advance(timedelta(hours=2))
    south.services.shifts.clock_with_pin(PHONE, PIN)  # out: three hours
    north.services.shifts.clock_with_pin(OLD_PHONE, PIN)  # out: two hours
    south.clock.advance(timedelta(minutes=30))
    again = south.services.shifts.clock_with_pin(PHONE, PIN)  # in again: on duty now
    assert again.action is ScanAction.CHECK_IN
    synced(south, north, south)
    day = south.clock.now().date()

    # Before: the event logs hold the sealed name only (赵磊's old registration in clear);
    # the kiosks' pages and the centre's hours page name both volunteers
    for kiosk in (south, north):
        logged = "".join(str(e[3]) for e in kiosk_events(kiosk))
        assert "王芳" not in logged and PHONE not in logged and "赵磊" in logged
        leaders = [a.name for a in kiosk.services.admin.accounts() if a.id == f"tl-{zhao}"]
        assert leaders == ["赵磊"]
        assert {v.name for v in kiosk.services.roster.all()} >= {"王芳", "赵磊"}
        assert [d.volunteer.name for d in kiosk.services.shifts.on_duty()] == ["王芳"]
        hours = {h.volunteer.number: h.volunteer.name for h in monthly(kiosk)}
        assert hours["FZB-0001"] == "王芳" and hours["FZB-0009"] == "赵磊"
    assert "王芳" not in hub_text(hub) and PHONE not in hub_text(hub)
    window = kiosk_window(qtbot, south)  # the home screen's on-duty board, as staff see it
    qtbot.waitUntil(lambda: board_names(window) == ["王芳"], timeout=10_000)
    centre = _signed_in(hub)
    try:
        before = hours_page(centre, day)
        assert "王芳" in before and "赵磊" in before
        url = f"/centre/privacy/volunteer?station={STATION}"
        csrf = _csrf(centre.get("/centre/privacy", params={"station": STATION}).text)
        for number in ("FZB-0001", "FZB-0009"):
            done = centre.post(url, data={"csrf": csrf, "number": number, "confirm": "1"})
            assert done.status_code == 200 and "已删除该志愿者的姓名和手机号" in done.text
        after = hours_page(centre, day)
        assert "王芳" not in after and "赵磊" not in after and ERASED_NAME in after
        assert "FZB-0001" in after and "FZB-0009" in after  # the numbers and hours stay
    finally:
        centre.close()
    synced(south, north, south)
    # The board follows the erasure pulled in, at its next refresh (the status timer's)
    window.refresh_status()
    qtbot.waitUntil(lambda: board_names(window) == [ERASED_NAME], timeout=10_000)
    close_window(window)

    # After: gone from both kiosks' files (and WAL), the hub's events and roster versions,
    # and PostgreSQL; the pages say 已删除 / Erased; hours and shifts stay under the number
    for kiosk in (south, north):
        raw = raw_sqlite(kiosk)
        for gone in ("王芳", "赵磊", PHONE, OLD_PHONE):
            assert gone.encode() not in raw, (kiosk, gone)
        assert roster_row(kiosk, wang.id) == (ERASED_NAME, "FZB-0001", "")
        assert roster_row(kiosk, zhao) == (ERASED_NAME, "FZB-0009", "")
        assert [d.volunteer.name for d in kiosk.services.shifts.on_duty()] == [ERASED_NAME]
        hours = {h.volunteer.number: (h.volunteer.name, h.minutes) for h in monthly(kiosk)}
        assert hours["FZB-0001"] == (ERASED_NAME, 180)
        assert hours["FZB-0009"] == (ERASED_NAME, 120)
    everything = hub_everything(hub)
    for gone in ("王芳", "赵磊", PHONE, OLD_PHONE):
        assert gone not in everything
        if hub_backend == "postgresql":
            assert gone not in pg_dump(hub)
    # The kiosks and the hub agree on the scrubbed old registration, byte for byte
    scrubbed = ("volunteer.registered", "admin.account_set", "admin.audited")
    assert [e for e in kiosk_events(south) if e[1] in scrubbed] == [
        e for e in kiosk_events(north) if e[1] in scrubbed
    ]
    rebuild_projections(north.services.database)
    for kiosk in (south, north):  # the old leader account names nobody, also after a rebuild
        leaders = [a.name for a in kiosk.services.admin.accounts() if a.id == f"tl-{zhao}"]
        assert leaders == [ERASED_NAME]
    assert roster_row(north, zhao) == (ERASED_NAME, "FZB-0009", "")
    assert roster_row(north, wang.id) == (ERASED_NAME, "FZB-0001", "")


def monthly(kiosk: SyncedKiosk) -> list[Any]:
    month = kiosk.clock.now()
    return list(kiosk.services.shifts.monthly_hours(month.year, month.month))


def kiosk_window(qtbot: QtBot, kiosk: SyncedKiosk) -> MainWindow:
    settings = Settings(data_dir=kiosk.services.settings.data_dir, station_id=STATION)
    window = build_window(
        settings, lambda: kiosk.services.shifts.local_time(kiosk.clock.now()), lambda: False
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.attach_services(kiosk.services)
    return window


def board_names(window: MainWindow) -> list[str]:
    rows = window.home.board.row_widgets
    return [r.name_label.text() for r in rows if not r.isHidden() and r.name_label.text()]


def close_window(window: MainWindow) -> None:
    window.allow_close()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
