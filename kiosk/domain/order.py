"""The one order of events every kiosk of a station (and the hub) agrees on (DESIGN §3).

Shared state (a shift closed at both exits, a request accepted at two kiosks, the latest PIN of
a volunteer) is decided by folding an aggregate's events in this order, never in the order they
happened to arrive, so two kiosks holding the same events fold the same projection.

The order is by (occurred_at, kiosk_id, seq), except that one kiosk's own events never change
places: they keep its seq order even when its clock stepped back between them (a kiosk writes
its events one after another, so its seq is the truth about their order; its clock may not be).
While every kiosk's clock only moves forward this is exactly the sort by (occurred_at, kiosk_id,
seq). It needs nothing but the events themselves, so it is known at once, offline, and a late
event only ever slots in: it never depends on which kiosk folds or when.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol, TypeVar


class Ordered(Protocol):
    """Anything placed in the agreed order: an event, or a row copied from one."""

    @property
    def occurred_at(self) -> datetime: ...

    @property
    def kiosk_id(self) -> str: ...

    @property
    def seq(self) -> int: ...


T = TypeVar("T", bound=Ordered)


def _when(item: Ordered) -> tuple[datetime, str]:
    return (item.occurred_at, item.kiosk_id)


def agreed_order(items: Iterable[T]) -> list[T]:
    """`items` in the agreed order: a merge of each kiosk's events (in seq order) by (time, kiosk).

    Pure and cheap: one aggregate holds a handful of events, so this runs on every write.
    """
    listed = list(items)
    if len(listed) < 2:
        return listed
    by_kiosk: dict[str, list[T]] = {}
    for item in listed:
        by_kiosk.setdefault(item.kiosk_id, []).append(item)
    if len(by_kiosk) == 1:
        return sorted(listed, key=lambda item: item.seq)
    # Each kiosk's run is in seq order; heapq.merge only ever takes the head of a run, so a run
    # keeps its order, and ties between runs cannot happen (the key includes the kiosk).
    runs = [sorted(run, key=lambda item: item.seq) for _, run in sorted(by_kiosk.items())]
    return list(heapq.merge(*runs, key=_when))
