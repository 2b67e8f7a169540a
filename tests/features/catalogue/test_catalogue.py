"""The service catalogue: bundled default, a catalogue published by the hub, and QR links."""

from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any

import pytest

from kiosk.features.catalogue.service.catalogue import (
    load_catalogue,
    parse_catalogue,
)
from kiosk.platform.store.models import ConfigItemRow
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services


def publish(services: KioskServices, body: Any, scope: str = "*", raw: str | None = None) -> None:
    """What a pull stores for a catalogue the hub published."""
    with services.database.write() as session:
        session.merge(
            ConfigItemRow(
                kind="catalogue",
                scope=scope,
                version=1,
                published_at=services.clock.now(),
                body=raw if raw is not None else json.dumps(body, ensure_ascii=False),
            )
        )


def entry(service_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": service_id,
        "name_zh": f"服务{service_id}",
        "name_en": f"Service {service_id}",
        "icon": "info",
        "description_zh": "说明",
        "description_en": "About it",
        "where_zh": "北出站口",
        "where_en": "North exit",
        "hours": "全天 24 h",
        **extra,
    }


def test_bundled_catalogue_is_ordered_and_complete() -> None:
    items = load_catalogue()
    assert len(items) == 18
    assert [i.order for i in items] == sorted(i.order for i in items)
    assert {i.id for i in items if i.one_tap} == {"water", "rest", "microwave", "books"}
    assert next(i for i in items if i.id == "umbrella").season == "rain"


def test_qr_link_defaults_to_the_hubs_page_or_none_without_a_hub() -> None:
    water = next(i for i in load_catalogue() if i.id == "water")
    assert water.qr_target(None, "fz-north") == ""  # no dead https://hub.invalid link
    assert (
        water.qr_target("https://hub.example:8700/", "fz") == "https://hub.example:8700/s/fz/water"
    )
    own = parse_catalogue(
        {"services": [entry("a", qr_url="https://mp.example/{station}?s={service}")]}, "t"
    )
    assert own[0].qr_target("https://hub.example", "fz") == "https://mp.example/fz?s=a"
    assert own[0].qr_target(None, "fz") == "https://mp.example/fz?s=a"  # needs no hub


def test_services_use_the_settings_hub_for_links(kiosk_settings: Settings, clock: Any) -> None:
    settings = dataclasses.replace(kiosk_settings, hub_url="https://hub.example")
    services = build_services(settings, clock)
    try:
        item = services.catalogue[0]
        assert services.service_link(item) == f"https://hub.example/s/demo-station/{item.id}"
    finally:
        services.close()


def test_published_catalogue_overrides_the_default(services: KioskServices) -> None:
    publish(
        services,
        {"services": [entry("b", order=2), entry("a", order=1), entry("c", enabled=False)]},
    )
    assert services.refresh_config() is True
    assert [i.id for i in services.catalogue] == ["a", "b"]
    assert services.refresh_config() is False  # nothing new
    services.uses.record("a", "driver", 2)
    with pytest.raises(Exception, match="No such service"):
        services.uses.record("water", "driver", 2)  # gone with the default catalogue


def test_station_scope_beats_global(services: KioskServices) -> None:
    publish(services, {"services": [entry("everywhere")]})
    publish(services, {"services": [entry("here")]}, scope=services.settings.station_id)
    services.refresh_config()
    assert [i.id for i in services.catalogue] == ["here"]


BAD_ENTRIES: list[Any] = [
    "not an object",
    {"id": "x"},
    entry("bad id with spaces"),
    entry("long", name_zh="长" * 500),
    entry("season", season="monsoon"),
    entry("link", qr_url="javascript:alert(1)"),
    entry("link2", qr_url="https://x.example/{secret}"),
    entry("count", order="first"),
]


def test_bad_entries_are_skipped_with_a_log_line(
    services: KioskServices, caplog: pytest.LogCaptureFixture
) -> None:
    publish(services, {"services": [*BAD_ENTRIES, entry("good"), entry("good")]})
    with caplog.at_level(logging.WARNING, logger="kiosk.features.catalogue.service.catalogue"):
        services.refresh_config()
    assert [i.id for i in services.catalogue] == ["good"]
    assert len([r for r in caplog.records if "ignored" in r.getMessage()]) == len(BAD_ENTRIES) + 1


@pytest.mark.parametrize(
    "raw",
    [
        "{not json",
        "[]",
        "null",
        json.dumps({"services": "many"}),
        json.dumps({"services": []}),
        json.dumps({"services": [{"id": 1}]}),
    ],
)
def test_an_unusable_publication_keeps_the_default(services: KioskServices, raw: str) -> None:
    default = list(services.catalogue)
    publish(services, None, raw=raw)
    assert services.refresh_config() is False
    assert services.catalogue == default


def test_bundled_catalogue_passes_the_published_schema_and_reads_the_same() -> None:
    """The bundled file is read without pydantic at start; it must still meet the schema."""
    import json

    from kiosk.resources import resource_path

    data = json.loads(resource_path("catalogue.json").read_text(encoding="utf-8"))
    assert parse_catalogue(data, "bundled") == load_catalogue()
    assert len(load_catalogue()) == len(data["services"])  # no entry dropped by the check
