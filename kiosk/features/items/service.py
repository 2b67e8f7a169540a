"""A local admin manages this kiosk's charging slots and the station's lending and medicine
items: switch one on or off, add a slot, set a loan period or a low-stock threshold.

Each change is an `item.*_set` event applied over the hub's or bundled definitions (synced to
the station's other kiosks and to the hub) and its `admin.audited` event, written in one
transaction. Names cannot be typed here (no Chinese input): they come from the hub.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from kiosk.core.clock import Clock
from kiosk.core.errors import Conflict, NotFound, ValidationError
from kiosk.core.ids import new_id
from kiosk.features.admin.domain import Action, AdminAccount, Permission
from kiosk.features.admin.service.accounts import audit, denied
from kiosk.features.charging.domain import SLOT_ID_PATTERN, Slot, SlotKind
from kiosk.features.items import store as items_store
from kiosk.features.items.domain import (
    KIND_OF_TARGET,
    MAX_MIN_STOCK,
    Target,
    apply_lending,
    apply_medicine,
    apply_slots,
    fold_settings,
)
from kiosk.features.lending.domain import MAX_DUE_DAYS, LendingItem
from kiosk.features.medicine.domain import Item
from kiosk.platform.store import eventlog
from kiosk.platform.store.db import Database

_NOTHING = ValidationError("没有要修改的内容", "Nothing to change")
_UNKNOWN_SLOT = NotFound("没有这个充电位", "No such charging slot")
_UNKNOWN_LENDING = NotFound("没有这种借用物品", "No such item to lend")
_UNKNOWN_MEDICINE = NotFound("没有这种药品", "No such medicine item")
_BAD_SLOT_ID = ValidationError(
    "充电位编号须为 1 到 16 位字母、数字、- 或 _",
    "A slot id is 1 to 16 letters, digits, - or _",
)
_SLOT_EXISTS = Conflict("已经有这个编号的充电位", "There is already a slot with this id")
_BAD_DUE_DAYS = ValidationError(
    f"借用期限须为 1 到 {MAX_DUE_DAYS} 天", f"The loan period must be 1 to {MAX_DUE_DAYS} days"
)
_BAD_MIN_STOCK = ValidationError(
    f"最低库存须为 0 到 {MAX_MIN_STOCK}", f"The low-stock threshold must be 0 to {MAX_MIN_STOCK}"
)
MAX_SLOTS = 200
_TOO_MANY = ValidationError(f"充电位最多 {MAX_SLOTS} 个", f"At most {MAX_SLOTS} charging slots")


def _number(value: object, low: int, high: int, error: ValidationError) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise error
    return value


class ItemSettingsService:
    """Writes and reads the local edits; the `base_*` callables give the hub's or bundled
    definitions, `changed` is called after each write (the kiosk applies the edit at once)."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        base_slots: Callable[[], list[Slot]],
        base_lending: Callable[[], list[LendingItem]],
        base_medicine: Callable[[], list[Item]],
        changed: Callable[[], None] = lambda: None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._base_slots = base_slots
        self._base_lending = base_lending
        self._base_medicine = base_medicine
        self._changed = changed

    # --- reading ----------------------------------------------------------------------------

    def overrides(self, target: Target) -> dict[str, dict[str, Any]]:
        """The local edits of `target` (slots: those written on this kiosk only)."""
        with self._db.read() as session:
            kiosk = eventlog.meta(session).kiosk_id if target == Target.SLOT else None
            return fold_settings(items_store.item_edits(session), target, kiosk)

    def slots(self) -> list[Slot]:
        """This kiosk's slots with local edits, switched-off ones included."""
        return apply_slots(self._base_slots(), self.overrides(Target.SLOT))

    def lending_items(self) -> list[LendingItem]:
        return apply_lending(self._base_lending(), self.overrides(Target.LENDING))

    def medicine_items(self) -> list[Item]:
        return apply_medicine(self._base_medicine(), self.overrides(Target.MEDICINE))

    # --- writing ----------------------------------------------------------------------------

    def set_slot(self, actor: AdminAccount, slot_id: str, enabled: bool) -> Slot:
        """Switch a slot on or off; a phone inside a switched-off slot can still be collected."""
        _require(actor)
        slot = next((s for s in self.slots() if s.id == slot_id), None)
        if slot is None:
            raise _UNKNOWN_SLOT
        if slot.enabled == enabled:
            raise _NOTHING
        self._write(
            actor,
            Target.SLOT,
            {"slot_id": slot_id, "enabled": enabled},
            Action.SLOT_SET,
            {"enabled": slot.enabled},
            {"enabled": enabled},
        )
        return next(s for s in self.slots() if s.id == slot_id)

    def add_slot(self, actor: AdminAccount, slot_id: str, kind: str) -> Slot:
        """Add a slot to this kiosk, numbered after the others; its id is what is painted on it
        (typed on the latin keyboard)."""
        _require(actor)
        slot_id = slot_id.strip() if isinstance(slot_id, str) else ""
        if not re.match(SLOT_ID_PATTERN, slot_id):
            raise _BAD_SLOT_ID
        if kind not in (SlotKind.CABLE.value, SlotKind.LOCKER.value):
            raise ValidationError("请选择充电线或充电柜", "Choose a cable or a locker")
        slots = self.slots()
        if any(s.id.casefold() == slot_id.casefold() for s in slots):
            raise _SLOT_EXISTS
        if len(slots) >= MAX_SLOTS:
            raise _TOO_MANY
        number = min(max((s.number for s in slots), default=0) + 1, 999)
        self._write(
            actor,
            Target.SLOT,
            {"slot_id": slot_id, "enabled": True, "kind": kind, "number": number},
            Action.SLOT_SET,
            {},
            {"added": True, "kind": kind, "number": number},
        )
        return next(s for s in self.slots() if s.id == slot_id)

    def set_lending(
        self,
        actor: AdminAccount,
        item_id: str,
        *,
        enabled: bool | None = None,
        due_days: int | None = None,
    ) -> LendingItem:
        """Lend an item or stop lending it (returns are still taken), or set its loan period."""
        _require(actor)
        item = next((i for i in self.lending_items() if i.id == item_id), None)
        if item is None:
            raise _UNKNOWN_LENDING
        if due_days is not None:
            _number(due_days, 1, MAX_DUE_DAYS, _BAD_DUE_DAYS)
        changes = {"enabled": enabled, "due_days": due_days}
        before, after = _diff({"enabled": item.enabled, "due_days": item.due_days}, changes)
        self._write(
            actor,
            Target.LENDING,
            {"item_id": item_id, **after},
            Action.LENDING_ITEM_SET,
            before,
            after,
        )
        return next(i for i in self.lending_items() if i.id == item_id)

    def set_medicine(
        self,
        actor: AdminAccount,
        item_id: str,
        *,
        enabled: bool | None = None,
        min_stock: int | None = None,
    ) -> Item:
        """Offer a medicine item or take it off the list, or set its low-stock threshold."""
        _require(actor)
        item = next((i for i in self.medicine_items() if i.id == item_id), None)
        if item is None:
            raise _UNKNOWN_MEDICINE
        if min_stock is not None:
            _number(min_stock, 0, MAX_MIN_STOCK, _BAD_MIN_STOCK)
        changes = {"enabled": enabled, "min_stock": min_stock}
        before, after = _diff({"enabled": item.enabled, "min_stock": item.min_stock}, changes)
        self._write(
            actor,
            Target.MEDICINE,
            {"item_id": item_id, **after},
            Action.MEDICINE_ITEM_SET,
            before,
            after,
        )
        return next(i for i in self.medicine_items() if i.id == item_id)

    def _write(
        self,
        actor: AdminAccount,
        target: Target,
        payload: dict[str, Any],
        action: Action,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        item_id = str(payload.get("slot_id") or payload.get("item_id"))
        with self._db.write() as session:
            eventlog.append(
                session,
                KIND_OF_TARGET[target],
                {"edit_id": new_id(), **payload},
                occurred_at=self._clock.now(),
                actor=actor.id,
            )
            audit(session, self._clock, actor.id, action, item_id, before, after)
        self._changed()


def _require(actor: AdminAccount) -> None:
    if not actor.may(Permission.MANAGE_ITEMS):
        raise denied()


def _diff(
    current: dict[str, Any], changes: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(before, after) of the fields that really change; nothing changing is refused."""
    after = {k: v for k, v in changes.items() if v is not None and current[k] != v}
    if not after:
        raise _NOTHING
    return {k: current[k] for k in after}, after
