"""Hypothesis strategies for plausible event histories of one station's kiosks.

Two or three kiosks write events the way the services would, but offline from each other, so
the shared aggregates collide: a shift checked out at both exits (or cancelled at one and swept
at another), a charging session collected twice, an umbrella returned at the other exit and
written off, a request accepted at two kiosks, a medicine batch restocked with two expiries, a
PIN set at two kiosks, item and catalogue settings edited at both exits. Times are coarse
(minutes from a small range) so that ties across kiosks happen; a kiosk may have had its clock
stepped back, so that its seq order and its clock disagree.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from kiosk.core.events import Event, validate_payload

T0 = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
KIOSKS = ("k-north", "k-south", "k-east")


@dataclass(frozen=True)
class History:
    """What the station's kiosks wrote (each event once), and a roster the hub published."""

    events: tuple[Event, ...]
    roster: dict[str, Any] | None


@dataclass(frozen=True)
class _Draft:
    kind: str
    payload: dict[str, Any]
    kiosk: str
    minute: int
    actor: str | None


def _hash(tag: str) -> str:
    return f"scrypt$test${tag:0>20}"


class _Writer:
    """Collects drafts; `draw` picks the kiosk and the minute unless given."""

    def __init__(self, draw: st.DrawFn, kiosks: tuple[str, ...]) -> None:
        self.draw = draw
        self.kiosks = kiosks
        self.drafts: list[_Draft] = []

    def kiosk(self) -> str:
        return self.draw(st.sampled_from(self.kiosks))

    def minute(self, after: int = 0) -> int:
        return after + self.draw(st.integers(0, 90))

    def add(
        self,
        kind: str,
        payload: dict[str, Any],
        *,
        kiosk: str | None = None,
        minute: int | None = None,
        actor: str | None = None,
    ) -> int:
        at = self.minute() if minute is None else minute
        self.drafts.append(_Draft(kind, payload, kiosk or self.kiosk(), at, actor))
        return at

    def count(self, low: int, high: int) -> int:
        return self.draw(st.integers(low, high))


def _volunteers(w: _Writer) -> list[str]:
    ids = [f"v{i}" for i in range(w.count(1, 2))]
    for vid in ids:
        for n in range(w.count(1, 2)):  # registered twice: at both exits, different spellings
            payload = {"volunteer_id": vid, "name": f"志愿者{vid}{n}", "number": f"N-{n}"}
            w.add("volunteer.registered", payload | {"phone": f"1380000{n:04d}"})
        for n in range(w.count(0, 2)):
            w.add("volunteer.pin_set", {"volunteer_id": vid, "pin_hash": _hash(f"{vid}p{n}")})
        if w.draw(st.booleans()):
            w.add("volunteer.deactivated", {"volunteer_id": vid})
    return ids


def _shifts(w: _Writer, volunteers: list[str]) -> None:
    for i in range(w.count(1, 4)):
        base = {"shift_id": f"s{i}", "volunteer_id": w.draw(st.sampled_from(volunteers))}
        checked_in = w.add("shift.checked_in", base | {"method": "badge"})
        for _ in range(w.count(0, 3)):  # closed at both exits, cancelled at one, swept ...
            kind = w.draw(st.sampled_from(["checked_out", "checked_out", "cancelled", "auto"]))
            at = w.minute(checked_in)
            if kind == "checked_out":
                w.add("shift.checked_out", base | {"method": "pin"}, minute=at)
            elif kind == "cancelled":
                w.add("shift.cancelled", base, minute=at)
            else:
                w.add("shift.auto_closed", base | {"credited_minutes": 240}, minute=at)
        for _ in range(w.count(0, 2)):
            if w.draw(st.booleans()):
                w.add("shift.approved", base, minute=w.minute(checked_in))
            else:
                payload = base | {"minutes": w.count(0, 600), "reason": "left_early"}
                w.add("shift.amended", payload, minute=w.minute(checked_in))


def _charging(w: _Writer) -> None:
    for i in range(w.count(0, 3)):
        base = {"session_id": f"c{i}", "slot": str(w.count(1, 3))}
        for n in range(w.count(1, 2)):  # started twice: a session id is one kiosk's, but still
            w.add("charging.started", base | {"code_hash": _hash(f"c{i}{n}")})
        for _ in range(w.count(0, 4)):
            kind = w.draw(st.sampled_from(["locked", "unlocked", "collected", "collected"]))
            if kind == "collected":
                by = w.draw(st.sampled_from(["code", "volunteer"]))
                reason = None if by == "code" else "other"
                w.add("charging.collected", base | {"by": by, "reason": reason}, actor="v0")
            else:
                w.add(f"charging.{kind}", base)


