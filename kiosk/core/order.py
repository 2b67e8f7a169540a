"""The one order of events every kiosk of a station (and the hub) agrees on (DESIGN §3).

Shared state (a shift closed at both exits, a request accepted at two kiosks, the latest PIN of
a volunteer) is decided by folding an aggregate's events in this order, never in the order they
happened to arrive, so two kiosks holding the same events fold the same projection.

The order is by (occurred_at, kiosk_id, seq): a total order on the events themselves, known at
once on every kiosk, offline, and it never changes: a late event only slots in between, it never
swaps two others. The hub's order would need the hub (a kiosk's own events have none until they
are pushed) and would change a kiosk's folds after the fact. Wall clocks decide only between
events that compete; a kiosk whose clock stepped back may see two of its own events swapped, so
the folds tolerate odd orders (a check-in after its check-out still folds, minutes never go
negative).
"""

from __future__ import annotations

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


def order_key(item: Ordered) -> tuple[datetime, str, int]:
    """When, then which kiosk, then that kiosk's seq: unique for every event of a station."""
    return (item.occurred_at, item.kiosk_id, item.seq)


def agreed_order(items: Iterable[T]) -> list[T]:
    """`items` in the agreed order (cheap: one aggregate holds a handful of events)."""
    return sorted(items, key=order_key)
