"""One word per coded value (`kiosk.core.words`): every value of every enum a person sees has
exactly one (zh, en) pair, no table names a value that does not exist, and the kiosk's page, the
traveller's phone page and the centre show the same words for a wheelchair request."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import httpx
import pytest
from pytestqt.qtbot import QtBot

import kiosk.features
from kiosk.core import tickets, words
from kiosk.features.activities.domain import ActivityKind, SignInMethod
from kiosk.features.admin.domain import Action, AmendReason, Role
from kiosk.features.charging.domain import CloseReason
from kiosk.features.handover.domain import DifferenceReason
from kiosk.features.incidents.domain import FirstAid, Outcome, Place, VoidReason, What
from kiosk.features.lending.domain import LoanStatus, WriteOffReason
from kiosk.features.lists.domain import NeedSource, NeedState, ProjectStatus, ResourceKind
from kiosk.features.medicine.domain import AedLight, DiscardReason, DispenseReason
from kiosk.features.privacy.domain import EraseReason
from kiosk.features.requests.domain import CompletionNote, Escalation, RequestStatus, WishStatus
from kiosk.features.rota.domain import DutyState, SwapState
from kiosk.features.training.domain import ExpiryState, TrainingKind, TrainingVoidReason
from kiosk.features.trains.domain import TrainMark, TrainStatus
from kiosk.features.uses.domain import Audience
from kiosk.features.volunteers.domain.serials import BadgeStatus, RevokeReason
from kiosk.hub_app import create_app
from kiosk.platform.hub.settings import HubSettings
from tests.platform.hub.conftest import ADMIN_TOKEN, STATION, Hub, serve

# Each shown enum and its table. A new enum in a domain must be added here or to NOT_SHOWN.
LABELLED: dict[type[StrEnum], words.Words] = {
    tickets.RequestCategory: words.REQUEST_CATEGORIES,
    tickets.WishCategory: words.WISH_CATEGORIES,
    tickets.Channel: words.CHANNELS,
    Action: words.ACTIONS,
    RequestStatus: words.REQUEST_STATUSES,
    WishStatus: words.WISH_STATUSES,
    CompletionNote: words.COMPLETION_NOTES,
    Escalation: words.ESCALATIONS,
    Audience: words.AUDIENCES,
    AmendReason: words.AMEND_REASONS,
    Role: words.ROLES,
    CloseReason: words.CHARGING_CLOSE_REASONS,
    LoanStatus: words.LOAN_STATUSES,
    WriteOffReason: words.WRITE_OFF_REASONS,
    Place: words.PLACES,
    What: words.WHAT_HAPPENED,
    FirstAid: words.FIRST_AID,
    Outcome: words.INCIDENT_OUTCOMES,
    VoidReason: words.VOID_REASONS,
    DispenseReason: words.DISPENSE_REASONS,
    DiscardReason: words.DISCARD_REASONS,
    AedLight: words.AED_LIGHTS,
    RevokeReason: words.BADGE_REVOKE_REASONS,
    TrainingKind: words.TRAINING_KINDS,
    TrainingVoidReason: words.TRAINING_VOID_REASONS,
    ExpiryState: words.TRAINING_EXPIRY,
    ActivityKind: words.ACTIVITY_KINDS,
    SignInMethod: words.SIGN_IN_METHODS,
    DifferenceReason: words.HANDOVER_REASONS,
    TrainStatus: words.TRAIN_STATUSES,
    TrainMark: words.TRAIN_MARKS,
    EraseReason: words.ERASE_REASONS,
    DutyState: words.DUTY_STATES,
    SwapState: words.SWAP_STATES,
    ResourceKind: words.RESOURCE_KINDS,
    ProjectStatus: words.PROJECT_STATUSES,
    NeedState: words.NEED_STATES,
    NeedSource: words.NEED_SOURCES,
}
# Coded values without an enum (a pattern or a fold's states), and their tables.
PATTERNED: dict[str, tuple[set[str], words.Words]] = {
    "ratings": ({"good", "ok", "bad"}, words.RATINGS),
    "shift statuses": ({"open", "closed", "auto_closed", "cancelled"}, words.SHIFT_STATUSES),
    "charging statuses": ({"open", "collected", "closed"}, words.CHARGING_STATUSES),
    # A serial's folded state, plus "expired", which the clock decides at a scan.
    "badge statuses": ({*BadgeStatus, "expired"}, words.BADGE_STATUSES),
    "badge events": ({"issued", "revoked"}, words.BADGE_EVENTS),
    "medicine moves": ({"restocked", "dispensed", "discarded"}, words.MEDICINE_MOVES),
    # What a personal field shows once its key is destroyed (docs/privacy.md).
    "personal data": ({"erased"}, words.PERSONAL_DATA),
    "weekdays": ({str(d) for d in range(7)}, words.WEEKDAYS),
    # A new kiosk's live pass, then its history (sync_store.history_pending).
    "history states": ({"live", "history"}, words.HISTORY_STATES),
}
# Enums never shown as a word: permissions, internal states, codes and switches whose screens
# say them in a sentence of their own (page chrome, in Qt's .ts).
NOT_SHOWN = {
    "CountKind",  # a handover line's box or shelf: the page names the item instead
    "Permission",  # what a role may do, never listed
    "ScanAction",
    "Method",
    "Rounding",
    "Band",
    "AlertKind",
    "SlotKind",
    "BorrowMethod",
    "Target",
    "AckBy",
    "Level",
    "BadgeStatus",  # labelled with "expired" (decided at a scan) in PATTERNED
}


def _domain_enums() -> Iterator[type[StrEnum]]:
    """Every StrEnum declared in a feature's domain (module or package) and in core.tickets."""
    modules = [tickets]
    for info in pkgutil.iter_modules(kiosk.features.__path__):
        name = f"kiosk.features.{info.name}.domain"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        modules.append(module)
        if hasattr(module, "__path__"):
            modules += [
                importlib.import_module(f"{name}.{sub.name}")
                for sub in pkgutil.iter_modules(module.__path__)
            ]
    for module in modules:
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, StrEnum) and value.__module__ == module.__name__:
                yield value


