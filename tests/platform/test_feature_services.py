"""Services a feature registers (`SERVICES` in its service module) are made once, on first use,
over the kiosk's database, and found by class: a new feature needs no line in the bundle."""

from __future__ import annotations

import pytest

from kiosk.platform.services import ServiceContext
from kiosk.shell.context import KioskServices

made: list[ServiceContext] = []


class Counter:
    def __init__(self, context: ServiceContext) -> None:
        made.append(context)
        self.context = context


class Unlisted:
    def __init__(self, context: ServiceContext) -> None:
        self.context = context


SERVICES = (Counter,)  # as a feature's service module lists them


def test_a_registered_service_is_made_once_over_the_kiosks_database(
    services: KioskServices,
) -> None:
    made.clear()
    assert len(services.registered) == 0  # nothing is made at start

    first = services.get(Counter)

    assert services.get(Counter) is first
    assert first.context.database is services.database
    assert first.context.clock is services.clock
    assert len(made) == 1


def test_asking_for_a_class_its_module_does_not_register_names_it(
    services: KioskServices,
) -> None:
    with pytest.raises(KeyError, match="no feature registered a Unlisted"):
        services.get(Unlisted)
