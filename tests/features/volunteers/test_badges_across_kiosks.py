"""Badges at every exit (issue #17 §1), driven as the admin and the volunteer would: the admin
prints, reprints and revokes a badge on the south kiosk's screen and sets the station's badge
lifetime there; the volunteer scans at the north kiosk, with a real hub between them.

The badge's QR is read back from the printed PNG (zxing, as the kiosk's camera reads it) and
typed into the north window as a USB scanner types it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import zxingcpp
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.features.shifts.store import ShiftRow
from kiosk.features.volunteers.domain.serials import expiry_for
from kiosk.features.volunteers.store import BadgeRow
from kiosk.settings import Settings
from kiosk.shell.bootstrap import build_window
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_admin_console import tap_row
from tests.kiosk_fixtures import scan, tap, type_digits, visible_text
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

ADMIN_PIN = "135790"
Window = Callable[[SyncedKiosk], Iterator[MainWindow]]


@contextmanager
def window_of(qtbot: QtBot, kiosk: SyncedKiosk) -> Iterator[MainWindow]:
    """The kiosk's real window over its services (one open at a time: each window filters the
    application's keys for its scanner)."""
    settings = Settings(data_dir=kiosk.services.settings.data_dir, station_id=STATION)
    window = build_window(
        settings,
        lambda: kiosk.services.shifts.local_time(kiosk.clock.now()),
        has_camera=lambda: False,
    )
    window.resize(1920, 1080)
    window.show()
    qtbot.waitExposed(window)
    window.attach_services(kiosk.services)
    try:
        yield window
    finally:
        window.allow_close()
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_volunteers(qtbot: QtBot, window: MainWindow) -> None:
    window.top_bar.logo.set_hold_ms(30)
    qtbot.mousePress(window.top_bar.logo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_page() is window.flow("admin").admin_login, timeout=2000)
    qtbot.mouseRelease(window.top_bar.logo, Qt.MouseButton.LeftButton)
    type_digits(qtbot, window.flow("admin").admin_login, ADMIN_PIN)
    tap(qtbot, window.flow("admin").admin_login.keypad.ok_button)
    tap(qtbot, window.flow("admin").console.tool_buttons["volunteers"])
    assert window.current_page() is window.flow("volunteers").volunteers


def print_badge(qtbot: QtBot, kiosk: SyncedKiosk) -> tuple[str, str]:
    """Admin at `kiosk`: select 王芳, tap Print (or Reprint) badge; returns the text shown on
    the badge page and the token its printed QR holds."""
    with window_of(qtbot, kiosk) as window:
        open_volunteers(qtbot, window)
        flow = window.flow("volunteers")
        tap_row(qtbot, flow.volunteers.table, 0)
        tap(qtbot, flow.volunteers.action_buttons["badge"])
        assert window.current_page() is flow.badge
        shown = flow.badge.serial.text()
        where = flow.badge.where.text()
    folder = kiosk.services.settings.data_dir / "exports" / "badges"
    png = max(folder.glob("*.png"), key=lambda p: p.stat().st_mtime_ns)
    assert png.name in where  # the page says where the card to print was saved
    [found] = zxingcpp.read_barcodes(Image.open(png))
    return shown, found.text


def token_of(code: str) -> str:
    """The badge token a QR holds: itself, or after the "#" of a badge link."""
    return code.rsplit("#", 1)[-1]


def scan_at(qtbot: QtBot, kiosk: SyncedKiosk, token: str) -> tuple[str, int]:
    """The volunteer scans at `kiosk`'s home screen: what the result page says, and how many
    events the scan wrote."""
    before = kiosk.services.pending_count()
    with window_of(qtbot, kiosk) as window:
        scan(qtbot, window, token)
        qtbot.waitUntil(lambda: window.current_page() is window.result, timeout=5000)
        said = window.result.headline.text() + "\n" + window.result.other.text()
        said += "\n" + visible_text(window)
    return said, kiosk.services.pending_count() - before


