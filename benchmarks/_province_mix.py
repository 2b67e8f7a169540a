"""A province's kiosk histories for `bench_province`: each kiosk's events as its services write
them, made a batch at a time (a kiosk's seq order), so any number can be pushed without holding
them all.

The mix, by events (what the centre's pages read): 55 % uses (人次), 30 % whole shifts (check-in
and check-out), 6 % requests (ordered, accepted, completed; 3 in 100 left open), 4 % the medicine
box (a restock of a new lot, then dispenses from it), 3 % umbrellas lent and returned (2 in 100
never returned), 2 % phones left to charge and collected (2 in 100 left). A station's first
kiosk also writes, once, its volunteers' registrations (20), its umbrellas' stock and a daily
check; each kiosk has one volunteer on duty now. Times: uniform over the last `DAYS` days (a kiosk's
events are in seq order, not in time order: a history pushed in two stages covers the same two
years, denser), day hours 06:00–22:00 Beijing time.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

DAYS = 730
SERVICES = ("water", "phone_charging", "rest", "transport", "medicine")
AUDIENCES = ("rider", "courier", "traveller", "elderly", "none")
ITEMS = ("plaster", "gauze", "iodine_swab", "ibuprofen", "ors", "thermometer_cover")
CATEGORIES = ("luggage", "wheelchair", "directions", "lost")
VOLUNTEERS = 20  # registered at each station
# (cumulative share, what): the rest of the draw is a use
MIX = ((0.30, "shift"), (0.36, "request"), (0.40, "medicine"), (0.43, "loan"), (0.45, "charge"))


class KioskHistory:
    """One kiosk's history, made on demand: `batch(n)` is its next n events."""

    def __init__(self, station: str, kiosk: str, first: bool, now: datetime, seed: int) -> None:
        self.station, self.kiosk, self.first, self.now = station, kiosk, first, now
        self.rng = random.Random(seed)
        # Ids from their own draws (the mix's draws stay as they were): the same seed makes the
        # same events, ids and all, so the push and the COPY seeder can be compared row for row.
        self._ids = random.Random(seed ^ 0x5EED)
        self._clock_ms = int((now - timedelta(days=DAYS)).timestamp() * 1000)
        self.seq = 0
        self.started = False
        self.lots: dict[str, tuple[str, int]] = {}  # item -> (lot id, quantity left)
        self.pending: list[dict[str, Any]] = []  # made, not yet in a batch

    def _id(self) -> str:
        """A UUIDv7 as a kiosk makes them (time-ordered: the hub's id indexes see what they see
        in the field), its clock a millisecond an id from two years ago, its bits drawn."""
        self._clock_ms += 1
        bits = self._ids.getrandbits(74)
        value = (self._clock_ms << 80) | (0x7 << 76) | ((bits >> 62) << 64) | (0b10 << 62)
        h = f"{value | (bits & (2**62 - 1)):032x}"  # str(uuid.UUID(int=…)), at a third the cost
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def _event(self, kind: str, at: datetime, payload: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return {
            "id": self._id(),
            "kind": kind,
            "station_id": self.station,
            "kiosk_id": self.kiosk,
            "seq": self.seq,
            "occurred_at": at.isoformat(),
            "actor": None,
            "payload": payload,
        }

    def _when(self) -> datetime:
        day = self.now - timedelta(days=self.rng.randrange(1, DAYS))
        base = datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=2)
        return base + timedelta(minutes=self.rng.randrange(16 * 60))  # 06:00-22:00 +08:00

    def volunteer(self) -> str:
        return f"v-{self.station}-{self.rng.randrange(VOLUNTEERS)}"

    def _opening(self) -> list[dict[str, Any]]:
        """What the kiosk writes once: the station's roster and stock (its first kiosk), and
        one volunteer on duty now (a new kiosk's duty board must show it at once)."""
        out = []
        at = self.now - timedelta(days=DAYS)
        if self.first:
            for n in range(VOLUNTEERS):
                payload = {"volunteer_id": f"v-{self.station}-{n}", "number": f"B-{n:04d}"}
                payload["name"] = f"志愿者{n}"
                out.append(self._event("volunteer.registered", at, payload))
            stock = {"stock_id": self._id(), "item": "umbrella", "quantity": 20}
            out.append(self._event("lending.stocked", at, stock))
            yesterday = self.now - timedelta(days=1)
            check = {
                "check_id": self._id(),
                "day": (yesterday + timedelta(hours=8)).date().isoformat(),
                "box_checked": True,
                "light": "green",
                "pads_expiry": "2028-06-01",
                "battery_expiry": "2029-01-01",
                "volunteer_id": f"v-{self.station}-0",
            }
            out.append(self._event("aed.checked", yesterday, check))
        on_duty = {"shift_id": self._id(), "volunteer_id": self.volunteer(), "method": "badge"}
        out.append(self._event("shift.checked_in", self.now - timedelta(hours=1), on_duty))
        return out

    def batch(self, n: int) -> list[dict[str, Any]]:
        """The next `n` events (an aggregate's may continue in the next batch, as a kiosk's
        outbox cuts them)."""
        out, self.pending = self.pending, []
        if not self.started:
            self.started = True
            out += self._opening()
        while len(out) < n:
            draw = self.rng.random()
            what = next((name for cut, name in MIX if draw < cut), "use")
            out += getattr(self, "_" + what)(self._when())
        out, self.pending = out[:n], out[n:]
        return out

    def _use(self, at: datetime) -> list[dict[str, Any]]:
        use = {
            "use_id": self._id(),
            "service_id": self.rng.choice(SERVICES),
            "audience": self.rng.choice(AUDIENCES),
            "count": self.rng.randint(1, 3),
            "day": (at + timedelta(hours=8)).date().isoformat(),
        }
        return [self._event("service.used", at, use)]

    def _shift(self, at: datetime) -> list[dict[str, Any]]:
        shift = {"shift_id": self._id(), "volunteer_id": self.volunteer(), "method": "badge"}
        out_at = at + timedelta(minutes=self.rng.randint(30, 300))
        return [
            self._event("shift.checked_in", at, shift),
            self._event("shift.checked_out", out_at, shift),
        ]

    def _request(self, at: datetime) -> list[dict[str, Any]]:
        request_id = self._id()
        ordered = {
            "request_id": request_id,
            "ticket": str(self.rng.randrange(100_000, 1_000_000)),
            "category": self.rng.choice(CATEGORIES),
            "channel": "kiosk",
        }
        out = [self._event("request.ordered", at, ordered)]
        if self.rng.random() < 0.03:
            return out  # still open
        who = self.volunteer()
        taken = {"request_id": request_id, "volunteer_id": who}
        out.append(self._event("request.accepted", at + timedelta(minutes=2), taken))
        out.append(self._event("request.completed", at + timedelta(minutes=20), taken))
        return out

    def _medicine(self, at: datetime) -> list[dict[str, Any]]:
        item = self.rng.choice(ITEMS)
        out = []
        lot, left = self.lots.get(item, ("", 0))
        if left <= 0:
            batch = f"K{self.kiosk[-1]}-{self.seq}"
            lot, left = f"{item}:{batch}", 20
            expiry = (self.now + timedelta(days=self.rng.randrange(-20, 400))).date().isoformat()
            restock: dict[str, Any] = {"lot_id": lot, "item_id": item, "batch": batch}
            restock |= {"quantity": left, "expiry": expiry}
            out.append(self._event("medicine.restocked", at, restock))
        self.lots[item] = (lot, left - 1)
        batch = lot.split(":", 1)[1]
        given = {"lot_id": lot, "item_id": item, "batch": batch, "quantity": 1}
        given |= {"reason": "cut_graze", "volunteer_id": self.volunteer()}
        out.append(self._event("medicine.dispensed", at + timedelta(minutes=1), given))
        return out

    def _loan(self, at: datetime) -> list[dict[str, Any]]:
        loan = {"loan_id": self._id(), "item": "umbrella"}
        due = (at + timedelta(days=1)).isoformat()
        borrowed = {**loan, "method": "phone", "phone": "13800001111", "due_at": due}
        out = [self._event("lending.borrowed", at, borrowed)]
        if self.rng.random() >= 0.02:
            out.append(self._event("lending.returned", at + timedelta(hours=5), loan))
        return out

    def _charge(self, at: datetime) -> list[dict[str, Any]]:
        session = {"session_id": self._id(), "slot": f"A{self.rng.randrange(20)}"}
        out = [self._event("charging.started", at, {**session, "code_hash": "x" * 40})]
        if self.rng.random() >= 0.02:
            collected = {**session, "by": "code"}
            out.append(self._event("charging.collected", at + timedelta(hours=1), collected))
        return out