def _lending(w: _Writer) -> None:
    for i in range(w.count(0, 2)):
        payload = {"stock_id": f"st{i}", "item": "umbrella", "quantity": w.count(-2, 5)}
        w.add("lending.stocked", payload)
    for i in range(w.count(0, 3)):
        item = w.draw(st.sampled_from(["umbrella", "power_bank"]))
        base = {"loan_id": f"l{i}", "item": item}
        due = (T0 + timedelta(days=3)).isoformat()
        borrowed = base | {"method": "phone", "phone": "13812341234", "due_at": due}
        at = w.add("lending.borrowed", borrowed)
        for _ in range(w.count(0, 2)):  # returned at the other exit too
            w.add("lending.returned", base, minute=w.minute(at))
        if w.draw(st.booleans()):
            w.add("lending.written_off", base | {"reason": "lost"}, minute=w.minute(at))


def _requests(w: _Writer, volunteers: list[str]) -> None:
    for i in range(w.count(0, 3)):
        base = {"request_id": f"r{i}"}
        order = base | {"ticket": f"{100000 + i}", "category": "wheelchair", "channel": "kiosk"}
        at = w.add("request.ordered", order)
        for _ in range(w.count(0, 3)):  # accepted at two kiosks before they synced
            who = w.draw(st.sampled_from(volunteers))
            w.add("request.accepted", base | {"volunteer_id": who}, minute=w.minute(at))
        for _ in range(w.count(0, 2)):
            who = w.draw(st.sampled_from(volunteers))
            payload = base | {"volunteer_id": who, "note": "helped"}
            w.add("request.completed", payload, minute=w.minute(at))
        if w.draw(st.booleans()):
            w.add("request.rated", base | {"rating": "good"}, minute=w.minute(at))
        if w.draw(st.booleans()):
            w.add("request.cancelled", base, minute=w.minute(at))
    for i in range(w.count(0, 2)):
        base = {"wish_id": f"w{i}"}
        submitted = base | {"ticket": f"{200000 + i}", "category": "rest", "channel": "kiosk"}
        at = w.add("wish.submitted", submitted)
        for n in range(w.count(0, 3)):
            status = w.draw(st.sampled_from(["in_progress", "answered"]))
            payload = base | {"status": status, "answer": f"answer {n}"}
            w.add("wish.status_set", payload, minute=w.minute(at))


def _medicine(w: _Writer) -> None:
    for i in range(w.count(0, 2)):
        base = {"lot_id": f"ibuprofen:B{i}", "item_id": "ibuprofen", "batch": f"B{i}"}
        for _ in range(w.count(1, 2)):  # the same batch restocked at two kiosks, two expiries
            expiry = w.draw(st.sampled_from(["2027-05-31", "2027-06-30"]))
            w.add("medicine.restocked", base | {"expiry": expiry, "quantity": w.count(1, 6)})
        for _ in range(w.count(0, 3)):
            payload = base | {"quantity": w.count(1, 4), "reason": "fever_pain"}
            w.add("medicine.dispensed", payload | {"volunteer_id": "v0"})
        if w.draw(st.booleans()):
            payload = base | {"quantity": 1, "reason": "damaged"}
            w.add("medicine.discarded", payload)
    for i in range(w.count(0, 1)):
        base = {"emergency_id": f"e{i}"}
        w.add("emergency.raised", base | {"place_zh": "候车厅", "place_en": "Waiting hall"})
        for _ in range(w.count(0, 2)):  # acknowledged at both exits
            by = w.draw(st.sampled_from(["volunteer", "admin"]))
            w.add("emergency.acknowledged", base | {"by": by}, actor="v0")
    for i in range(w.count(0, 1)):
        base = {"incident_id": f"i{i}"}
        record = {
            "happened_at": T0.isoformat(),
            "place": "platform",
            "what": "fall",
            "first_aid": ["wound_care"],
            "aed_used": False,
            "called_120": False,
            "outcome": "recovered",
            "attended": ["v0"],
        }
        w.add("incident.recorded", base | record)
        for _ in range(w.count(0, 2)):
            outcome = w.draw(st.sampled_from(["hospital", "family"]))
            w.add("incident.amended", base | {"outcome": outcome})
        if w.draw(st.booleans()):
            w.add("incident.voided", base | {"reason": "duplicate"})


