"""The hub part of `training`: volunteers' certificates on the centre (/centre/training), so
the alliance sees which stations' first-aiders are about to lapse before the kiosks' own
admins do.

A certificate is a state over all time, not a range, so the page folds each station's
`training.*` events with the kiosks' own fold and expiry rule (a station keeps a few dozen
records); the table shows 500 lines a page (OFFSET over the folded, sorted lines: a small
aggregate) and names only that page's volunteers; the counts and the CSV (named a chunk at a
time as it streams) cover every line. By default it lists what needs
attention (expired, or expiring within WARN_DAYS); `?show=all` lists every record that is
not void. Per station it counts who is first-aid trained with a valid certificate."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.events import Event
from kiosk.features.training.domain import (
    FIRST_AID_KINDS,
    WARN_DAYS,
    ExpiryState,
    TrainingKind,
    TrainingState,
    expiry_state,
    fold_training,
)
from kiosk.features.volunteers.hub import Member, named_in_chunks, roster_names, roster_numbers
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.hub_events import station_event_rows, to_domain
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_centre import Centre, PageQuery, csv_stream
from kiosk.platform.hub.web_reports import Paging

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
Show = Literal["attention", "all"]


@dataclass(frozen=True)
class CertificateLine:
    """One training record as the centre lists it; `volunteer` is named only once the line is
    on the page shown (or in the CSV's chunk): until then it holds the number, no name."""

    station_id: str
    volunteer_id: str
    volunteer: Member
    kind: str
    trained_on: date
    trainer: str
    certificate_no: str
    expires_on: date | None
    state: ExpiryState
    days_left: int | None  # days from today to the last valid day; None: no expiry


@dataclass(frozen=True)
class StationTraining:
    """A station's records shown, and how many of its volunteers are first-aid trained now."""

    station_id: str
    first_aiders: int
    lines: list[CertificateLine]


def certificates(
    database: Database, stations: list[str], today: date, show: Show
) -> tuple[list[StationTraining], int]:
    """Per station (in order): its lines to show, newest expiry first, and its valid first
    aiders; plus how many lines there are in all (every one: the page shows a slice). Lines
    sort by expiry, then the volunteer's number (a clear column of the roster): names are
    sealed, and opening a province's to sort them cost seconds; `named` names a slice."""
    with database.read() as session:
        rows = station_event_rows(session, "training.", stations, _EPOCH)  # plain rows: ~2× faster
        by_record: dict[str, list[Event]] = defaultdict(list)
        for row in rows:
            by_record[str(row.payload.get("training_id"))].append(to_domain(row))
        folded = [fold_training(events) for events in by_record.values()]
        records = [r for r in folded if r is not None and not r.voided]
        numbers = roster_numbers(session, sorted({r.station_id for r in records}))
    grouped: dict[str, list[TrainingState]] = defaultdict(list)
    for record in records:
        grouped[record.station_id].append(record)
    result: list[StationTraining] = []
    total = 0
    for station in sorted(grouped):
        mine = grouped[station]
        aiders = {
            r.volunteer_id
            for r in mine
            if r.kind in FIRST_AID_KINDS and expiry_state(r.expires_on, today) != "expired"
        }
        lines = []
        for r in mine:
            state = expiry_state(r.expires_on, today)
            if show == "attention" and state == ExpiryState.VALID:
                continue
            number = numbers.get((station, r.volunteer_id), "")
            line = CertificateLine(
                station_id=station,
                volunteer_id=r.volunteer_id,
                volunteer=Member(r.volunteer_id, number),
                kind=r.kind,
                trained_on=r.trained_on,
                trainer=r.trainer,
                certificate_no=r.certificate_no,
                expires_on=r.expires_on,
                state=state,
                days_left=None if r.expires_on is None else (r.expires_on - today).days,
            )
            lines.append(line)
        lines.sort(
            key=lambda x: (
                x.expires_on or date.max,
                x.volunteer.number,
                x.volunteer_id,
                x.certificate_no,
            )
        )
        total += len(lines)
        if lines or show == "all":
            result.append(StationTraining(station, len(aiders), lines))
    return result, total


def _person(line: CertificateLine) -> list[tuple[str, str]]:
    return [(line.station_id, line.volunteer_id)]


def _with_name(line: CertificateLine, names: dict[str, Member]) -> CertificateLine:
    """The line with its volunteer's name (their id where the roster has no registration)."""
    found = names.get(line.volunteer_id)
    if found is None:
        return line
    return replace(line, volunteer=Member(found.name, found.number or line.volunteer.number))


def named(database: Database, stations: list[StationTraining]) -> list[StationTraining]:
    """The stations' lines (a page's slice) with their volunteers' names, opened at once."""
    shown = [s for s in stations if s.lines]
    with database.read() as session:
        names = roster_names(
            session, [s.station_id for s in shown], {x.volunteer_id for s in shown for x in s.lines}
        )
    return [
        StationTraining(s.station_id, s.first_aiders, [_with_name(x, names) for x in s.lines])
        for s in stations
    ]


def page_slice(stations: list[StationTraining], paging: Paging) -> list[StationTraining]:
    """The stations' lines that fall on the page (a station split across pages shows on
    both, its first-aider count on each); stations with no lines show on the last page."""
    out: list[StationTraining] = []
    start, end = paging.offset, paging.offset + paging.size
    at = 0
    last_page = paging.shown == paging.pages
    for s in stations:
        mine = s.lines[max(0, start - at) : max(0, end - at)]
        if mine or (not s.lines and last_page):
            out.append(StationTraining(s.station_id, s.first_aiders, mine))
        at += len(s.lines)
    return out


CSV_HEADER = [
    "station",
    "station_name",
    "volunteer",
    "number",
    "kind",
    "trained_on",
    "trainer",
    "certificate_no",
    "expires_on",
    "state",
]


def _csv_rows(
    database: Database, stations: list[StationTraining], station_names: dict[str, str]
) -> Iterator[tuple[str, ...]]:
    """Every line, named a chunk at a time while the CSV streams."""
    lines = (line for s in stations for line in s.lines)
    for line, names in named_in_chunks(database, lines, _person):
        shown = _with_name(line, names)
        yield (
            shown.station_id,
            station_names.get(shown.station_id, ""),
            shown.volunteer.name,
            shown.volunteer.number,
            shown.kind,
            shown.trained_on.isoformat(),
            shown.trainer,
            shown.certificate_no,
            "" if shown.expires_on is None else shown.expires_on.isoformat(),
            shown.state.value,
        )


@router.get("/training", response_class=HTMLResponse)
async def training_page(
    view: Centre, show: Annotated[Show, Query()] = "attention", page: PageQuery = 1
) -> Response:
    """Certificates expired or expiring within 30 days (or all), per station, with names: the
    table a page at a time (only its people named), the counts and the CSV over every record."""
    state = view.request.app.state
    today = view.now().astimezone(state.tz).date()
    stations, total = await run_in_threadpool(certificates, state.database, view.scope, today, show)
    w = view.words
    if view.request.query_params.get("format") == "csv":
        rows = _csv_rows(state.database, stations, dict(view.all_stations))
        return csv_stream(f"training-{today}", CSV_HEADER, rows)
    paging = Paging(page, total)
    shown = await run_in_threadpool(named, state.database, page_slice(stations, paging))
    return view.render(
        "centre_training.html",
        "training",
        stations=shown,
        total=total,
        pager=view.pager(paging),
        show=show,
        today=today,
        warn_days=WARN_DAYS,
        csv_url=view.csv_url(),
        kind_words={k.value: w[f"tr_kind_{k.value}"] for k in TrainingKind},
    )


# Its words on the centre's pages (`HubPart.words`).
WORDS: dict[str, tuple[str, str]] = {
    "training": ("培训证书", "Training"),
    "tr_kind": ("培训", "Training"),
    "tr_kind_first_aid": ("急救 / AED", "First aid / AED"),
    "tr_kind_cpr": ("心肺复苏", "CPR"),
    "tr_kind_epidemic": ("防疫", "Epidemic prevention"),
    "tr_kind_induction": ("岗前培训", "Induction"),
    "tr_trained_on": ("培训日期", "Trained on"),
    "tr_trainer": ("培训人", "Trainer"),
    "tr_certificate": ("证书编号", "Certificate"),
    "tr_expires": ("有效期至", "Expires"),
    "tr_state_valid": ("有效", "Valid"),
    "tr_state_expiring": ("{n} 天后到期", "Expires in {n} days"),
    "tr_state_expired": ("已过期", "Expired"),
    "tr_no_expiry": ("长期有效", "No expiry"),
    "tr_show": ("显示", "Show"),
    "tr_show_attention": (
        "需关注（已过期或 30 天内到期）",
        "Needs attention (expired or within 30 days)",
    ),
    "tr_show_all": ("全部记录", "All records"),
    "tr_first_aiders": ("持有效急救证书 {n} 人", "First-aid trained: {n}"),
}

HUB_PART = HubPart(
    routers=(router,),
    templates="kiosk.features.training",
    words=WORDS,
    centre_tabs=(CentreTab("training", "/centre/training", rank=27),),
)
