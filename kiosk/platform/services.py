"""Services a feature registers instead of being wired by hand in the kiosk's services bundle.

A feature's `service` module lists in `SERVICES` the service classes that are built from the
`ServiceContext` (the database, the clock, the station's time zone and the settings); a flow asks
for one by its class, `services.get(MeetingService)`, and gets the one instance of it, made on
first use. So a new feature's service is found without editing the bundle
(docs/architecture.md, "Add a feature"), and a kiosk starts without importing any feature's
service module to look for it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from kiosk.core.clock import Clock
from kiosk.platform.store.db import Database

T = TypeVar("T")


@dataclass(frozen=True)
class ServiceContext:
    """What a feature's service is built from."""

    database: Database
    clock: Clock
    timezone: ZoneInfo
    settings: Any  # kiosk.settings.Settings (the platform does not import it: it names features)


class FeatureServices:
    """The services features registered, one instance per class, each made on first use."""

    def __init__(self, context: ServiceContext) -> None:
        self.context = context
        self._by_class: dict[type, object] = {}

    def get(self, kind: type[T]) -> T:
        """The one `kind` over this kiosk's context; KeyError names it when its module's
        `SERVICES` does not list it (a class nobody registered)."""
        service = self._by_class.get(kind)
        if service is None:
            registered = getattr(sys.modules[kind.__module__], "SERVICES", ())
            if kind not in registered:
                raise KeyError(f"no feature registered a {kind.__name__}")
            service = self._by_class[kind] = kind(self.context)  # type: ignore[call-arg]
        assert isinstance(service, kind)
        return service

    def __len__(self) -> int:
        return len(self._by_class)
