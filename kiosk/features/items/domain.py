"""Local admin settings of the charging slots, lending items and medicine items, and how they
fold over the hub's or bundled definitions.

Names come from the hub or the bundled files (the kiosk has no Chinese input), so a local edit
sets numbers and switches only: a slot on or off (or a new slot, its id typed in latin letters),
a lending item lent or not and its loan period, a medicine item offered or not and its low-stock
threshold. Like the catalogue edits, an item's overrides are its edits' fields, later edits
winning field by field in an order that does not depend on arrival (when, then which kiosk, then
its seq); a reset drops them. Slots belong to one kiosk (each exit has its own lockers): only the
edits written on that kiosk apply to its slots; item edits apply station-wide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from kiosk.core.events import ID, EventKind, Payload
from kiosk.core.order import agreed_order
from kiosk.features.charging.domain import SLOT_ID_PATTERN, Slot, SlotKind
from kiosk.features.lending.domain import ITEM_ID_PATTERN as LENDING_ITEM_PATTERN
from kiosk.features.lending.domain import MAX_DUE_DAYS, LendingItem
from kiosk.features.medicine.domain import ITEM_ID_PATTERN, Item

MAX_MIN_STOCK = 1000


class Target(StrEnum):
    """What an edit sets: one of this kiosk's charging slots, a lending or a medicine item."""

    SLOT = "slot"
    LENDING = "lending"
    MEDICINE = "medicine"


# The event kind of each target. A family of their own ("item."): the "charging.", "lending."
# and "medicine." families fold sessions, loans and lots, and the log review and the hub's
# reports read every event of those families as such.
KIND_OF_TARGET: dict[Target, str] = {
    Target.SLOT: "item.slot_set",
    Target.LENDING: "item.lending_set",
    Target.MEDICINE: "item.medicine_set",
}
TARGET_OF_KIND = {kind: target for target, kind in KIND_OF_TARGET.items()}
ID_FIELD: dict[Target, str] = {
    Target.SLOT: "slot_id",
    Target.LENDING: "item_id",
    Target.MEDICINE: "item_id",
}
FIELDS: dict[Target, tuple[str, ...]] = {
    Target.SLOT: ("enabled", "kind", "number"),  # kind and number: a slot added here
    Target.LENDING: ("enabled", "due_days"),
    Target.MEDICINE: ("enabled", "min_stock"),
}


@dataclass(frozen=True)
class ItemEdit:
    target: Target
    item_id: str
    occurred_at: datetime
    kiosk_id: str
    seq: int
    values: dict[str, Any]  # only the fields this edit sets
    reset: bool = False


def fold_settings(
    edits: Iterable[ItemEdit], target: Target, kiosk_id: str | None = None
) -> dict[str, dict[str, Any]]:
    """Per item id of `target`, the fields local admins set; with `kiosk_id`, only the edits
    written on that kiosk count (slots)."""
    overrides: dict[str, dict[str, Any]] = {}
    mine = [e for e in edits if e.target == target and (kiosk_id is None or e.kiosk_id == kiosk_id)]
    for edit in agreed_order(mine):
        if edit.reset:
            overrides.pop(edit.item_id, None)
            continue
        fields = {k: v for k, v in edit.values.items() if k in FIELDS[target] and v is not None}
        if fields:
            overrides.setdefault(edit.item_id, {}).update(fields)
    return overrides


def added_slot(slot_id: str, kind: SlotKind, number: int) -> Slot:
    """A slot added on this kiosk: labelled with the id painted on it."""
    if kind == SlotKind.CABLE:
        return Slot(slot_id, number, kind, f"{slot_id} 号充电线", f"Cable {slot_id}")
    return Slot(slot_id, number, kind, f"{slot_id} 号充电柜", f"Locker {slot_id}")


def apply_slots(base: list[Slot], overrides: dict[str, dict[str, Any]]) -> list[Slot]:
    """The configured slots with local edits, added slots after them, by number; switched-off
    slots stay in the list (a phone may still be inside) with `enabled` False."""
    slots: list[Slot] = []
    known = {slot.id for slot in base}
    for slot in base:
        values = overrides.get(slot.id, {})
        slots.append(replace(slot, enabled=bool(values.get("enabled", slot.enabled))))
    for slot_id, values in overrides.items():
        if slot_id in known or "kind" not in values:
            continue
        slot = added_slot(slot_id, SlotKind(values["kind"]), int(values.get("number", 999)))
        slots.append(replace(slot, enabled=bool(values.get("enabled", True))))
    return sorted(slots, key=lambda s: (s.number, s.id))


def apply_lending(
    base: list[LendingItem], overrides: dict[str, dict[str, Any]]
) -> list[LendingItem]:
    """The configured lending items with their local switch and loan period."""
    items = []
    for item in base:
        values = overrides.get(item.id, {})
        due = values.get("due_days", item.due_days)
        items.append(
            replace(
                item,
                enabled=bool(values.get("enabled", item.enabled)),
                due_days=min(max(int(due), 1), MAX_DUE_DAYS),
            )
        )
    return items


def apply_medicine(base: list[Item], overrides: dict[str, dict[str, Any]]) -> list[Item]:
    """The configured medicine items with their local switch and low-stock threshold."""
    items = []
    for item in base:
        values = overrides.get(item.id, {})
        minimum = values.get("min_stock", item.min_stock)
        items.append(
            replace(
                item,
                enabled=bool(values.get("enabled", item.enabled)),
                min_stock=min(max(int(minimum), 0), MAX_MIN_STOCK),
            )
        )
    return items


# --- event kinds (payload schemas, one declaration each) ------------------------------------------


class ItemSlotSet(Payload):
    """A local admin switched one of this kiosk's charging slots on or off, or added a slot
    (`kind` and `number` given); the event's kiosk is the one whose slot it is."""

    edit_id: str = ID
    slot_id: str = Field(pattern=SLOT_ID_PATTERN)
    enabled: bool | None = None
    kind: str | None = Field(default=None, pattern=r"^(cable|locker)$")
    number: int | None = Field(default=None, ge=1, le=999)
    reset: bool = False


class ItemLendingSet(Payload):
    """A local admin set a lending item lent or not, or its loan period, over the hub's or
    bundled definition (or reset it)."""

    edit_id: str = ID
    item_id: str = Field(pattern=LENDING_ITEM_PATTERN)
    enabled: bool | None = None
    due_days: int | None = Field(default=None, ge=1, le=MAX_DUE_DAYS)
    reset: bool = False


class ItemMedicineSet(Payload):
    """A local admin set a medicine item offered or not, or its low-stock threshold."""

    edit_id: str = ID
    item_id: str = Field(pattern=ITEM_ID_PATTERN)
    enabled: bool | None = None
    min_stock: int | None = Field(default=None, ge=0, le=MAX_MIN_STOCK)
    reset: bool = False


KINDS: tuple[EventKind, ...] = (
    EventKind("item.slot_set", ItemSlotSet, "edit_id"),
    EventKind("item.lending_set", ItemLendingSet, "edit_id"),
    EventKind("item.medicine_set", ItemMedicineSet, "edit_id"),
)
