"""Ticket numbers: typed, scanned as a link or as SKT1 text, and refused when malformed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.errors import ValidationError
from kiosk.core.events import validate_payload
from kiosk.core.tickets import clean_ticket, new_ticket, ticket_link


@given(st.integers(min_value=0, max_value=200))
def test_new_tickets_are_six_digits_without_a_leading_zero(_: int) -> None:
    ticket = new_ticket()
    assert len(ticket) == 6 and ticket.isdigit() and ticket[0] != "0"
    assert clean_ticket(ticket) == ticket


def test_a_ticket_is_read_back_from_its_qr_text_with_or_without_a_hub() -> None:
    assert clean_ticket(ticket_link("https://hub.example/", "fz-north", "482913")) == "482913"
    assert clean_ticket(ticket_link(None, "fz-north", "482913")) == "482913"
    assert clean_ticket("  482913 ") == "482913"


@pytest.mark.parametrize(
    "raw", ["", "12345", "1234567", "048291", "48291a", "SKT1.12", "https://x/t/s/04829/"]
)
def test_a_malformed_ticket_is_refused_in_both_languages(raw: str) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_ticket(raw)
    assert "单号" in caught.value.zh and "ticket" in caught.value.en


def test_request_and_wish_payloads_follow_the_shared_contract() -> None:
    validate_payload(
        "request.ordered",
        {
            "request_id": "r1",
            "ticket": "482913",
            "category": "wheelchair",
            "channel": "phone",
            "train": "G1234",
            "phone": "13800000001",
        },
    )
    validate_payload(
        "wish.submitted",
        {"wish_id": "w1", "ticket": "482913", "category": "wages", "channel": "kiosk"},
    )
    with pytest.raises(ValidationError):
        validate_payload(
            "request.ordered",
            {"request_id": "r1", "ticket": "1", "category": "taxi", "channel": "kiosk"},
        )
    with pytest.raises(ValidationError):
        validate_payload("request.rated", {"request_id": "r1", "rating": "great"})
