"""The hub part of `training`: volunteers' certificates on the centre (/centre/training), so
the alliance sees which stations' first-aiders are about to lapse before the kiosks' own
admins do.

A certificate is a state over all time, not a range: the page reads the read model of the
records (`hub_records`, a row per record kept by the kiosks' own fold in the push transaction),
500 lines a page (one OFFSET-bounded SQL read), names only that page's volunteers, and counts
every line in SQL; the CSV streams every line from the table, named a chunk at a time. By
default it lists what needs attention (expired, or expiring within WARN_DAYS); `?show=all`
lists every record that is not void. Per station it counts who is first-aid trained with a
valid certificate."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.features.training import hub_records as records
from kiosk.features.training.domain import (
    WARN_DAYS,
    ExpiryState,
    TrainingKind,
    expiry_state,
)
from kiosk.features.volunteers.hub import Member, named_in_chunks, roster_names
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.part import CentreTab, HubPart
from kiosk.platform.hub.web_centre import Centre, PageQuery, csv_stream
from kiosk.platform.hub.web_reports import Paging

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

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
    database: Database, stations: list[str] | None, today: date, show: Show, number: int
) -> tuple[list[StationTraining], Paging]:
    """Page `number` of the lines to show at `stations` (None: every station), grouped by
    station (a station split across pages shows on both, its first-aider count on each), and
    the paging over every line (a SQL count). From the read model (`hub_records`): one page
    of rows, ordered by station, expiry, then the volunteer's number (a clear column of the
    roster: names are sealed, and opening a province's to sort them cost seconds); `named`
    names the page."""
    attention = show == "attention"
    with database.read() as session:
        counts = records.line_counts(session, stations, today, attention)
        paging = Paging(number, sum(n for _, n in counts))
        rows = records.page_rows(
            session, stations, today, attention, counts, paging.offset, paging.size
        )
        aiders = records.first_aiders(session, sorted({r[0] for r in rows}), today)
    grouped: dict[str, list[CertificateLine]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(_line(row, today))
    return [StationTraining(s, aiders.get(s, 0), lines) for s, lines in grouped.items()], paging


def _line(row: records.Row, today: date) -> CertificateLine:
    station, volunteer, number, kind, trained_on, trainer, certificate_no, expires = row
    expires_on = None if expires is None else date.fromisoformat(expires)
    return CertificateLine(
        station_id=station,
        volunteer_id=volunteer,
        volunteer=Member(volunteer, number),
        kind=kind,
        trained_on=date.fromisoformat(trained_on),
        trainer=trainer,
        certificate_no=certificate_no,
        expires_on=expires_on,
        state=expiry_state(expires_on, today),
        days_left=None if expires_on is None else (expires_on - today).days,
    )


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


def _csv_lines(
    database: Database, stations: list[str] | None, today: date, show: Show
) -> Iterator[CertificateLine]:
    """Every line in the page's order, read from the read model a chunk at a time."""
    with database.read() as session:
        for chunk in records.all_rows(session, stations, today, show == "attention"):
            yield from (_line(row, today) for row in chunk)


def _csv_rows(
    database: Database, lines: Iterator[CertificateLine], station_names: dict[str, str]
) -> Iterator[tuple[str, ...]]:
    """Every line, named a chunk at a time while the CSV streams."""
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
    w = view.words
    if view.request.query_params.get("format") == "csv":
        lines = _csv_lines(state.database, view.scope_filter, today, show)
        rows = _csv_rows(state.database, lines, dict(view.all_stations))
        return csv_stream(f"training-{today}", CSV_HEADER, rows)
    stations, paging = await run_in_threadpool(
        certificates, state.database, view.scope_filter, today, show, page
    )
    shown = await run_in_threadpool(named, state.database, stations)
    total = paging.rows
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
    read_models=(records.TRAINING_RECORDS,),
)
