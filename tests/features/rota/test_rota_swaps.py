"""Swaps through the rota service over a real migrated SQLite kiosk: 王芳 offers her Tuesday
shift, 李强 takes it, the team leader approves, and Tuesday's plan names 李强. Refused with a
message in both languages and nothing written: offering a shift not yours or already offered,
taking your own or an already-taken offer, withdrawing another's, approving by a non-leader or
before anyone took it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.core.results import VolunteerInfo
from kiosk.features.admin.domain import AdminAccount, Role
from kiosk.features.rota.service import PatternForm, RotaService
from kiosk.platform.store.models import EventRow
from kiosk.shell.context import KioskServices

ADMIN = AdminAccount("station_admin", "station_admin", Role.STATION_ADMIN)
LEADER = AdminAccount("leader", "陈静", Role.TEAM_LEADER)
NOBODY = AdminAccount("guest", "访客", "guest")  # no role: not a team leader
TUESDAY = date(2026, 11, 3)  # the clock starts Monday 2026-11-02 08:30 in Shanghai


def count(services: KioskServices) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(EventRow)) or 0)


@pytest.fixture
def people(services: KioskServices) -> tuple[VolunteerInfo, VolunteerInfo, VolunteerInfo]:
    roster = services.roster
    return (
        roster.register("王芳", "FZB-0001", "13800000001", "1234"),
        roster.register("李强", "FZB-0002", "13800000002", "1234"),
        roster.register("赵敏", "FZB-0003", "13800000003", "1234"),
    )


def refused(services: KioskServices, zh: str, en: str, act: object) -> None:
    before = count(services)
    with pytest.raises(ValidationError) as caught:
        act()  # type: ignore[operator]
    assert zh in caught.value.zh and en in caught.value.en
    assert count(services) == before


def test_offer_take_approve_and_the_day_names_the_taker(
    services: KioskServices,
    clock: FixedClock,
    people: tuple[VolunteerInfo, VolunteerInfo, VolunteerInfo],
) -> None:
    wang, li, zhao = people
    rota = services.get(RotaService)
    rota.add_pattern(ADMIN, PatternForm("FZB-0001", "2", "09:00", "12:00", "2026-11-01"))
    [tuesday, next_tuesday] = rota.upcoming(wang.id)
    assert tuesday.starts_at.date() == TUESDAY and tuesday.swap is None
    assert next_tuesday.starts_at.date() == TUESDAY + timedelta(days=7)
    refused(
        services,
        "不是您的排班",
        "not your rota shift",
        lambda: rota.offer(li.id, tuesday.rota_id, tuesday.starts_at),
    )

    offer = rota.offer(wang.id, tuesday.rota_id, tuesday.starts_at)
    assert (offer.offered_by, offer.state) == ("王芳", "offered")
    assert rota.upcoming(wang.id)[0].swap == offer
    refused(
        services,
        "已经在换班中",
        "already offered",
        lambda: rota.offer(wang.id, tuesday.rota_id, tuesday.starts_at),
    )
    assert rota.open_offers(wang.id) == []  # not her own
    assert rota.open_offers(li.id) == [offer]
    refused(services, "不能接自己", "your own", lambda: rota.take(wang.id, offer.id))
    refused(services, "还没有人接", "Nobody has taken", lambda: rota.approve(LEADER, offer.id))

    taken = rota.take(li.id, offer.id)
    assert (taken.taken_by, taken.state) == ("李强", "taken")
    refused(
        services, "已被其他志愿者接下", "Another volunteer", lambda: rota.take(zhao.id, offer.id)
    )
    assert rota.open_offers(zhao.id) == []
    assert rota.awaiting_approval() == [taken]
    refused(services, "只有让出", "Only the volunteer", lambda: rota.withdraw(li.id, offer.id))
    refused(services, "只有班长", "Only a team leader", lambda: rota.approve(NOBODY, offer.id))
    assert [p.volunteer_id for p in rota.planned(TUESDAY)] == [wang.id]  # not yet approved

    approved = rota.approve(LEADER, offer.id)
    assert approved.state == "approved" and rota.awaiting_approval() == []
    assert [p.volunteer_id for p in rota.planned(TUESDAY)] == [li.id]
    assert [p.volunteer_id for p in rota.planned(TUESDAY + timedelta(days=7))] == [wang.id]
    assert [u.starts_at.date() for u in rota.upcoming(li.id)] == [TUESDAY]
    assert [u.starts_at.date() for u in rota.upcoming(wang.id)] == [TUESDAY + timedelta(days=7)]
    refused(services, "已结束", "is over", lambda: rota.withdraw(wang.id, offer.id))

    clock.advance(timedelta(days=1, minutes=46))  # Tuesday 09:16: 李强's no-show, not 王芳's
    assert [(line.name, line.state) for line in rota.board()] == [("李强", "no_show")]


def test_a_withdrawn_offer_cannot_be_taken_and_a_started_shift_not_offered(
    services: KioskServices,
    clock: FixedClock,
    people: tuple[VolunteerInfo, VolunteerInfo, VolunteerInfo],
) -> None:
    wang, li, _ = people
    rota = services.get(RotaService)
    rota.add_pattern(ADMIN, PatternForm("FZB-0001", "1", "09:00", "12:00", "2026-11-01"))
    [today, *_] = rota.upcoming(wang.id)  # Monday 09:00, in half an hour
    offer = rota.offer(wang.id, today.rota_id, today.starts_at)
    rota.withdraw(wang.id, offer.id)
    assert rota.open_offers(li.id) == [] and rota.upcoming(wang.id)[0].swap is None
    refused(services, "已结束", "is over", lambda: rota.take(li.id, offer.id))
    clock.advance(timedelta(minutes=31))  # 09:01
    refused(
        services,
        "已经开始",
        "has started",
        lambda: rota.offer(wang.id, today.rota_id, today.starts_at),
    )
    refused(services, "没有这条换班", "No such swap", lambda: rota.take(li.id, "nope"))
