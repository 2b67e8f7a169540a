"""Services a feature registers (`SERVICES` in its service module) are built once over the
kiosk's database and found by class, so a new feature needs no line in the services bundle."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.platform.services import FeatureServices, ServiceContext
from kiosk.shell.context import KioskServices


@dataclass
class Counter:
    context: ServiceContext


@dataclass
class Other:
    name: str


def test_each_factory_is_built_once_over_the_kiosks_context(services: KioskServices) -> None:
    context = services.registered_context
    built: list[ServiceContext] = []

    def counter(c: ServiceContext) -> Counter:
        built.append(c)
        return Counter(c)

    registered = FeatureServices(context, [counter, lambda c: Other("x")])

    assert registered.get(Counter).context.database is services.database
    assert registered.get(Other).name == "x"
    assert len(built) == 1 and len(registered) == 2


def test_a_class_registered_twice_is_refused(services: KioskServices) -> None:
    with pytest.raises(ValueError, match="Other registered twice"):
        FeatureServices(services.registered_context, [lambda c: Other("a"), lambda c: Other("b")])


def test_asking_for_a_service_nobody_registered_names_it(services: KioskServices) -> None:
    with pytest.raises(KeyError, match="no feature registered a Counter"):
        services.get(Counter)
