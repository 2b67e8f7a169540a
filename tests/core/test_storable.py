"""What every store can hold (kiosk.core.text): a refused input kept for staff is made storable,
and the check finds what PostgreSQL, SQLite and JSON cannot take, wherever it hides."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.errors import ValidationError
from kiosk.core.text import (
    MAX_JSON_DEPTH,
    check_storable,
    storable_json,
    unstorable_char,
    unstorable_json,
)

hostile_text = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["\x00", "a\x00", "\ud800", "\udfff x", "😀", "张三"]),
)
hostile_json = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**80), max_value=2**80),
        st.floats(),  # NaN and infinities included
        hostile_text,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(value=hostile_json)
def test_a_kept_copy_of_anything_is_storable(value: Any) -> None:
    kept = storable_json(value)
    assert unstorable_json(kept) is None
    json.dumps(kept, allow_nan=False).encode("utf-8")  # strict JSON, encodable as UTF-8


@pytest.mark.parametrize(
    ("value", "where"),
    [
        ({"a": ["ok", "x\x00"]}, "a[1]: contains NUL"),
        ({"a": {"\ud800": 1}}, "a: a key contains a lone surrogate"),
        ({"n": 2**63}, "n: number out of range"),
        ({"n": float("inf")}, "n: not a finite number"),
        ({"n": float("nan")}, "n: not a finite number"),
    ],
)
def test_the_check_says_where(value: Any, where: str) -> None:
    problem = unstorable_json(value)
    assert problem is not None and problem.startswith(where)


def test_nesting_is_bounded_without_exhausting_the_stack() -> None:
    deep: Any = 1
    for _ in range(100_000):
        deep = [deep]
    assert "nested deeper" in (unstorable_json(deep) or "")
    shallow: Any = 1
    for _ in range(MAX_JSON_DEPTH - 1):
        shallow = {"a": shallow}
    assert unstorable_json(shallow) is None
    assert unstorable_json(storable_json(deep)) is None


def test_text_a_kiosk_writes_is_storable_and_nul_is_refused_in_both_languages() -> None:
    assert unstorable_char("张三 😀 O'Brien\t") is None
    assert check_storable("ok") == "ok"
    with pytest.raises(ValidationError) as refused:
        check_storable("bad\x00")
    assert refused.value.zh and refused.value.en
