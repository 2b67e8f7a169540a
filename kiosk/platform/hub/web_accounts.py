"""Dashboard accounts and their sign-ins.

Passwords are kept as scrypt hashes (kiosk.core.secrets, as PINs are). A sign-in is a row in
`web_sessions` holding sha256 of the cookie's random token (the cookie alone is worthless once
the row expires or is deleted) and a CSRF token that every form carries back. Roles: a centre
admin sees and publishes for every station; a station admin only for its listed stations.

Each account name has a bucket of sign-in attempts in the hub database (`rate_buckets`, so it
holds across workers and restarts), besides the sign-in page's per-address bucket: many
addresses do not buy many guesses. Every attempt takes a token before the password is checked
and a right password gives it back, so only failures count and a locked account refuses even
its right password until a token is back. A bucket, not a growing delay: the wait a locked-out
admin faces stays bounded (one try per refill), where a doubling delay would let a guesser lock
the account out for ever longer.
"""

from __future__ import annotations

import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kiosk.core.clock import Clock
from kiosk.core.secrets import hash_secret, verify_secret
from kiosk.platform.hub import repository as repo
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.errors import Conflict, HubError, Invalid, NotFound
from kiosk.platform.hub.models import Account, WebSession
from kiosk.platform.hub.security import digest, same
from kiosk.platform.hub.web_ratelimit import Limiter

ROLES = ("centre", "station")
USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{3,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 200
# Checked when the username is unknown, so a wrong name costs the same time as a wrong password.
_DUMMY_HASH = hash_secret("not-a-password")


class SignInLocked(HubError):
    """Too many failed sign-ins on this account: refused, right password or not, for
    `retry_after_s` seconds."""

    status = 429

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(
            f"too many failed sign-ins for this account; try again in {retry_after_s} s",
            reason="account_locked",
            reason_zh=f"该账号登录失败次数过多，请 {retry_after_s} 秒后再试",
            retry_after_s=retry_after_s,
        )
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Principal:
    """Who is signed in, and the session's CSRF token for the forms."""

    username: str
    role: str
    stations: tuple[str, ...]
    csrf: str

    @property
    def is_centre(self) -> bool:
        return self.role == "centre"

    def can_see(self, station_id: str) -> bool:
        return self.is_centre or station_id in self.stations

    def visible(self, station_ids: Iterable[str]) -> list[str]:
        return [s for s in station_ids if self.can_see(s)]


class AccountService:
    """Create accounts, sign in and out, and resolve a session cookie. `attempts` is the
    per-account bucket of sign-ins (None only where nobody signs in, e.g. the CLI)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        session_ttl_s: int,
        attempts: Limiter | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._ttl = timedelta(seconds=session_ttl_s)
        self._attempts = attempts

    def create(
        self,
        username: str,
        password: str,
        role: str,
        stations: list[str],
        *,
        replace: bool = False,
    ) -> None:
        """A new account (or, with `replace`, new password, role and stations for one)."""
        if not USERNAME.match(username):
            raise Invalid("username: 3-64 letters, digits or _.@-", reason="bad_username")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise Invalid(f"password: at least {MIN_PASSWORD} characters", reason="bad_password")
        if role not in ROLES:
            raise Invalid("role: centre or station", reason="bad_role")
        if role == "station" and not stations:
            raise Invalid("a station admin needs at least one station", reason="no_station")
        hashed = hash_secret(password)
        with self._db.write() as session:
            for station_id in stations:
                if repo.get_station(session, station_id) is None:
                    raise NotFound(f"no station {station_id}", reason="unknown_station")
            account = session.get(Account, username)
            if account is not None and not replace:
                raise Conflict(f"account {username} exists", reason="account_exists")
            keep = sorted(set(stations)) if role == "station" else []
            if account is None:
                session.add(
                    Account(
                        username=username,
                        password_hash=hashed,
                        role=role,
                        stations=keep,
                        created_at=self._clock.now(),
                        disabled=False,
                    )
                )
            else:
                account.password_hash, account.role, account.stations = hashed, role, keep
                account.disabled = False
                session.execute(delete(WebSession).where(WebSession.username == username))

    def sign_in(self, username: str, password: str) -> str | None:
        """A new session token for the right password (None otherwise); old sessions expire.
        `SignInLocked` while the account's attempts are spent (unknown names have a bucket
        too, so a 429 tells nothing about which accounts exist)."""
        now = self._clock.now()
        if not USERNAME.match(username):
            verify_secret(password[:MAX_PASSWORD], _DUMMY_HASH)  # the same time as a wrong one
            return None
        if self._attempts is not None:
            wait = self._attempts.take(username)
            if wait > 0:
                raise SignInLocked(max(1, math.ceil(wait)))
        with self._db.read() as session:
            account = session.get(Account, username)
            stored = account.password_hash if account and not account.disabled else _DUMMY_HASH
        if not verify_secret(password[:MAX_PASSWORD], stored) or stored is _DUMMY_HASH:
            return None
        if self._attempts is not None:
            self._attempts.give_back(username)  # only failures count
        token = secrets.token_urlsafe(32)
        with self._db.write() as session:
            session.execute(delete(WebSession).where(WebSession.expires_at <= now))
            session.add(
                WebSession(
                    token_hash=digest(token),
                    username=username,
                    csrf=secrets.token_urlsafe(24),
                    created_at=now,
                    expires_at=now + self._ttl,
                )
            )
        return token

    def principal(self, token: str | None) -> Principal | None:
        """Who holds the session cookie `token`, if it is live."""
        if not token or len(token) > 100:
            return None
        with self._db.read() as session:
            return _principal(session, digest(token), self._clock)

    def sign_out(self, token: str) -> None:
        with self._db.write() as session:
            session.execute(delete(WebSession).where(WebSession.token_hash == digest(token)))


def _principal(session: Session, token_hash: str, clock: Clock) -> Principal | None:
    row = session.execute(
        select(WebSession, Account)
        .join(Account, Account.username == WebSession.username)
        .where(WebSession.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    web_session, account = row
    if web_session.expires_at <= clock.now() or account.disabled:
        return None
    return Principal(account.username, account.role, tuple(account.stations), web_session.csrf)


def csrf_ok(principal: Principal, sent: str | None) -> bool:
    return bool(sent) and same(principal.csrf, sent or "")
