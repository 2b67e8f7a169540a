"""The event envelope, the `EventKind` declaration and payload validation against the kind table.

Every fact the kiosk records is an `Event` of one kind. Each feature declares its kinds once,
beside their payload models and its rules (`features/<name>/domain.py` exports
`KINDS: tuple[EventKind, ...]`); the registry (`kiosk.features`) hands core the source of those
declarations with `install`, and the table is built from it on first use. Core knows no feature:
`PAYLOADS`, `AGGREGATE_FIELD` and the hub's fast path are all views of that one table.

Payloads are validated on the way in (kiosk writes, pulls and the hub's push) so the log never
holds a fact that a projection cannot fold.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from kiosk.core.errors import ValidationError

# The id fields of payloads (an aggregate's id, a volunteer's): short, printable, URL-safe.
ID = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
ID_OPTIONAL = Field(default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")


# The kiosk's start (`run_app`) sets this to "1": each payload model's validator is then built
# on the model's first use, not at import. A start validates few of the ~70 models, and building
# them all was ~30 ms of start → ready (docs/performance.md). The hub and the command line keep
# building them at import: their first request or write pays nothing extra.
DEFER_BUILD_ENV = "KIOSK_DEFER_PAYLOAD_BUILD"
DEFER_BUILD = os.environ.get(DEFER_BUILD_ENV) == "1"  # the features' config models too


class Payload(BaseModel):
    """Base of payload schemas: frozen, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=DEFER_BUILD)


@dataclass(frozen=True)
class EventKind:
    """One kind of fact, declared once: its name (`<family>.<verb>`), its payload model, and
    the payload field that names the aggregate (one shift, one loan) the event belongs to, so
    projections fold all of one aggregate's events whatever order they arrive in.

    `urgent` marks a fact the other kiosks of the station must see within seconds (an
    emergency, a request for help): the hub's push channel wakes them for it
    (docs/push-channel.md). This flag is the one place that says which kinds are urgent.

    `hub_only` marks a fact written only by the hub (the centre's pages): a kiosk's push
    carrying one is refused (reason `hub_only`), and a kiosk never appends one to its own log;
    it reaches kiosks only by pull, authored by the station's hub pseudo-kiosk."""

    name: str
    payload: type[Payload]
    aggregate: str
    urgent: bool = False
    hub_only: bool = False

    @property
    def family(self) -> str:
        """The kind's prefix with its dot, e.g. "shift." (projectors are registered by it)."""
        return self.name.split(".", 1)[0] + "."


class KindTable:
    """Every kind the build knows, from the features' declarations (a kind declared twice, or
    an aggregate field its payload lacks, is a programming error found at first use)."""

    def __init__(self, kinds: Iterable[EventKind]) -> None:
        self.kinds: dict[str, EventKind] = {}
        for kind in kinds:
            if kind.name in self.kinds:
                raise ValueError(f"event kind {kind.name} declared twice")
            if kind.aggregate not in kind.payload.model_fields:
                raise ValueError(f"{kind.name}: {kind.aggregate} is not a payload field")
            self.kinds[kind.name] = kind
        self.payloads: dict[str, type[Payload]] = {k: v.payload for k, v in self.kinds.items()}
        self.aggregate_field: dict[str, str] = {k: v.aggregate for k, v in self.kinds.items()}
        self.urgent: frozenset[str] = frozenset(k for k, v in self.kinds.items() if v.urgent)
        self.hub_only: frozenset[str] = frozenset(k for k, v in self.kinds.items() if v.hub_only)

    def validate(self, kind: str, payload: dict[str, Any]) -> Payload:
        """Check a payload against its kind's schema; unknown kinds and bad fields are refused."""
        schema = self.payloads.get(kind)
        if schema is None:
            raise ValidationError(f"未知的记录类型 {kind[:40]}", f"Unknown event kind {kind[:40]}")
        try:
            return schema.model_validate(payload)
        except PydanticValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise ValidationError(
                f"记录内容无效（{where}）", f"Invalid event payload ({where}: {first['msg']})"
            ) from None

    def aggregate_of(self, kind: str, payload: Payload | dict[str, Any]) -> str:
        """The aggregate id an event belongs to."""
        field = self.aggregate_field[kind]
        value = getattr(payload, field) if isinstance(payload, Payload) else payload[field]
        return str(value)


REGISTRY = "kiosk.features"  # the module whose event_kinds() lists every feature's KINDS
_source: Callable[[], Iterable[EventKind]] | None = None
_table: KindTable | None = None


def install(source: Callable[[], Iterable[EventKind]]) -> None:
    """Hand core where the kinds come from (a test or another composition root may; by default
    the registry's); the table is built on first use, so importing a feature's domain for a
    constant loads no other feature."""
    global _source, _table
    _source, _table = source, None


def _registry_kinds() -> Iterable[EventKind]:
    """The registry's kinds, found by the registry module's name (core imports no feature; the
    way the platform finds the registry, kiosk/platform/registry.py)."""
    import importlib

    kinds: Iterable[EventKind] = importlib.import_module(REGISTRY).event_kinds()
    return kinds


def kind_table() -> KindTable:
    """The one table of kinds (built from the installed source on first use)."""
    global _table
    if _table is None:
        source = _source or _registry_kinds
        _table = KindTable(source())
    return _table


def urgent_kinds() -> frozenset[str]:
    """The kinds the push channel wakes the station's other kiosks for (`EventKind.urgent`)."""
    return kind_table().urgent


def hub_only_kinds() -> frozenset[str]:
    """The kinds only the hub writes (`EventKind.hub_only`): refused in a kiosk's push."""
    return kind_table().hub_only


V = TypeVar("V")


class _View(Mapping[str, V]):
    """A read-only mapping over one column of the kind table, read at each use."""

    def __init__(self, column: Callable[[KindTable], Mapping[str, V]]) -> None:
        self._column = column

    def __getitem__(self, key: str) -> V:
        return self._column(kind_table())[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._column(kind_table()))

    def __len__(self) -> int:
        return len(self._column(kind_table()))


PAYLOADS: Mapping[str, type[Payload]] = _View(lambda table: table.payloads)
AGGREGATE_FIELD: Mapping[str, str] = _View(lambda table: table.aggregate_field)


@dataclass(frozen=True)
class Event:
    """One immutable fact, as stored and as synced."""

    id: str
    kind: str
    station_id: str
    kiosk_id: str
    seq: int
    occurred_at: datetime
    actor: str | None
    payload: dict[str, Any]


def aggregate_of(kind: str, payload: Payload | dict[str, Any]) -> str:
    """The aggregate id an event belongs to."""
    return kind_table().aggregate_of(kind, payload)


def validate_payload(kind: str, payload: dict[str, Any]) -> Payload:
    """Check a payload against its kind's schema; unknown kinds and bad fields are refused."""
    return kind_table().validate(kind, payload)
