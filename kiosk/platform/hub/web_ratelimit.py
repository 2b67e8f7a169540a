"""Token buckets for the web pages: a phone page must not become a way to flood a station's
kiosks with tickets, nor the sign-in page a way to guess passwords. A phone's buckets are per
device (its cookie) and, much looser, per address (many phones share a station's Wi-Fi or a
carrier's NAT address); acting on a ticket also spends from the ticket's bucket. Sign-ins are
per address and per account (so many addresses do not make many guesses).

The hub uses `SharedRateLimiter`: the buckets live in the hub's database (`rate_buckets`) and
each take is ONE atomic upsert, so a limit holds across `kiosk-hub serve --workers N` (every
worker spends from the same bucket) and across restarts (a restart no longer hands every client
a fresh burst of sign-in guesses). Per-process buckets with the limit divided by N were the other
option; they were refused because uvicorn does not spread one client's connections evenly over
workers (a keep-alive connection stays on one worker), so a divided limit would be both too
strict for some clients and, across reconnects, still up to N times too loose for others.

`RateLimiter` is the same bucket in memory: the reference the shared one is tested against.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, delete, text

from kiosk.platform.hub.db import Database
from kiosk.platform.hub.models import RateBucket

MAX_CLIENTS = 20_000  # buckets kept per limiter; the least recently used are forgotten


@dataclass
class _Bucket:
    tokens: float
    at: float


class RateLimiter:
    """A token bucket per key: `burst` at once, refilled at `per_second`."""

    def __init__(
        self,
        burst: int,
        per_second: float,
        monotonic: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_CLIENTS,
    ) -> None:
        self.burst = float(burst)
        self.per_second = per_second
        self._now = monotonic
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token for `key`: 0.0 if allowed, else the seconds until one is back."""
        now = self._now()
        with self._lock:
            bucket = self._buckets.pop(key, None)
            if bucket is None:
                bucket = _Bucket(self.burst, now)
            else:
                elapsed = max(0.0, now - bucket.at)
                bucket.tokens = min(self.burst, bucket.tokens + elapsed * self.per_second)
                bucket.at = now
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.per_second

    def give_back(self, key: str) -> None:
        """Return the token a take spent (an attempt that turned out not to count)."""
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is not None:
                bucket.tokens = min(self.burst, bucket.tokens + 1.0)


# One statement per take. `r` is the bucket refilled up to now (never past `burst`; a clock
# that stepped back refills nothing); a token is spent if one is there, and `granted` records
# whether this statement spent one, so RETURNING answers for this call even when several
# workers take from the same bucket at once (the row lock orders them).
_REFILLED = "{least}(:burst, rate_buckets.tokens + {greatest}(0, :now - rate_buckets.at) * :rate)"
_TAKE = (
    "INSERT INTO rate_buckets (key, tokens, at, granted) VALUES (:key, :burst - 1, :now, {true})"
    " ON CONFLICT (key) DO UPDATE SET"
    " tokens = CASE WHEN {r} >= 1 THEN {r} - 1 ELSE {r} END,"
    " granted = ({r} >= 1),"
    " at = {greatest}(rate_buckets.at, :now)"
    " RETURNING tokens, granted"
)


_GIVE_BACK = "UPDATE rate_buckets SET tokens = {least}(:burst, tokens + 1) WHERE key = :key"


def _take_sql(dialect: str) -> str:
    if dialect == "postgresql":
        least, greatest, true = "LEAST", "GREATEST", "true"
    else:  # SQLite's multi-argument min/max are its LEAST/GREATEST
        least, greatest, true = "min", "max", "1"
    refilled = _REFILLED.format(least=least, greatest=greatest)
    return _TAKE.format(r=refilled, greatest=greatest, true=true)


PRUNE_EVERY = 500  # takes (per process and limiter) between deletions of full buckets


class SharedRateLimiter:
    """A token bucket per key in the hub database, shared by every worker process: `burst` at
    once, refilled at `per_second`. `wall_clock` is epoch seconds (workers share no monotonic
    clock); a step back in it refills nothing."""

    def __init__(
        self,
        database: Database,
        name: str,
        burst: int,
        per_second: float,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.burst = float(burst)
        self.per_second = per_second
        self._db = database
        self._now = wall_clock
        self._take = text(_take_sql(database.dialect)).bindparams(
            bindparam("now", type_=RateBucket.at.type),
            bindparam("burst", type_=RateBucket.tokens.type),
            bindparam("rate", type_=RateBucket.tokens.type),
        )
        self._give_back = text(
            _GIVE_BACK.format(least="LEAST" if database.is_postgres else "min")
        ).bindparams(bindparam("burst", type_=RateBucket.tokens.type))
        self._count = itertools.count(1)

    def take(self, key: str) -> float:
        """Spend one token for `key`: 0.0 if allowed, else the seconds until one is back."""
        now = self._now()
        params = {
            "key": self._key(key),
            "burst": self.burst,
            "now": now,
            "rate": self.per_second,
        }
        if self._db.is_postgres:
            with self._db.autocommit() as connection:  # one round trip, its own transaction
                tokens, granted = connection.execute(self._take, params).one()
        else:
            with self._db.write() as session:
                tokens, granted = session.execute(self._take, params).one()
        if next(self._count) % PRUNE_EVERY == 0:
            self.prune(now)
        if granted:
            return 0.0
        return (1.0 - float(tokens)) / self.per_second

    def give_back(self, key: str) -> None:
        """Return the token a take spent (an attempt that turned out not to count)."""
        params = {"key": self._key(key), "burst": self.burst}
        with self._db.write() as session:
            session.execute(self._give_back, params)

    def _key(self, key: str) -> str:
        return f"{self.name}:{key}"[:160]

    def prune(self, now: float) -> int:
        """Forget this limiter's buckets that have refilled (a full bucket is no bucket)."""
        full_after = self.burst / self.per_second
        stmt = delete(RateBucket).where(
            RateBucket.key.like(f"{self.name}:%"), RateBucket.at < now - full_after
        )
        with self._db.write() as session:
            return int(session.execute(stmt).rowcount)  # type: ignore[attr-defined]


class Limiter(Protocol):
    def take(self, key: str) -> float: ...

    def give_back(self, key: str) -> None: ...


@dataclass(frozen=True)
class WebLimits:
    """The limiters of the web pages. A phone spends from its device's bucket (`view`,
    `submit`: keyed by the device cookie) AND its address's (`view_address`, `submit_address`,
    much looser: a station's Wi-Fi or a carrier's NAT puts many phones behind one address);
    acting on a ticket (cancel, rate) also from the ticket's own (`ticket`). The centre's
    sign-in is per address (`login`) and per account (`account`, failed sign-ins whatever the
    address)."""

    view: Limiter
    submit: Limiter
    login: Limiter
    account: Limiter
    view_address: Limiter
    submit_address: Limiter
    ticket: Limiter
