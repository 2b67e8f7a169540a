"""ScanBuffer: scanner bursts are told from people typing by timing alone (explicit timestamps)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.platform.ui.scanner import MAX_GAP_S, ScanBuffer, ScanProblem

PRINTABLE = st.text(
    alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=6, max_size=300
)


def type_text(buffer: ScanBuffer, text: str, gaps: list[float], start: float = 100.0) -> float:
    t = start
    for ch, gap in zip(text, gaps, strict=True):
        t += gap
        buffer.feed(ch, t)
    return t


def test_fast_burst_with_enter_is_a_scan() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "SKB1.abcdef", [0.004] * 11)
    outcome = buffer.enter(t + 0.004)
    assert outcome is not None and outcome.ok and outcome.text == "SKB1.abcdef"


def test_slow_typing_is_a_person() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "13800000001", [0.12] * 11)
    assert buffer.enter(t + 0.1) is None


def test_person_typing_then_scanner_keeps_only_the_burst() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "hello", [0.2] * 5)
    t = type_text(buffer, "SKB1.token", [0.003] * 10, start=t + 0.5)
    outcome = buffer.enter(t + 0.003)
    assert outcome is not None and outcome.text == "SKB1.token"


def test_short_burst_is_not_a_scan() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "abc", [0.002] * 3)
    assert buffer.enter(t + 0.002) is None


def test_pause_before_enter_is_not_a_scan() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "SKB1.token", [0.003] * 10)
    assert buffer.enter(t + 0.5) is None


def test_huge_scan_is_refused_and_memory_bounded() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "A" * 10_000, [0.001] * 10_000)
    assert len(buffer._chars) <= buffer.max_length
    outcome = buffer.enter(t + 0.001)
    assert outcome is not None and outcome.problem is ScanProblem.TOO_LONG and outcome.text == ""


def test_control_characters_are_garbage() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "SKB1\x1d\x07abcdef", [0.002] * 12)
    outcome = buffer.enter(t + 0.002)
    assert outcome is not None and outcome.problem is ScanProblem.GARBAGE


def test_buffer_is_empty_after_enter() -> None:
    buffer = ScanBuffer()
    t = type_text(buffer, "SKB1.token", [0.003] * 10)
    buffer.enter(t + 0.003)
    assert buffer.enter(t + 0.006) is None


@given(PRINTABLE, st.data())
def test_any_fast_burst_round_trips(text: str, data: st.DataObject) -> None:
    gaps = data.draw(
        st.lists(st.floats(0, MAX_GAP_S * 0.9), min_size=len(text), max_size=len(text))
    )
    buffer = ScanBuffer()
    t = type_text(buffer, text, [1.0, *gaps[1:]])
    outcome = buffer.enter(t + data.draw(st.floats(0, MAX_GAP_S * 0.9)))
    assert outcome is not None and outcome.ok and outcome.text == text


@given(PRINTABLE, st.data())
def test_no_slow_typist_ever_scans(text: str, data: st.DataObject) -> None:
    gaps = data.draw(
        st.lists(st.floats(MAX_GAP_S * 1.1, 2.0), min_size=len(text), max_size=len(text))
    )
    buffer = ScanBuffer()
    t = type_text(buffer, text, gaps)
    assert buffer.enter(t + data.draw(st.floats(MAX_GAP_S * 1.1, 2.0))) is None