def test_every_domain_enum_is_labelled_or_said_not_to_be() -> None:
    found = {e.__name__: e for e in _domain_enums()}
    unknown = set(found) - {e.__name__ for e in LABELLED} - NOT_SHOWN
    assert not unknown, f"label these in kiosk.core.words (or list them in NOT_SHOWN): {unknown}"
    assert set(LABELLED) <= set(found.values())


@pytest.mark.parametrize("enum", list(LABELLED), ids=lambda e: e.__name__)
def test_each_value_has_exactly_one_pair_and_no_orphans(enum: type[StrEnum]) -> None:
    table = LABELLED[enum]
    assert set(table) == {v.value for v in enum}  # no missing value, no orphan label
    assert all(zh.strip() and en.strip() for zh, en in table.values())


@pytest.mark.parametrize("name", list(PATTERNED))
def test_coded_values_without_an_enum_are_labelled_too(name: str) -> None:
    values, table = PATTERNED[name]
    assert set(table) == values


@pytest.mark.parametrize("name", list(words.TABLES))
def test_no_two_values_of_one_table_share_a_word(name: str) -> None:
    table = words.TABLES[name]
    for language in (0, 1):
        said = [pair[language] for pair in table.values()]
        assert len(said) == len(set(said)), f"{name}: one word for two values"


def test_every_table_is_listed_and_used_by_the_checks() -> None:
    checked = {id(t) for t in LABELLED.values()} | {id(t) for _, t in PATTERNED.values()}
    assert {id(t) for t in words.TABLES.values()} == checked


def test_label_shows_an_unknown_value_as_itself() -> None:
    assert words.label(words.REQUEST_CATEGORIES, "wheelchair", "en") == "Wheelchair or escort"
    assert words.label(words.REQUEST_CATEGORIES, "teleport", "zh") == "teleport"
    assert words.label(words.REQUEST_CATEGORIES, None, "zh") == ""


# --- the same word on the kiosk, the phone and the centre -------------------------------------


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[Hub]:
    settings = HubSettings(
        data_dir=tmp_path / "hub",
        database_url=f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        admin_token=ADMIN_TOKEN,
        pool_size=5,
    )
    app = create_app(settings)
    with serve(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        h = Hub(client, app)
        h.create_station()
        yield h


def _kiosk_tile_texts(qtbot: QtBot, language: str) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    from kiosk.features.requests.ui.order import RequestCategoryPage
    from kiosk.platform.ui.i18n import LanguageSwitch
    from kiosk.platform.ui.theme import Theme

    page = RequestCategoryPage(LanguageSwitch(language), Theme())
    qtbot.add_widget(page)
    return "\n".join(
        w.text() for w in page.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)
    )


@pytest.mark.parametrize("language", ["zh", "en"])
def test_kiosk_phone_and_centre_call_the_wheelchair_request_alike(
    qtbot: QtBot, hub: Hub, language: str
) -> None:
    word = words.label(words.REQUEST_CATEGORIES, "wheelchair", language)
    assert _kiosk_tile_texts(qtbot, language).count(word) == 1

    phone_form = hub.client.get(f"/s/{STATION}/water/help", params={"lang": language})
    assert word in phone_form.text
    ordered = hub.client.post(
        f"/s/{STATION}/water/help", data={"category": "wheelchair"}, params={"lang": language}
    )
    assert ordered.status_code == 303, ordered.text
    ticket_page = hub.client.get(ordered.headers["location"])
    assert word in ticket_page.text
    assert words.label(words.REQUEST_STATUSES, "ordered", language) in ticket_page.text

    hub.app.state.account_service.create("boss", "correct horse battery", "centre", [])
    with httpx.Client(base_url=str(hub.client.base_url), timeout=30) as centre:
        form = centre.get("/centre/login")
        csrf = form.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        signed = centre.post(
            "/centre/login",
            data={"csrf": csrf, "username": "boss", "password": "correct horse battery"},
        )
        assert signed.status_code == 303
        tickets_page = centre.get("/centre/tickets", params={"lang": language})
    assert tickets_page.status_code == 200
    assert word in tickets_page.text
    assert words.label(words.REQUEST_STATUSES, "ordered", language) in tickets_page.text