def _settings(w: _Writer) -> None:
    for i in range(w.count(0, 3)):
        edit = {"edit_id": f"is{i}"}
        target = w.draw(st.sampled_from(["slot", "lending", "medicine"]))
        if target == "slot":
            payload = edit | {"slot_id": "1", "enabled": w.draw(st.booleans())}
            w.add("item.slot_set", payload)
        elif target == "lending":
            payload = edit | {"item_id": "umbrella", "due_days": w.count(1, 9)}
            w.add("item.lending_set", payload | {"reset": w.draw(st.booleans())})
        else:
            payload = edit | {"item_id": "ibuprofen", "min_stock": w.count(0, 9)}
            w.add("item.medicine_set", payload)
    for i in range(w.count(0, 3)):
        edit = {"edit_id": f"ce{i}", "service_id": "water", "order": w.count(-5, 5)}
        w.add("catalogue.item_set", edit | {"enabled": w.draw(st.booleans())})
    for i in range(w.count(0, 2)):  # the first-run PIN and a named account, set at two kiosks
        w.add("admin.pin_set", {"role": "station_admin", "pin_hash": _hash(f"admin{i}")})
        account = {"account_id": "leader-1", "name": f"组长{i}", "role": "team_leader"}
        w.add("admin.account_set", account | {"pin_hash": _hash(f"lead{i}"), "active": i == 0})
    for i in range(w.count(0, 2)):  # uses of one service on one day, counted per day
        use = {"use_id": f"u{i}", "service_id": "water", "count": w.count(1, 3)}
        w.add("service.used", use | {"day": "2026-11-02"})


def _events(w: _Writer, stepped: set[str], station_id: str) -> tuple[Event, ...]:
    """Events with each kiosk's dense seq: in time order, or, on a kiosk whose clock was
    stepped back, in the order written whatever its clock said."""
    by_kiosk: dict[str, list[tuple[int, _Draft]]] = {}
    for index, draft in enumerate(w.drafts):
        by_kiosk.setdefault(draft.kiosk, []).append((index, draft))
    events: list[tuple[int, Event]] = []
    for kiosk, drafts in by_kiosk.items():
        if kiosk not in stepped:
            drafts.sort(key=lambda pair: (pair[1].minute, pair[0]))
        for seq, (index, draft) in enumerate(drafts, start=1):
            clean = validate_payload(draft.kind, draft.payload).model_dump(mode="json")
            event = Event(
                id=str(uuid.UUID(int=index + 1)),
                kind=draft.kind,
                station_id=station_id,
                kiosk_id=kiosk,
                seq=seq,
                occurred_at=T0 + timedelta(minutes=draft.minute),
                actor=draft.actor,
                payload=clean,
            )
            events.append((index, event))
    return tuple(event for _, event in sorted(events, key=lambda pair: pair[0]))


def _roster(draw: st.DrawFn, volunteers: list[str]) -> dict[str, Any] | None:
    if not draw(st.booleans()):
        return None
    listed = [draw(st.sampled_from(volunteers)), "v-central"]  # one known here, one hub-only
    entries = []
    for vid in listed:
        entry: dict[str, Any] = {
            "volunteer_id": vid,
            "name": f"中心{vid}",
            "number": "C-1",
            "phone": "13700000001",
            "active": draw(st.booleans()),
        }
        if draw(st.booleans()):
            entry["pin_hash"] = _hash(f"hub{vid}")
        entries.append(entry)
    return {"volunteers": entries}


@st.composite
def station_histories(draw: st.DrawFn, station_id: str) -> History:
    """One station's history, each event once, in the order it was written."""
    kiosks = KIOSKS[: draw(st.integers(2, 3))]
    w = _Writer(draw, kiosks)
    volunteers = _volunteers(w)
    _shifts(w, volunteers)
    _charging(w)
    _lending(w)
    _requests(w, volunteers)
    _medicine(w)
    _settings(w)
    stepped = draw(st.sets(st.sampled_from(kiosks), max_size=1))
    return History(_events(w, stepped, station_id), _roster(draw, volunteers))
