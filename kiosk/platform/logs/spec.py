"""What a log tab is, as a feature declares it in its `logs.py` (`LOGS`): its columns, its
query and filters, and how a row becomes the cells the table and the exports show.

Qt-free: the cells are made in the service layer in the language asked for, so an export written
off the GUI thread holds exactly what the table showed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kiosk.core import words
from kiosk.core.text import mask_phone
from kiosk.platform.logs.query import LogQuery, parse_stored

Pair = tuple[str, str]  # (zh, en)
Names = Mapping[str, Pair]  # an id (service, item, volunteer) -> its name in both languages
REVIEW_LOGS = "review_logs"  # the permission most logs need (the admin feature's Permission)


@dataclass(frozen=True)
class LogColumn:
    """One column; `kind` tells a workbook export how to type its cells (the table and CSV
    show text either way): TEXT, NUMBER (a count) or TIME (a local time as `Cells.time`
    writes it), so a spreadsheet can sum 人次 and sort by date."""

    key: str
    zh: str
    en: str
    kind: str = "text"


TEXT = "text"
NUMBER = "number"
TIME = "time"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # how `Cells.time` writes a time, and exports read it back


@dataclass(frozen=True)
class Choice:
    """One entry of a filter list: its value and its label in both languages."""

    value: str
    zh: str
    en: str


def choices_of(table: Names, group: str = "", prefix: Pair = ("", "")) -> list[Choice]:
    """A table of coded values as filter choices; with a `group`, as `group:value` entries whose
    labels start with the group's name ("类别 · 行李搬运")."""
    if not group:
        return [Choice(k, zh, en) for k, (zh, en) in table.items()]
    return [
        Choice(f"{group}:{k}", f"{prefix[0]} · {zh}", f"{prefix[1]} · {en}")
        for k, (zh, en) in table.items()
    ]


class Search(StrEnum):
    """What a log's search box looks for."""

    NONE = "none"
    VOLUNTEERS = "volunteers"  # a volunteer's name or number (and the log's text columns)
    ACCOUNTS = "accounts"  # an admin account's name or id
    TEXT = "text"  # the log's text columns only


LEADER_ACCOUNT_PREFIX = "tl-"  # a team leader's account id: this and their volunteer id


@dataclass(frozen=True)
class Cells:
    """What making one row's cells needs: the language (`pick` 0 zh, 1 en), whether phones show
    unmasked, the names the log asked for, the station's zone and now, and the names the
    centre gave the station's kiosks."""

    pick: int
    unmasked: bool
    names: Names
    timezone: ZoneInfo
    now: datetime
    kiosks: Mapping[str, str] = field(default_factory=dict)
    # Opens a sealed personal value in the page's session (None: erased); docs/privacy.md.
    opener: Callable[[str], dict[str, Any] | None] = field(default=lambda _sealed: None)

    def personal(self, sealed: str | None, clear: str | None, name: str) -> str:
        """A personal field of a row: from its sealed value (已删除 / Erased once the key is
        gone), else the clear text an older event held."""
        if not sealed:
            return clear or ""
        fields = self.opener(sealed)
        if fields is None:
            return words.PERSONAL_DATA["erased"][self.pick]
        return str(fields.get(name) or "")

    def personal_phone(self, sealed: str | None, clear: str | None) -> str:
        """A row's phone, masked unless asked, from its sealed value when it has one."""
        if not sealed:
            return self.phone(clear)
        fields = self.opener(sealed)
        if fields is None:
            return words.PERSONAL_DATA["erased"][self.pick]
        return self.phone(fields.get("phone"))

    @property
    def language(self) -> str:
        return "zh" if self.pick == 0 else "en"

    def time(self, value: str | None) -> str:
        """A stored UTC time as the station's local time."""
        moment = parse_stored(value)
        return "" if moment is None else moment.astimezone(self.timezone).strftime(TIME_FORMAT)

    def phone(self, value: str | None) -> str:
        return (value or "") if self.unmasked else mask_phone(value or "")

    def name(self, key: str) -> str:
        """An id's name (a volunteer, an item) in the language; the id itself when unknown."""
        found = self.names.get(key)
        return found[self.pick] if found else key

    def account(self, actor: str | None, account_name: str | None, roles: words.Words) -> str:
        """Who did an admin action. A team leader by the roster's name: their account and its
        events carry only their volunteer number (docs/privacy.md), so an erased leader's name
        goes with the roster's; another account by its name; a role's account by the role."""
        actor = actor or ""
        if actor.startswith(LEADER_ACCOUNT_PREFIX):
            found = self.names.get(actor.removeprefix(LEADER_ACCOUNT_PREFIX))
            if found:
                return found[self.pick]
        if account_name and account_name != actor:
            return account_name
        return words.pick(roles, actor, self.pick)

    def both(self, pair: Pair) -> str:
        return pair[self.pick]

    def kiosk(self, kiosk_id: str | None) -> str:
        """A kiosk as a cell: the name the centre gave it ("北出口"), else its short code."""
        return self.kiosks.get(kiosk_id or "") or short_kiosk(kiosk_id)


def short_kiosk(kiosk_id: str | None) -> str:
    """A kiosk id short enough for a cell: its last six characters (UUIDv7 starts with time)."""
    return "" if not kiosk_id else kiosk_id[-6:]


def no_choices(session: Session, names: Names) -> list[Choice]:
    return []


@dataclass(frozen=True)
class LogSpec:
    """One log tab. `position` orders the tabs across features; `names` asks the host for a
    table of names ("services", "lending", "medicine": what the catalogue and items call an id);
    `people` adds the volunteers' names to it; `choices` reads the filter list (with the names);
    `cells` turns one row of `query` into the table's cells."""

    key: str
    position: int
    title: Pair
    columns: tuple[LogColumn, ...]
    query: LogQuery
    cells: Callable[[Cells, Sequence[Any]], tuple[str, ...]]
    choices: Callable[[Session, Names], list[Choice]] = no_choices
    names: str | None = None
    people: bool = False
    requires: str = REVIEW_LOGS
    search: Search = Search.NONE
    tickets: bool = False  # a whole ticket number in the search box is matched exactly
