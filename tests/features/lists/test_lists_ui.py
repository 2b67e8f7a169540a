"""The station's lists on the real window, driven as a traveller would: the wishes tile, the
"Our lists" button on its first page, the lists with this month's progress in both languages
and in large type, Back to the wishes; and the admin's log review lists the projects."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.features.admin.service.logs import LogKind
from kiosk.features.lists.ui.flow import ListsFlow
from kiosk.shell.context import KioskServices
from kiosk.shell.main_window import MainWindow
from tests.features.admin.test_log_review import open_logs, shown
from tests.features.lists.history import Feed, deliver, sample
from tests.kiosk_fixtures import tap, type_digits, visible_text

Kiosk = tuple[MainWindow, KioskServices]


def flow(window: MainWindow) -> ListsFlow:
    found = window.flow("lists")
    assert isinstance(found, ListsFlow)
    return found


def test_a_traveller_reads_the_station_lists_from_the_wishes_page(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    deliver(services, sample(Feed()).events)  # what the station's pull brought
    tap(qtbot, next(t for t in window.home.tiles if t.item.id == "wishes"))
    lists_button = flow(window).wishes_button
    assert lists_button is not None and lists_button.isVisible()
    assert lists_button.text() == "本站清单" and lists_button.height() >= 72
    tap(qtbot, lists_button)
    page = flow(window).page
    assert window.stack.currentWidget() is page
    shown = visible_text(window)
    assert "本站三个清单" in shown and "本月完成 1 项心愿" in shown
    assert "骑手需要饮水点（已完成）" in shown and "手机充电线（待对接）" in shown
    assert "爱心超市 · 物资 · 矿泉水 20箱" in shown
    assert "夜间驿站 · 进行中" in shown and "夏日送清凉 · 已完成" in shown
    assert page.spoken_text().startswith("本站三个清单。本月完成 1 项心愿。待对接需求 1")

    window.language.set_language("en")
    qtbot.waitUntil(lambda: page.title.text() == "The station's three lists", timeout=2000)
    shown = visible_text(window)
    assert "Wishes fulfilled this month: 1" in shown and "Needs list" in shown
    assert "Night shelter" not in shown  # the entries are the centre's words, not translated
    assert "夜间驿站 · In progress" in shown and "爱心超市 · Goods · 矿泉水 20 箱" in shown
    window.language.set_language("zh")
    qtbot.waitUntil(lambda: page.title.text() == "本站三个清单", timeout=2000)

    tap(qtbot, window.top_bar.large_type_button)
    assert window.theme.large_type and page.progress.isVisible()
    assert page.back_button.height() >= 72
    tap(qtbot, window.top_bar.large_type_button)

    tap(qtbot, page.back_button)
    assert "诉求" in visible_text(window) or "心愿" in visible_text(window)
    assert window.stack.currentWidget() is not page


def test_with_no_lists_yet_the_page_says_so_until_a_pull_brings_them(
    qtbot: QtBot, kiosk: Kiosk
) -> None:
    window, services = kiosk
    flow(window).open()
    shown = visible_text(window)
    assert "本月完成 0 项心愿" in shown and shown.count("暂无") == 3
    deliver(services, sample(Feed()).events)  # a pull while the page is open
    window.refresh_status()  # the status timer's tick
    qtbot.waitUntil(lambda: "本月完成 1 项心愿" in visible_text(window), timeout=2000)
    assert "暂无" not in visible_text(window)


def test_the_admin_log_review_lists_the_projects(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    deliver(services, sample(Feed()).events)
    open_logs(qtbot, window)
    logs = window.flow("admin").logs  # type: ignore[attr-defined]
    assert logs.tabs[LogKind.LISTS].text() == "项目清单"
    tap(qtbot, logs.tabs[LogKind.LISTS])
    cells = shown(window)
    assert [(c[1], c[2], c[6]) for c in cells] == [
        ("夜间驿站", "王芳", "进行中"),
        ("夏日送清凉", "李站长", "已完成"),
    ]
    assert cells[1][3] == "2026-10-20 – 2026-11-30" and cells[1][8] == "送出 20 箱"
    logs.choice_box.setCurrentIndex(logs.choice_box.findData("done"))
    logs.choice_box.activated.emit(logs.choice_box.currentIndex())
    qtbot.waitUntil(lambda: len(shown(window)) == 1, timeout=2000)
    assert shown(window)[0][1] == "夏日送清凉"


def test_a_wish_looked_up_at_the_kiosk_shows_its_project(qtbot: QtBot, kiosk: Kiosk) -> None:
    window, services = kiosk
    wish = services.wishes.submit("rest", "想要饮水点")
    feed = Feed()
    feed.add(
        "lists.need_added",
        {
            "need_id": "n-w",
            "title": "骑手饮水点",
            "source": "wish",
            "wish_id": wish.id,
            "ticket": wish.ticket,
        },
    )
    opened = {
        "project_id": "p-w",
        "title": "夏日送清凉",
        "owner": "李站长",
        "need_ids": ["n-w"],
        "starts_on": "2026-11-01",
        "ends_on": "2026-11-30",
    }
    feed.add("lists.project_opened", opened, minute=1)
    deliver(services, feed.events)
    requests = window.flow("requests")
    requests.open_lookup()
    type_digits(qtbot, requests.lookup, wish.ticket)
    tap(qtbot, requests.lookup.keypad.ok_button)
    status = requests.status
    assert window.stack.currentWidget() is status and status.note.isVisible()
    assert status.note.text() == "您的心愿已纳入服务项目：夏日送清凉（项目进行中）"
    window.language.set_language("en")
    qtbot.waitUntil(lambda: "in progress" in status.note.text(), timeout=2000)
    assert status.note.text() == "Your wish is part of a service project: 夏日送清凉 (in progress)"
    window.language.set_language("zh")

    # a wish in no project: no line (and none left over from the last ticket)
    other = services.wishes.submit("health")
    window.go_home()
    requests.open_lookup()
    type_digits(qtbot, requests.lookup, other.ticket)
    tap(qtbot, requests.lookup.keypad.ok_button)
    assert window.stack.currentWidget() is status and not status.note.isVisible()
