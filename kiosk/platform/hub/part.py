"""What a feature contributes to the hub: its `hub.py` exports `HUB_PART`, a `HubPart`.

The platform hub iterates the parts it is given (by `kiosk.hub_app`, from the registry) and
names no feature: a part brings its routes, the services its routes read from `app.state`, and
the configuration kinds it checks before they are published.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, FastAPI

from kiosk.platform.hub.db import Database
from kiosk.platform.hub.live import LiveRule
from kiosk.platform.hub.read_models import ReadModel
from kiosk.platform.hub.settings import HubSettings
from kiosk.platform.hub.web_alerts import AlertSource


@dataclass(frozen=True)
class PublishForm:
    """Fields a person understands for one configuration kind, instead of its JSON, on the
    centre's publish page. `template` (in the part's templates folder) renders the fields from
    `current` (the body in force for the chosen station: its own, else the one for every
    station, else `start()`) and `form` (what was typed);
    `to_body(fields, current, tz)` makes the body to preview and publish, raising ValueError
    that names the field (then the kind's schema checks the body as usual)."""

    template: str
    to_body: Callable[[Mapping[str, str], Mapping[str, Any] | None, ZoneInfo], dict[str, Any]]
    # What the form starts from where nothing is published (e.g. the bundled catalogue).
    start: Callable[[], Mapping[str, Any]] | None = None
    # What the template is given as `spec` (an `entry_form.EntryList`'s columns, say).
    spec: Any = None


@dataclass(frozen=True)
class ConfigCheck:
    """How the hub checks a configuration kind before publishing it.

    `read` is the kind's schema as kiosks read it (e.g. a pydantic model's `model_validate`):
    it raises ValueError (pydantic's ValidationError is one) naming the problem. `name_zh` names
    the kind in the refusal's `reason_zh`; `form`, if any, is how the centre fills it in."""

    read: Callable[[Any], object]
    name_zh: str
    form: PublishForm | None = None


@dataclass(frozen=True)
class StationPanel:
    """A section under each station's kiosks on the centre's stations page: `template` (in the
    part's templates folder) renders `panel_rows` (those of the station `id`), as
    `rows(database, stations, now, settings)` finds them."""

    template: str
    rows: Callable[[Database, list[str], datetime, HubSettings], list[dict[str, Any]]]


@dataclass(frozen=True)
class CentreTab:
    """A tab of the centre's navigation: its page at `href`, named by the page word `key`
    (also the `active` name its page renders with); tabs are shown by `rank`."""

    key: str
    href: str
    rank: int


@dataclass(frozen=True)
class Notice:
    """What the station's webhooks say of one urgent event (docs/emergency.md), both languages.
    Never a traveller's phone number or free text: a robot's group is not the place for them."""

    title_zh: str
    title_en: str
    text_zh: str
    text_en: str


# payload, when it happened (aware), the stations' zone → the notice, or None: not worth one
# (e.g. a request whose train leaves tomorrow).
Noticer = Callable[[Mapping[str, Any], datetime, ZoneInfo], Notice | None]


@dataclass(frozen=True)
class HubPart:
    """One feature's part of the hub."""

    routers: tuple[APIRouter, ...] = ()
    # Publishable configuration kinds (ConfigKind values) and how each is checked.
    configs: Mapping[str, ConfigCheck] = field(default_factory=dict)
    # Called once the platform's services are on `app.state` (settings, database, clock,
    # admin_service…): puts the part's own services there and does its start-up work.
    start: Callable[[FastAPI], None] | None = None
    # Its lines on the centre's alerts page, and its sections on the stations page.
    alerts: AlertSource | None = None
    station_panels: tuple[StationPanel, ...] = ()
    # The package whose `templates/` folder holds the part's pages (e.g. "kiosk.features.uses"):
    # they extend the platform's base.html / centre_base.html and share one namespace.
    templates: str | None = None
    # Its page words in 中文 and English (key → (zh, en)), shared with every template, and its
    # tabs in the centre's navigation.
    words: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    centre_tabs: tuple[CentreTab, ...] = ()
    # The event kinds the station's webhooks are called for, and what they say of each.
    notices: Mapping[str, Noticer] = field(default_factory=dict)
    # Its read models of the centre's reports, kept with the events (read_models.py).
    read_models: tuple[ReadModel, ...] = ()
    # What of its family a new kiosk can be ready without (closed history; live.py).
    live_rules: tuple[LiveRule, ...] = ()
    # What its pages hold lazily (e.g. the alerts page's trend), filled for every station now:
    # `kiosk-hub warm-read-models`, right after an upgrade or a rebuild empties it.
    warm: Callable[[Database, datetime, HubSettings], None] | None = None
