"""Services a feature registers instead of being wired by hand in the kiosk's services bundle.

A feature's `service` module may export `SERVICES`: factories that take the `ServiceContext`
(the database, the clock, the station's time zone and the settings) and return one service
object each. The composition root (`kiosk/shell/context.py`) builds them from the registry, and
a flow asks for one by its class: `services.get(MeetingService)`. So a new feature's service is
found without editing the bundle (docs/architecture.md, "Add a feature").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
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


ServiceFactory = Callable[[ServiceContext], object]


class FeatureServices:
    """The services the features registered, one per class."""

    def __init__(self, context: ServiceContext, factories: Iterable[ServiceFactory]) -> None:
        self._by_class: dict[type, object] = {}
        for factory in factories:
            service = factory(context)
            if type(service) in self._by_class:
                raise ValueError(f"{type(service).__name__} registered twice")
            self._by_class[type(service)] = service

    def get(self, kind: type[T]) -> T:
        """The registered service of class `kind` (KeyError names it when none was)."""
        try:
            service = self._by_class[kind]
        except KeyError:
            raise KeyError(f"no feature registered a {kind.__name__}") from None
        assert isinstance(service, kind)
        return service

    def __len__(self) -> int:
        return len(self._by_class)
