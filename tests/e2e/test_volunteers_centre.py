"""Volunteers managed at the centre, end to end in a real browser (Playwright driving Debian's
chromium) against a real hub with a kiosk syncing: the centre adds a volunteer and is shown
their one-time setup code; the kiosk pulls; the volunteer types number + code and chooses a
PIN, then checks in with phone + PIN. A bad add is refused with the field named and nothing
written; a reset code replaces the PIN; a deactivated volunteer is refused after sync."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.core.errors import Conflict, KioskError, ValidationError
from tests.e2e.conftest import create_account
from tests.e2e.test_centre_tickets import hub_count, shots, sign_in
from tests.platform.sync.conftest import STATION, HubServer, SyncedKiosk

PHONE = "13912345678"


def _add(desk: Any, hub: HubServer, name: str, phone: str) -> None:
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator("#name").fill(name)
    desk.locator("#phone").fill(phone)
    desk.locator("#add-volunteer").click()


@pytest.mark.parametrize("hub_backend", ["sqlite", "postgresql"])
def test_the_centre_adds_a_volunteer_who_sets_a_pin_at_the_kiosk_and_checks_in(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("north")
    services = kiosk.services
    create_account(hub, "boss", "centre", [])
    folder = shots(tmp_path)
    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})

    # Bad input: the field named (zh), tied to its input, nothing written.
    _add(desk, hub, "王芳", "1391234")
    assert desk.locator("#error-phone").inner_text() == "手机号须为 11 位数字"
    assert desk.locator("#phone").get_attribute("aria-invalid") == "true"
    assert desk.locator("#name").input_value() == "王芳"  # what was typed stays
    _add(desk, hub, "   ", PHONE)
    assert desk.locator("#error-name").inner_text() == "请填写姓名（40 字以内）"
    assert hub_count(hub, "volunteer.registered") == 0

    _add(desk, hub, "王芳", PHONE)
    assert desk.locator("#notice").inner_text() == "已添加志愿者"
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    assert number == f"{STATION.upper()}-0001" and len(code) == 8 and code.isdigit()
    desk.screenshot(path=str(folder / "centre-volunteer-code-1366.png"), full_page=True)
    assert hub_count(hub, "volunteer.registered") == 1
    assert hub_count(hub, "volunteer.setup_code_issued") == 1

    # The same phone again at the station: refused, nothing written.
    _add(desk, hub, "王芳二", PHONE)
    assert desk.locator("#error-phone").inner_text() == "该手机号已登记在本站"
    assert hub_count(hub, "volunteer.registered") == 1

    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    row = desk.locator(f"tr.volunteer[data-number='{number}']")
    assert "王芳" in row.inner_text() and "设置码待用" in row.inner_text()
    desk.screenshot(path=str(folder / "centre-volunteers-1366.png"), full_page=True)
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=en")
    assert "Setup code waiting" in desk.locator("#volunteers").inner_text()
    desk.screenshot(path=str(folder / "centre-volunteers-en-390.png"), full_page=True)
    desk.set_viewport_size({"width": 1366, "height": 768})

    # The kiosk pulls: the volunteer is on its roster, phone sealed, no PIN yet.
    assert kiosk.engine.sync_once().last_error is None
    [info] = services.roster.all()
    assert (info.name, info.number, info.masked_phone) == ("王芳", number, "139****5678")
    with pytest.raises(KioskError):
        services.shifts.clock_with_pin(PHONE, "2468")
    wrong_code = "00000000" if code != "00000000" else "11111111"
    with pytest.raises(ValidationError) as wrong:
        services.roster.set_pin_with_code(number, wrong_code, "2468", "2468")
    assert wrong.value.zh == "设置码不正确，还可尝试 4 次"
    with pytest.raises(ValidationError) as mismatch:
        services.roster.set_pin_with_code(number, code, "2468", "2469")
    assert mismatch.value.en == "The two PINs do not match"
    services.roster.set_pin_with_code(number, code, "2468", "2468")
    with pytest.raises(Conflict) as used:
        services.roster.set_pin_with_code(number, code, "1357", "1357")
    assert used.value.zh.startswith("此设置码已使用")
    result = services.shifts.clock_with_pin(PHONE, "2468")
    assert result.volunteer.number == number and result.action == "check_in"

    # The centre sees the PIN set after the kiosk pushes.
    assert kiosk.engine.sync_once().last_error is None
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    assert "已设置" in desk.locator(f"tr.volunteer[data-number='{number}']").inner_text()

    # A reset: a new code; the old PIN works until the new one is chosen.
    desk.locator(f"#open-{number}").click()
    desk.locator("#reset").click()
    assert desk.locator("#notice").inner_text().startswith("已生成新的设置码")
    second = desk.locator("#setup-code").inner_text()
    assert second != code and len(second) == 8
    assert kiosk.engine.sync_once().last_error is None
    kiosk.clock.advance(timedelta(hours=3))
    services.roster.set_pin_with_code(number, second, "9753", "9753")
    services.shifts.clock_with_pin(PHONE, "9753")  # the new PIN checks out

    # Deactivated at the centre: refused at the kiosk after sync, with the reason.
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    desk.locator("#deactivate").click()
    assert desk.locator("#state").inner_text() == "已停用"
    desk.screenshot(path=str(folder / "centre-volunteer-1366.png"), full_page=True)
    assert kiosk.engine.sync_once().last_error is None
    kiosk.clock.advance(timedelta(hours=1))
    with pytest.raises(KioskError) as refused:
        services.shifts.clock_with_pin(PHONE, "9753")
    assert "停用" in refused.value.zh
    desk.locator("#reactivate").click()
    assert desk.locator("#state").inner_text() == "在册"
    assert kiosk.engine.sync_once().last_error is None
    services.shifts.clock_with_pin(PHONE, "9753")


def test_an_expired_setup_code_is_refused_with_the_reason(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
) -> None:
    kiosk = make_kiosk("south")
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "李雷", PHONE)
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    assert kiosk.engine.sync_once().last_error is None
    kiosk.clock.advance(
        timedelta(days=400)
    )  # well past the code's 7 days, whatever the hub's clock
    with pytest.raises(Conflict) as expired:
        kiosk.services.roster.set_pin_with_code(number, code, "2468", "2468")
    assert "过期" in expired.value.zh and "expired" in expired.value.en


def test_the_centre_changes_a_name_and_phone_and_the_kiosk_follows(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
) -> None:
    kiosk = make_kiosk("east")
    services = kiosk.services
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "韩梅", PHONE)
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    _add(desk, hub, "李雷", "13700000002")
    assert kiosk.engine.sync_once().last_error is None
    services.roster.set_pin_with_code(PHONE, code, "2468", "2468")  # by phone, as at the keypad

    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    assert desk.locator("#phone").input_value() == PHONE  # opened from its sealed value
    desk.locator("#phone").fill("13700000002")  # 李雷's: refused, nothing written
    desk.locator("#save").click()
    assert desk.locator("#error-phone").inner_text() == "该手机号已登记在本站"
    assert hub_count(hub, "volunteer.registered") == 2
    desk.locator("#name").fill("韩梅梅")
    desk.locator("#phone").fill("13600000003")
    desk.locator("#save").click()
    assert desk.locator("#notice").inner_text() == "已保存，终端同步后生效"
    assert desk.locator("#who").inner_text() == f"韩梅梅（{number}）"

    assert kiosk.engine.sync_once().last_error is None
    result = services.shifts.clock_with_pin("13600000003", "2468")  # the new phone, same PIN
    assert result.volunteer.name == "韩梅梅" and result.volunteer.number == number
    with pytest.raises(KioskError):
        services.shifts.clock_with_pin(PHONE, "2468")  # the old phone no longer finds them


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_spreadsheet_import_is_previewed_row_by_row_then_only_good_rows_are_added(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("west")
    create_account(hub, "boss", "centre", [])
    folder = shots(tmp_path)
    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})
    _add(desk, hub, "王芳", PHONE)  # already at the station

    # A CSV saved by Excel in Chinese (GB18030) where every row is bad: nothing to confirm.
    bad = tmp_path / "bad.csv"
    bad.write_bytes("姓名,手机号\n,13800000001\n张三,1380000\n李四,13912345678\n".encode("gb18030"))
    desk.goto(f"{hub.url}/centre/volunteers/import?station={STATION}&lang=zh")
    desk.locator("#file").set_input_files(str(bad))
    desk.locator("#upload").click()
    problems = desk.locator("#preview tr.row td.problem").all_inner_texts()
    assert problems == ["请填写姓名（40 字以内）", "手机号须为 11 位数字", "该手机号已登记在本站"]
    assert desk.locator("#confirm").count() == 0
    assert desk.locator("#summary").inner_text().startswith("共 3 行：0 行可添加")
    assert hub_count(hub, "volunteer.registered") == 1

    # An XLSX with good rows, a duplicate in the file, a phone typed as a number.
    sheet = _xlsx(
        tmp_path / "team.xlsx",
        [
            ["姓名", "手机号", "队长"],
            ["赵敏", 13700000011, "是"],
            ["钱进", "137 0000 0012", ""],
            ["孙丽", "13700000011", ""],
            ["", "", ""],
            ["王芳", PHONE, ""],
        ],
    )
    desk.locator("#file").set_input_files(str(sheet))
    desk.locator("#upload").click()
    rows = desk.locator("#preview tr.row")
    assert rows.count() == 4  # the empty line is no row
    problems = desk.locator("#preview tr.row td.problem").all_inner_texts()
    assert problems == ["可添加", "可添加", "与第 2 行手机号重复", "该手机号已登记在本站"]
    assert desk.locator("#leader-later").is_visible()
    desk.screenshot(path=str(folder / "centre-volunteer-import-preview-1366.png"), full_page=True)
    assert hub_count(hub, "volunteer.registered") == 1  # a preview writes nothing
    desk.set_viewport_size({"width": 390, "height": 844})
    desk.screenshot(path=str(folder / "centre-volunteer-import-preview-390.png"), full_page=True)
    desk.set_viewport_size({"width": 1366, "height": 768})
    desk.locator("#confirm").click()
    assert desk.locator("#notice").inner_text() == "已添加 2 位志愿者"
    codes = desk.locator("#codes tr.issued").all_inner_texts()
    assert [c.split("\t")[1] for c in codes] == ["赵敏", "钱进"]
    assert desk.locator("#codes-csv").get_attribute("download") == "setup-codes.csv"
    desk.screenshot(path=str(folder / "centre-volunteer-import-done-1366.png"), full_page=True)
    assert hub_count(hub, "volunteer.registered") == 3
    assert hub_count(hub, "volunteer.setup_code_issued") == 3

    # A garbled file: refused with the reason, nothing written.
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    desk.goto(f"{hub.url}/centre/volunteers/import?station={STATION}&lang=en")
    desk.locator("#file").set_input_files(str(junk))
    desk.locator("#upload").click()
    assert desk.locator("#error").inner_text().startswith("The file cannot be read")
    assert hub_count(hub, "volunteer.registered") == 3

    assert kiosk.engine.sync_once().last_error is None
    names = sorted(v.name for v in kiosk.services.roster.all())
    assert names == ["王芳", "赵敏", "钱进"]


def test_the_centre_revokes_a_lost_badge_and_the_kiosk_refuses_it_after_sync(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("gate", start=datetime.now(UTC))  # the hub dates badges by the real clock
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "赵敏", PHONE)
    number = desk.locator("#slip-number").inner_text()
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    assert desk.locator("#revoke").count() == 0  # no badge yet: nothing to revoke
    volunteer_id = desk.url.split("/centre/volunteers/")[1].split("?")[0]
    issued = hub.admin(
        "POST", "/v1/admin/badges", json={"volunteer_id": volunteer_id, "station_id": STATION}
    )
    assert issued.status_code == 201, issued.text
    token, serial = issued.json()["token"], issued.json()["serial"]
    assert kiosk.engine.sync_once().last_error is None
    assert kiosk.services.shifts.scan_badge(token).action == "check_in"

    desk.set_viewport_size({"width": 390, "height": 844})
    desk.reload()
    desk.screenshot(path=str(shots(tmp_path) / "centre-volunteer-390.png"), full_page=True)
    assert desk.locator("#badge").inner_text() == serial
    desk.locator("#reason").select_option("lost")
    desk.locator("#revoke").click()
    assert desk.locator("#notice").inner_text() == f"工牌 {serial} 已作废，各终端同步后拒绝该工牌"
    assert desk.locator("#badge").inner_text() == "—"
    assert hub_count(hub, "badge.revoked") == 1

    assert kiosk.engine.sync_once().last_error is None
    kiosk.clock.advance(timedelta(hours=2))
    with pytest.raises(KioskError) as refused:
        kiosk.services.shifts.scan_badge(token)
    assert "作废" in refused.value.zh


def test_the_centre_moves_a_volunteer_to_another_station(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
) -> None:
    kiosk = make_kiosk("old")
    made = hub.admin(
        "POST", "/v1/admin/stations", json={"station_id": "fz-south", "name": "福州南站"}
    )
    assert made.status_code == 201, made.text
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "孙丽", PHONE)
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    assert kiosk.engine.sync_once().last_error is None
    kiosk.services.roster.set_pin_with_code(number, code, "2468", "2468")
    kiosk.services.shifts.clock_with_pin(PHONE, "2468")

    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    desk.locator("#to").select_option("fz-south")
    desk.locator("#move").click()
    assert desk.locator("#notice").inner_text() == "已调往 福州南站，新编号 FZ-SOUTH-0001"
    assert desk.locator("#slip-number").inner_text() == "FZ-SOUTH-0001"
    assert len(desk.locator("#setup-code").inner_text()) == 8

    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    assert "已停用" in desk.locator(f"tr.volunteer[data-number='{number}']").inner_text()
    desk.goto(f"{hub.url}/centre/volunteers?station=fz-south&lang=zh")
    moved = desk.locator("tr.volunteer[data-number='FZ-SOUTH-0001']").inner_text()
    assert "孙丽" in moved and "设置码待用" in moved

    assert kiosk.engine.sync_once().last_error is None
    [info] = kiosk.services.roster.all()
    assert info.number == number and not info.active  # the hours stay here, under the old number
    kiosk.clock.advance(timedelta(hours=2))
    with pytest.raises(KioskError):
        kiosk.services.shifts.clock_with_pin(PHONE, "2468")


def test_a_volunteer_sets_their_pin_on_their_phone_with_the_setup_code(
    desk: Any,
    phone: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    kiosk = make_kiosk("phone")
    folder = shots(tmp_path)
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "周小雨", PHONE)
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    wrong = "00000000" if code != "00000000" else "11111111"

    phone.goto(f"{hub.url}/v/{STATION}?lang=zh")
    phone.locator("#setup-link").click()
    phone.locator("#number").fill(number)
    phone.locator("#code").fill(wrong)
    phone.locator("#pin").fill("2468")
    phone.locator("#confirm").fill("2468")
    phone.locator("#set-pin").click()
    assert phone.locator("#error-code").inner_text() == "设置码不正确"
    assert phone.locator("#code").get_attribute("aria-invalid") == "true"
    assert hub_count(hub, "volunteer.pin_set") == 0
    phone.locator("#code").fill(code)
    phone.locator("#pin").fill("2468")
    phone.locator("#confirm").fill("2469")
    phone.locator("#set-pin").click()
    assert phone.locator("#error-confirm").inner_text() == "两次输入的密码不一致"
    phone.screenshot(path=str(folder / "phone-volunteer-setup-390.png"), full_page=True)
    phone.locator("#code").fill(code)
    phone.locator("#pin").fill("2468")
    phone.locator("#confirm").fill("2468")
    phone.locator("#set-pin").click()
    assert phone.locator("#done").inner_text().startswith("密码已设置")
    assert hub_count(hub, "volunteer.pin_set") == 1

    phone.locator("#to-sign-in").click()
    phone.locator("#number").fill(number)
    phone.locator("#pin").fill("2468")
    phone.locator("#open").click()
    phone.wait_for_url(f"**/v/{STATION}/me**")

    assert kiosk.engine.sync_once().last_error is None
    assert kiosk.services.shifts.clock_with_pin(PHONE, "2468").action == "check_in"
    with pytest.raises(Conflict):  # spent on the phone: refused at the kiosk too
        kiosk.services.roster.set_pin_with_code(PHONE, code, "1357", "1357")


def test_deactivating_a_team_leader_at_the_centre_stops_their_admin_pin(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
) -> None:
    kiosk = make_kiosk("lead")
    admin = kiosk.services.admin
    admin.set_first_pin("24682468", "24682468")
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "吴队", PHONE)
    number = desk.locator("#slip-number").inner_text()
    assert kiosk.engine.sync_once().last_error is None
    [info] = kiosk.services.roster.all()
    station_admin = admin.login("24682468")
    admin.set_team_leader(station_admin, info.id, "13571357")
    assert admin.login("13571357").role == "team_leader"
    assert kiosk.engine.sync_once().last_error is None

    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    assert desk.locator(f"#leader-{number}").inner_text() == "队长"
    desk.locator(f"#open-{number}").click()
    desk.locator("#deactivate").click()
    assert hub_count(hub, "admin.account_set") == 2  # made at the kiosk, switched off here
    assert desk.locator("#leader").inner_text() == "—"
    assert kiosk.engine.sync_once().last_error is None
    assert info.id not in admin.leader_volunteers()
    with pytest.raises(KioskError):
        admin.login("13571357")


def test_the_centre_removes_a_team_leader(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
) -> None:
    kiosk = make_kiosk("lead2")
    admin = kiosk.services.admin
    admin.set_first_pin("24682468", "24682468")
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "郑队", PHONE)
    number = desk.locator("#slip-number").inner_text()
    assert kiosk.engine.sync_once().last_error is None
    [info] = kiosk.services.roster.all()
    admin.set_team_leader(admin.login("24682468"), info.id, "13571357")
    assert kiosk.engine.sync_once().last_error is None
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    assert desk.locator("#leader").inner_text() == "✓"
    desk.locator("#leader-off").click()
    assert desk.locator("#notice").inner_text() == "已取消队长，终端同步后生效"
    assert desk.locator("#leader-off").count() == 0 and desk.locator("#leader-how").is_visible()
    assert desk.locator("#state").inner_text() == "在册"  # still a volunteer
    assert kiosk.engine.sync_once().last_error is None
    with pytest.raises(KioskError):
        admin.login("13571357")


def test_the_centre_issues_a_badge_whose_printed_qr_checks_in_at_the_kiosk(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    """A new badge issued on the volunteer's page at the centre: the page shows the card once
    (QR, name, number, serial, expiry); the QR read from the page's own pixels is the badge
    link; after a sync the kiosk checks the volunteer in with it, and the previous serial
    (replaced by the new one) is refused."""
    import zxingcpp
    from PIL import Image

    kiosk = make_kiosk("gate", start=datetime.now(UTC))  # the hub dates badges by the real clock
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    _add(desk, hub, "赵敏", PHONE)
    number = desk.locator("#slip-number").inner_text()
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    volunteer_id = desk.url.split("/centre/volunteers/")[1].split("?")[0]
    old = hub.admin(
        "POST", "/v1/admin/badges", json={"volunteer_id": volunteer_id, "station_id": STATION}
    ).json()

    desk.locator("#issue-badge").click()
    serial = desk.locator("#badge-serial").inner_text()
    assert desk.locator("#notice").inner_text().startswith(f"已签发工牌 {serial}")
    assert desk.locator("#badge-name").inner_text() == "赵敏"
    assert desk.locator("#badge-number").inner_text() == number
    assert serial != old["serial"] and hub_count(hub, "badge.issued") == 2
    shot = tmp_path / "badge-qr.png"
    desk.locator("#badge-qr").screenshot(path=str(shot))
    [found] = zxingcpp.read_barcodes(Image.open(shot))
    link = found.text
    assert link.startswith(f"{hub.url}/v/{STATION}?n={number}#")
    desk.screenshot(path=str(shots(tmp_path) / "centre-volunteer-badge-1366.png"), full_page=True)

    assert kiosk.engine.sync_once().last_error is None
    assert kiosk.services.shifts.scan_badge(link).action == "check_in"
    kiosk.clock.advance(timedelta(hours=2))
    with pytest.raises(KioskError):  # the serial before it was replaced
        kiosk.services.shifts.scan_badge(old["token"])

    desk.goto(f"{hub.url}/centre/volunteers/{volunteer_id}?station={STATION}&lang=zh")
    assert desk.locator("#badge").inner_text() == serial
    desk.locator("#deactivate").click()
    assert desk.locator("#issue-badge").count() == 0  # no badge for a deactivated volunteer


def test_the_centre_names_a_team_leader_who_chooses_their_admin_pin_at_the_kiosk(
    desk: Any,
    make_kiosk: Callable[..., SyncedKiosk],
    hub: HubServer,
    tmp_path: Path,
) -> None:
    """设为队长 at the centre writes no PIN: after a sync the leader confirms who they are at
    the kiosk with phone + volunteer PIN and chooses the admin PIN there, then signs in as a
    team leader. Refused: a volunteer with no PIN yet (nothing written), a wrong volunteer
    PIN, a second choice once chosen; naming them again re-opens the choice."""
    kiosk = make_kiosk("leader")
    admin = kiosk.services.admin
    admin.set_first_pin("24682468", "24682468")
    folder = shots(tmp_path)
    create_account(hub, "boss", "centre", [])
    sign_in(desk, hub)
    desk.set_viewport_size({"width": 1366, "height": 768})
    _add(desk, hub, "冯队", PHONE)
    number = desk.locator("#slip-number").inner_text()
    code = desk.locator("#setup-code").inner_text()
    desk.goto(f"{hub.url}/centre/volunteers?station={STATION}&lang=zh")
    desk.locator(f"#open-{number}").click()
    page_url = desk.url
    desk.locator("#make-leader").click()  # no volunteer PIN yet: refused, nothing written
    assert (
        desk.locator("#error").inner_text() == "该志愿者还没有设置志愿者密码，请先让其用设置码设置"
    )
    assert hub_count(hub, "admin.account_set") == 0

    assert kiosk.engine.sync_once().last_error is None
    kiosk.services.roster.set_pin_with_code(PHONE, code, "2468", "2468")
    assert kiosk.engine.sync_once().last_error is None
    desk.goto(page_url)
    desk.locator("#make-leader").click()
    assert desk.locator("#notice").inner_text().startswith("已设为队长")
    assert desk.locator("#leader").inner_text() == "队长（待设置管理密码）"
    assert hub_count(hub, "admin.account_set") == 1
    desk.screenshot(path=str(folder / "centre-volunteer-leader-1366.png"), full_page=True)

    assert kiosk.engine.sync_once().last_error is None
    [info] = kiosk.services.roster.all()
    assert info.id in admin.leader_volunteers()
    # The kiosk's clock follows the hub's (as kiosks set it from the replies' Date): what the
    # leader chooses comes after the centre's naming in the agreed order.
    kiosk.clock.advance(datetime.now(UTC) - kiosk.clock.now())
    with pytest.raises(KioskError):  # a wrong volunteer PIN says nothing about the account
        admin.choose_leader_pin(PHONE, "1111", "97531357", "97531357")
    leader = admin.choose_leader_pin(PHONE, "2468", "97531357", "97531357")
    assert leader.role == "team_leader" and leader.name == "冯队"
    assert admin.login("97531357") == leader
    with pytest.raises(Conflict):  # chosen: a second choice is refused
        admin.choose_leader_pin(PHONE, "2468", "86428642", "86428642")
    assert kiosk.engine.sync_once().last_error is None
    desk.goto(page_url)
    assert desk.locator("#leader").inner_text() == "✓"

    desk.locator("#make-leader").click()  # forgot the admin PIN: named again, choose anew
    assert kiosk.engine.sync_once().last_error is None
    kiosk.clock.advance(datetime.now(UTC) - kiosk.clock.now())
    with pytest.raises(KioskError):
        admin.login("97531357")
    assert admin.choose_leader_pin(PHONE, "2468", "86428642", "86428642") == leader
    assert admin.login("86428642") == leader
