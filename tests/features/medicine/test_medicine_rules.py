"""Medicine box rules with an injected clock: expiry bands, first-expiring lot, the missed check."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.clock import FixedClock
from kiosk.core.errors import ValidationError
from kiosk.features.medicine.domain import (
    AedLight,
    AlertKind,
    Band,
    DailyCheck,
    Item,
    Lot,
    aed_alerts,
    band,
    check_dispense,
    check_missed,
    clean_batch,
    offered_lot,
    parse_expiry,
    stock_alerts,
)

TZ = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 2)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-1, Band.EXPIRED),
        (0, Band.DAYS_30),  # usable through its expiry day
        (30, Band.DAYS_30),
        (31, Band.DAYS_60),
        (60, Band.DAYS_60),
        (61, Band.DAYS_90),
        (90, Band.DAYS_90),
        (91, Band.OK),
    ],
)
def test_expiry_bands_at_90_60_30_days(days: int, expected: Band) -> None:
    assert band(TODAY + timedelta(days=days), TODAY) is expected


@given(st.integers(-2000, 2000), st.integers(-2000, 2000))
def test_bands_never_improve_as_expiry_gets_nearer(a: int, b: int) -> None:
    order = [Band.EXPIRED, Band.DAYS_30, Band.DAYS_60, Band.DAYS_90, Band.OK]
    near, far = sorted((a, b))
    assert order.index(band(TODAY + timedelta(days=near), TODAY)) <= order.index(
        band(TODAY + timedelta(days=far), TODAY)
    )


lots_strategy = st.lists(
    st.builds(
        Lot,
        item_id=st.sampled_from(["plaster", "gauze"]),
        batch=st.text("ABC123", min_size=1, max_size=4),
        expiry=st.dates(date(2026, 1, 1), date(2028, 1, 1)),
        quantity=st.integers(-2, 30),
    ),
    max_size=12,
)


@given(lots_strategy)
def test_the_earliest_expiring_usable_lot_is_offered_first(lots: list[Lot]) -> None:
    offered = offered_lot(lots, "plaster", TODAY)
    usable = [x for x in lots if x.item_id == "plaster" and x.quantity > 0 and x.expiry >= TODAY]
    if not usable:
        assert offered is None
        return
    assert offered is not None and offered.quantity > 0 and offered.expiry >= TODAY
    assert offered.expiry == min(x.expiry for x in usable)


def test_expired_batches_and_more_than_in_stock_are_refused() -> None:
    expired = Lot("plaster", "A1", TODAY - timedelta(days=1), 10)
    with pytest.raises(ValidationError) as caught:
        check_dispense(expired, 1, TODAY)
    assert "已过期" in caught.value.zh and "expired" in caught.value.en
    fresh = Lot("plaster", "B2", TODAY + timedelta(days=200), 3)
    with pytest.raises(ValidationError) as caught:
        check_dispense(fresh, 4, TODAY)
    assert "只剩 3" in caught.value.zh and "only 3 left" in caught.value.en
    with pytest.raises(ValidationError):
        check_dispense(None, 1, TODAY)
    assert check_dispense(fresh, 3, TODAY) is fresh


def test_expiry_typed_as_a_day_or_a_month() -> None:
    assert parse_expiry("20270531") == date(2027, 5, 31)
    assert parse_expiry("202702") == date(2027, 2, 28)
    assert parse_expiry("202712") == date(2027, 12, 31)
    for bad in ("20271301", "2027", "abcdefgh", "20270230", ""):
        with pytest.raises(ValidationError):
            parse_expiry(bad)
    assert clean_batch(" b2311-02 ") == "B2311-02"
    with pytest.raises(ValidationError):
        clean_batch("批号1")


def test_missed_daily_check_with_a_fixed_clock() -> None:
    clock = FixedClock(datetime(2026, 11, 2, 1, 59, tzinfo=UTC))  # 09:59 in Shanghai
    yesterday = DailyCheck(TODAY - timedelta(days=1), AedLight.GREEN, TODAY, TODAY)
    assert not check_missed(yesterday, clock.now().astimezone(TZ), 10)
    clock.advance(timedelta(minutes=1))  # 10:00: due
    assert check_missed(yesterday, clock.now().astimezone(TZ), 10)
    assert check_missed(None, clock.now().astimezone(TZ), 10)
    today = DailyCheck(TODAY, AedLight.GREEN, TODAY, TODAY)
    assert not check_missed(today, clock.now().astimezone(TZ), 10)
    clock.set(datetime(2026, 11, 2, 16, 0, tzinfo=UTC))  # 00:00 next day: a new day, not due
    assert not check_missed(today, clock.now().astimezone(TZ), 10)


def test_aed_and_stock_alerts() -> None:
    check = DailyCheck(TODAY, AedLight.RED, TODAY + timedelta(days=20), date(2030, 1, 1))
    kinds = [a.kind for a in aed_alerts(check, TODAY)]
    assert kinds == [AlertKind.AED_LIGHT, AlertKind.AED_PADS]
    items = [Item("plaster", "创可贴", "Plasters", "片", "pcs", 5, "", "")]
    lots = [
        Lot("plaster", "OLD", TODAY - timedelta(days=3), 2),
        Lot("plaster", "SOON", TODAY + timedelta(days=10), 3),
        Lot("plaster", "EMPTY", TODAY - timedelta(days=30), 0),
    ]
    alerts = stock_alerts(items, lots, TODAY)
    assert [(a.kind, a.batch) for a in alerts] == [
        (AlertKind.EXPIRED, "OLD"),
        (AlertKind.EXPIRING, "SOON"),
        (AlertKind.LOW_STOCK, None),
    ]
    assert alerts[-1].count == 3  # the expired units do not count as stock
