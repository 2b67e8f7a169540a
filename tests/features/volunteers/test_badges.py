"""Badge tokens: signed, verified offline, and anything else refused with a clear message."""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.errors import ValidationError
from kiosk.features.volunteers.domain.badges import (
    Badge,
    public_key_from_text,
    public_key_to_text,
    sign_badge,
    verify_badge,
)

KEY = Ed25519PrivateKey.generate()
KEYS = {"k1": KEY.public_key()}
BADGE = Badge("01a2037d-ce04-700e-bfb1-989d2698428b", "k1", date(2026, 11, 2))


def test_round_trip() -> None:
    assert verify_badge(sign_badge(BADGE, KEY), KEYS) == BADGE


def test_public_key_text_round_trip() -> None:
    text = public_key_to_text(KEY.public_key())
    token = sign_badge(BADGE, KEY)
    assert verify_badge(token, {"k1": public_key_from_text(text)}) == BADGE


def test_token_is_scanner_safe_ascii() -> None:
    token = sign_badge(BADGE, KEY)
    assert token.isascii() and token.startswith("SKB1.") and len(token) < 200


def test_forged_signature_is_refused() -> None:
    other = Ed25519PrivateKey.generate()
    with pytest.raises(ValidationError) as info:
        verify_badge(sign_badge(BADGE, other), KEYS)
    assert "篡改" in info.value.zh and "altered" in info.value.en


def test_altered_volunteer_is_refused() -> None:
    token = sign_badge(BADGE, KEY)
    forged = sign_badge(Badge("someone-else", "k1", BADGE.issued), Ed25519PrivateKey.generate())
    spliced = forged.split(".")[0] + "." + forged.split(".")[1] + "." + token.split(".")[2]
    with pytest.raises(ValidationError):
        verify_badge(spliced, KEYS)


def test_unknown_key_is_refused() -> None:
    with pytest.raises(ValidationError):
        verify_badge(sign_badge(Badge(BADGE.volunteer_id, "k9", BADGE.issued), KEY), KEYS)


@pytest.mark.parametrize(
    "scan",
    [
        "",
        "hello",
        "SKB1.",
        "SKB1..",
        "http://example.com/x",
        "SKB1.😀.abc",
        "x" * 10_000,
        "\x00\x1b[A",
    ],
)
def test_garbage_is_refused(scan: str) -> None:
    with pytest.raises(ValidationError) as info:
        verify_badge(scan, KEYS)
    assert info.value.zh and info.value.en


@given(st.text(max_size=400))
def test_any_text_either_verifies_or_raises_validation_error(scan: str) -> None:
    try:
        badge = verify_badge(scan, KEYS)
    except ValidationError:
        return
    assert badge.key_id == "k1"  # only a genuinely signed token can get here


@given(st.integers(min_value=0, max_value=170), st.integers(min_value=0, max_value=255))
def test_any_single_byte_flip_is_refused(position: int, value: int) -> None:
    token = sign_badge(BADGE, KEY)
    position %= len(token)
    flipped = token[:position] + chr(value) + token[position + 1 :]
    if flipped == token:
        return
    with pytest.raises(ValidationError):
        verify_badge(flipped, KEYS)


def test_a_badge_has_one_spelling() -> None:
    """The last character of unpadded base64 carries spare bits: another character there can
    decode to the same bytes. Every such respelling of a genuine badge is refused (the random
    flips above found one only now and then)."""
    token = sign_badge(BADGE, KEY)
    ends = [i for i, c in enumerate(token) if i + 1 == len(token) or token[i + 1] == "."]
    for position in ends:
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_":
            respelt = token[:position] + letter + token[position + 1 :]
            if respelt != token:
                with pytest.raises(ValidationError):
                    verify_badge(respelt, KEYS)
