"""`return_freed_memory`: the heap pages a kiosk freed go back to the system (glibc)."""

from __future__ import annotations

import sys

import pytest

from kiosk.app import return_freed_memory


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_heap_pages_go_back_to_the_system() -> None:
    # 40 MB in malloc'd blocks (over pymalloc's 512-byte limit), one in 64 kept: the heap
    # cannot shrink from its top, so glibc keeps the freed pages until they are trimmed.
    blocks = [bytes(2048) + bytes([i % 256]) for i in range(20_000)]
    kept = blocks[::64]
    del blocks
    before = _rss_kb()
    assert return_freed_memory() is True
    after = _rss_kb()
    assert before - after > 20_000, (before, after)  # most of the ~39 MB freed, in kB
    assert len(kept) == 313
