"""The device token checked before a sync request's body is read (DESIGN §3, "Identity").

A push carries up to 10 MiB; without this gate any bearer string made the hub read it before
the token was looked up inside the push's transaction. The gate looks the token up first and
refuses an unknown one with 401 (a revoked one with 403) while the body is still unread.

Tokens it admitted are remembered for `ttl_s` (per process, bounded), so a kiosk's usual pushes
cost no extra query nor thread hop. That memory never lets anything through on its own: every
push, pull and own-events call still checks the token inside its transaction, so a revocation
takes effect on the next request as before; at worst a kiosk revoked within the last `ttl_s`
sends one body (bounded by `BodyLimit`) before its 403.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import Forbidden, Unauthorized
from kiosk.platform.hub.security import digest

ADMITTED_TTL_S = 300.0  # longer than a kiosk's push interval, so its pushes find it here
MAX_ADMITTED = 50_000  # tokens remembered per process: a province's kiosks, with room


class DeviceGate:
    """Admit a device token (a database lookup), or refuse it before the body is read."""

    def __init__(
        self,
        database: Database,
        ttl_s: float = ADMITTED_TTL_S,
        max_admitted: int = MAX_ADMITTED,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._db = database
        self._ttl = ttl_s
        self._max = max_admitted
        self._now = monotonic
        self._admitted: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def recently_admitted(self, token: str) -> bool:
        """Whether `token` was admitted in the last `ttl_s` (no I/O: safe on the event loop)."""
        key = digest(token)
        with self._lock:
            at = self._admitted.get(key)
            return at is not None and self._now() - at < self._ttl

    def admit(self, token: str) -> None:
        """Look `token` up: 401 if no kiosk holds it, 403 if its kiosk is revoked."""
        key = digest(token)
        with self._db.read() as session:
            kiosk = repo.kiosk_by_token_hash(session, key)
            revoked = kiosk is not None and kiosk.revoked
        if kiosk is None:
            raise Unauthorized(
                "unknown device token", reason="unknown_token", reason_zh="终端凭据无效，请重新注册"
            )
        if revoked:
            raise Forbidden(
                "this kiosk has been revoked", reason="revoked", reason_zh="终端已被停用"
            )
        with self._lock:
            self._admitted.pop(key, None)
            self._admitted[key] = self._now()
            if len(self._admitted) > self._max:
                self._admitted.popitem(last=False)
