"""The web pages' pure rules, with hypothesis and injected clocks: token buckets, the page
language, departure times, free text, and the ticket status fold."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.features.requests.domain import fold_request, fold_wish
from kiosk.features.requests.hub.tickets import (
    PAST_DEPARTURE,
    FormInvalid,
    clean_text,
    departure,
    fold_ticket,
    request_payload,
    to_domain,
)
from kiosk.platform.hub.models import HubEvent
from kiosk.platform.hub.web_i18n import choose_lang
from kiosk.platform.hub.web_ratelimit import RateLimiter

BEIJING = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@given(
    burst=st.integers(1, 10),
    per_second=st.floats(0.01, 5),
    gaps=st.lists(st.floats(0, 30), min_size=1, max_size=60),
)
def test_a_bucket_never_lets_through_more_than_burst_plus_refill(
    burst: int, per_second: float, gaps: list[float]
) -> None:
    ticker = Ticker()
    limiter = RateLimiter(burst, per_second, monotonic=ticker)
    allowed = 0
    for gap in gaps:
        ticker.now += gap
        wait = limiter.take("1.2.3.4")
        assert wait >= 0
        allowed += wait == 0
    assert allowed <= burst + per_second * ticker.now + 1e-6


def test_a_bucket_refills_and_says_how_long_to_wait() -> None:
    ticker = Ticker()
    limiter = RateLimiter(2, 0.5, monotonic=ticker)
    assert [limiter.take("a"), limiter.take("a")] == [0, 0]
    assert limiter.take("a") == pytest.approx(2.0)
    assert limiter.take("b") == 0  # another client has its own bucket
    ticker.now = 2.0
    assert limiter.take("a") == 0


def test_a_bucket_forgets_the_least_recent_clients() -> None:
    limiter = RateLimiter(1, 0.001, monotonic=Ticker(), max_keys=2)
    assert limiter.take("a") == 0 and limiter.take("a") > 0
    limiter.take("b")
    limiter.take("c")  # "a" is forgotten: a fresh burst
    assert limiter.take("a") == 0


@given(query=st.none() | st.text(max_size=5), cookie=st.none() | st.text(max_size=5))
def test_the_language_is_always_zh_or_en(query: str | None, cookie: str | None) -> None:
    assert choose_lang(query, cookie, "fr-FR,de;q=0.5") in ("zh", "en")


@pytest.mark.parametrize(
    ("query", "cookie", "header", "expected"),
    [
        (None, None, None, "zh"),
        (None, None, "en-US,en;q=0.9", "en"),
        (None, None, "en;q=0.4,zh-CN;q=0.8", "zh"),
        (None, None, "fr, en;q=0.2", "en"),
        (None, "en", "zh-CN", "en"),
        ("zh", "en", "en", "zh"),
        ("xx", None, "en", "en"),
        (None, None, "en;q=abc", "zh"),
    ],
)
def test_language_choice(
    query: str | None, cookie: str | None, header: str | None, expected: str
) -> None:
    assert choose_lang(query, cookie, header) == expected


@settings(max_examples=200)
@given(
    minutes=st.integers(0, 24 * 60 - 1),
    now=st.datetimes(
        min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
    ),
)
def test_a_departure_is_the_next_such_time_unless_just_gone(minutes: int, now: datetime) -> None:
    hhmm = f"{minutes // 60:02d}:{minutes % 60:02d}"
    when = departure(hhmm, now, BEIJING)
    assert when.astimezone(BEIJING).strftime("%H:%M") == hhmm
    assert now - PAST_DEPARTURE <= when < now - PAST_DEPARTURE + timedelta(days=1)


@pytest.mark.parametrize("raw", ["24:00", "7", "12:60", "ab:cd", ""])
def test_a_departure_must_look_like_a_time(raw: str) -> None:
    with pytest.raises(ValueError):
        departure(raw, T0, BEIJING)


@given(st.text(max_size=400))
def test_free_text_is_short_and_has_no_control_characters(raw: str) -> None:
    try:
        text = clean_text(raw, required=False)
    except FormInvalid as exc:
        assert exc.errors == {"text": "text"}
        return
    assert len(text) <= 200
    assert all(ch == "\n" or (ord(ch) >= 32 and not 0x7F <= ord(ch) <= 0x9F) for ch in text)


def test_a_request_form_becomes_request_ordered_fields() -> None:
    fields = request_payload(
        {
            "category": "lost",
            "train": " k1 ",
            "departs": "09:05",
            "phone": "138 1234 5678",
            "consent": "1",  # the notice's box ticked: a phone is taken only with it
        },
        T0,
        BEIJING,
    )
    assert fields == {
        "category": "lost",
        "channel": "phone",
        "train": "K1",
        "departs_at": "2026-11-23T09:05:00+08:00",  # 09:05 today has gone (16:00 in Beijing)
        "phone": "13812345678",
        "text": "",
    }


def _event(seq: int, kind: str, payload: dict[str, object]) -> HubEvent:
    return HubEvent(
        hub_seq=seq,
        id=f"e{seq}",
        station_id="st",
        kiosk_id="k",
        seq=seq,
        kind=kind,
        occurred_at=T0 + timedelta(minutes=seq),
        received_at=T0,
        actor=None,
        payload=payload,
    )


WISH = {"wish_id": "w1", "ticket": "123456", "category": "job", "channel": "phone", "text": "x"}


@given(st.lists(st.sampled_from(["in_progress", "answered"]), max_size=6), st.randoms())
def test_the_phone_shows_the_wish_status_the_kiosks_show(statuses: list[str], rng: Any) -> None:
    """One rule (kiosk.features.requests.domain.fold_wish): the latest status set by time, whatever
    order the events reached the hub in; the last answer given stays readable."""
    events = [_event(1, "wish.submitted", WISH)]
    events += [
        _event(i + 2, "wish.status_set", {"wish_id": "w1", "status": s, "answer": f"a{i}"})
        for i, s in enumerate(statuses)
    ]
    arrived = events[:1] + rng.sample(events[1:], len(events) - 1)
    view = fold_ticket(arrived)
    kiosk = fold_wish([to_domain(e) for e in events])
    assert view is not None and kiosk is not None
    assert (view.state, view.answer) == (kiosk.status, kiosk.answer)
    assert view.state == (statuses[-1] if statuses else "received")
    if "answered" in statuses:
        last = max(i for i, s in enumerate(statuses) if s == "answered")
        assert view.answer == f"a{last}"


def test_a_request_takes_the_first_accept_and_ends_when_done() -> None:
    ordered = {
        "request_id": "r1",
        "ticket": "654321",
        "category": "luggage",
        "channel": "kiosk",
        "phone": "13900001111",
    }
    events = [
        _event(1, "request.ordered", ordered),
        _event(2, "request.accepted", {"request_id": "r1", "volunteer_id": "v1"}),
        _event(3, "request.accepted", {"request_id": "r1", "volunteer_id": "v2"}),
        _event(4, "request.completed", {"request_id": "r1", "volunteer_id": "v1"}),
        _event(5, "request.cancelled", {"request_id": "r1"}),
    ]
    view = fold_ticket(events)
    assert view is not None
    assert view.state == "completed" and view.masked_phone == "139****1111"
    assert [s for s, _ in view.history] == ["ordered", "accepted", "completed"]
    assert fold_ticket(events[1:]) is None


@given(
    accepts=st.lists(st.integers(1, 30), min_size=1, max_size=5),
    rng=st.randoms(),
)
def test_the_earliest_accept_wins_whatever_the_arrival_order(accepts: list[int], rng: Any) -> None:
    """Kiosks that accepted offline: the phone's status shows the accept the kiosks keep."""
    ordered = {"request_id": "r1", "ticket": "654321", "category": "luggage", "channel": "phone"}
    events = [_event(1, "request.ordered", ordered)]
    for i, minute in enumerate(accepts):
        accept = _event(i + 2, "request.accepted", {"request_id": "r1", "volunteer_id": f"v{i}"})
        accept.occurred_at = T0 + timedelta(minutes=minute)
        events.append(accept)
    arrived = events[:1] + rng.sample(events[1:], len(events) - 1)
    view = fold_ticket(arrived)
    kiosk = fold_request([to_domain(e) for e in events])
    assert view is not None and kiosk is not None
    assert view.state == "accepted" == kiosk.status
    assert view.accepted_at == kiosk.accepted_at == T0 + timedelta(minutes=min(accepts))
    assert view.history[1] == ("accepted", kiosk.accepted_at)