def sync(*kiosks: SyncedKiosk) -> None:
    """One sync of each, and what the running kiosk does after a pull (the hub's badge key)."""
    for kiosk in kiosks:
        kiosk.engine.sync_once()
        kiosk.services.refresh_config()


def open_shift(kiosk: SyncedKiosk) -> bool:
    with kiosk.services.database.read() as session:
        rows = session.scalars(select(ShiftRow).where(ShiftRow.checked_out_at.is_(None))).all()
        return len(rows) == 1


def test_a_badge_printed_at_one_exit_works_at_the_other_until_reprinted_or_revoked(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    sync(south, north)

    shown, first = print_badge(qtbot, south)
    # The QR opens the volunteer's own page on the hub, number filled in; the token after "#"
    # is what the kiosks' scanners read (scanned below as the whole link).
    assert first.startswith(f"{hub.url}/v/{STATION}?n=FZB-0001#SKB2.")
    serial = token_of(first).split(".")[1]
    assert serial in shown and "2028-11-01" in shown  # two years by default
    sync(south, north)

    said, wrote = scan_at(qtbot, north, first)
    assert "签到成功" in said and wrote == 1
    assert open_shift(north)

    hub.stop()  # offline from then on: the north exit still knows the badge
    north.clock.advance(timedelta(hours=3))
    said, wrote = scan_at(qtbot, north, first)
    assert "签退成功" in said and wrote == 1 and not open_shift(north)
    hub.start()
    sync(north, south)

    shown, second = print_badge(qtbot, south)  # a reprint: a new serial
    assert second != first and token_of(second).split(".")[1] in shown
    north.clock.advance(timedelta(days=1))
    said, wrote = scan_at(qtbot, north, first)  # not synced yet: north still takes the old one
    assert "签到成功" in said
    sync(south, north)
    north.clock.advance(timedelta(hours=3))
    said, wrote = scan_at(qtbot, north, first)
    assert "此工牌已被新工牌取代" in said and "replaced by a newer one" in said and wrote == 0
    said, wrote = scan_at(qtbot, north, second)
    assert "签退成功" in said and wrote == 1

    with window_of(qtbot, south) as window:  # revoke: lost
        open_volunteers(qtbot, window)
        flow = window.flow("volunteers")
        tap_row(qtbot, flow.volunteers.table, 0)
        tap(qtbot, flow.volunteers.action_buttons["revoke_badge"])
        assert window.current_page() is flow.revoke_badge
        assert token_of(second).split(".")[1] in flow.revoke_badge.detail.text()
        tap(qtbot, flow.revoke_badge.reason_buttons["lost"])
        assert window.current_page() is flow.volunteers
        assert "已作废" in flow.volunteers.notice.primary.text()
        assert "已作废（遗失）" in flow.volunteers.table.item(0, 4).text()
        assert not flow.volunteers.action_buttons["revoke_badge"].isEnabled()
        assert flow.volunteers.action_buttons["badge"].text() == "打印工牌"
    sync(south, north)
    north.clock.advance(timedelta(hours=3))
    said, wrote = scan_at(qtbot, north, second)
    assert "此工牌已作废（遗失）" in said and "revoked (Lost)" in said and wrote == 0
    with north.services.database.read() as session:
        rows = {r.serial: r.status for r in session.scalars(select(BadgeRow))}
    replaced, revoked = (token_of(code).split(".")[1] for code in (first, second))
    assert rows == {replaced: "replaced", revoked: "revoked"}


def test_the_station_badge_lifetime_and_an_expired_or_altered_badge(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    south: SyncedKiosk = make_kiosk("south")
    north: SyncedKiosk = make_kiosk("north")
    south.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    with window_of(qtbot, south) as window:  # the settings page: badges valid for one year
        open_volunteers(qtbot, window)
        flow = window.flow("admin")
        tap(qtbot, window.flow("volunteers").volunteers.back_button)
        tap(qtbot, flow.console.settings_button)
        page = flow.settings_page
        assert page.choice_buttons["badge_lifetime_days"][730].isChecked()  # the default
        tap(qtbot, page.choice_buttons["badge_lifetime_days"][365])
        assert page.choice_buttons["badge_lifetime_days"][365].isChecked()
        assert "已保存" in page.notice.primary.text()
    sync(south, north)
    assert north.services.management.badge_lifetime() == 365  # the station's, not one kiosk's

    shown, token = print_badge(qtbot, south)
    assert "2027-11-02" in shown
    sync(south, north)
    serial, secret = token_of(token).split(".")[1:]
    altered = f"SKB2.{serial}.{secret[::-1]}"
    said, wrote = scan_at(qtbot, north, altered)
    assert "工牌无效或已被篡改" in said and wrote == 0
    said, wrote = scan_at(qtbot, north, f"SKB2.{'Z' * 10}.{secret}")
    assert "本机尚未收到此工牌的登记" in said and wrote == 0

    north.clock.advance(timedelta(days=365))  # its last day: still good
    said, wrote = scan_at(qtbot, north, token)
    assert "签到成功" in said
    north.clock.advance(timedelta(hours=3))
    assert "签退成功" in scan_at(qtbot, north, token)[0]
    north.clock.advance(timedelta(days=1))
    said, wrote = scan_at(qtbot, north, token)
    assert "此工牌已于 2027-11-02 过期" in said and "expired on 2027-11-02" in said
    assert wrote == 0


def test_a_badge_the_hub_issues_follows_the_same_rules(
    qtbot: QtBot,
    make_kiosk,
    hub: HubServer,  # type: ignore[no-untyped-def]
) -> None:
    now = datetime.now(UTC)  # the hub dates its badges by the real clock: so do the kiosks
    south: SyncedKiosk = make_kiosk("south", start=now)
    north: SyncedKiosk = make_kiosk("north", start=now)
    south.services.admin.set_first_pin(ADMIN_PIN, ADMIN_PIN)
    wang = south.services.roster.register("王芳", "FZB-0001", "13800000001", "1234")
    sync(south, north)
    old_style = hub.admin("POST", "/v1/admin/badges", json={"volunteer_id": wang.id})
    assert old_style.status_code == 201 and old_style.json()["token"].startswith("SKB1.")
    sync(north)  # the hub's key
    said, _ = scan_at(qtbot, north, old_style.json()["token"])
    assert "签到成功" in said  # an old-style badge: good until the first serial badge

    _, printed = print_badge(qtbot, south)
    sync(south)
    issued = hub.admin(
        "POST", "/v1/admin/badges", json={"volunteer_id": wang.id, "station_id": STATION}
    )
    assert issued.status_code == 201, issued.text
    body = issued.json()
    two_years = expiry_for(datetime.now(UTC).date(), 730)
    assert body["token"].startswith("SKB2.") and body["expires_on"] == two_years.isoformat()
    sync(north)
    north.clock.advance(timedelta(hours=3))
    said, _ = scan_at(qtbot, north, printed)  # the kiosk's badge: replaced by the hub's
    assert "此工牌已被新工牌取代" in said
    said, _ = scan_at(qtbot, north, old_style.json()["token"])
    assert "此工牌已被新工牌取代" in said
    said, _ = scan_at(qtbot, north, body["token"])
    assert "签退成功" in said
    sync(north, south)
    with south.services.database.read() as session:
        statuses = {r.serial: r.status for r in session.scalars(select(BadgeRow))}
    assert statuses == {token_of(printed).split(".")[1]: "replaced", body["serial"]: "current"}
    unknown = hub.admin(
        "POST", "/v1/admin/badges", json={"volunteer_id": wang.id, "station_id": "nowhere"}
    )
    assert unknown.status_code == 404 and unknown.json()["reason"] == "station_not_found"
