"""A spreadsheet of volunteers imported at the centre (/centre/volunteers/import): XLSX or CSV
with the columns 姓名/name and 手机号/phone, a preview listing every row and its problem before
anything is written, then the good rows added, each with a setup code shown once.

Decision: confirming adds the good rows and skips the others (the preview says which and
why); a row that became a duplicate meanwhile is skipped then too. Nothing is kept between the
preview and the confirmation on the hub: the good rows travel back in the confirming form and
are checked again. The upload is parsed with the standard library's MIME parser (no new
multipart dependency) and openpyxl (XLSX). A 队长/leader column is read and shown but not yet
applied (team leaders are kiosk accounts with their own PIN; see docs/hub.md).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response

from kiosk.core.clock import Clock
from kiosk.core.text import mask_phone, spreadsheet_safe
from kiosk.features.volunteers.hub_centre import (
    Issued,
    Refused,
    _actor,
    _station,
    _when,
    active_phones,
    clean_fields,
    register,
    station_states,
)
from kiosk.platform.hub.db import Database
from kiosk.platform.hub.vault import HubVault
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_events import lock_author
from kiosk.platform.hub.web_i18n import words as platform_words
from kiosk.platform.hub.web_render import PageError, read_form

router = APIRouter(prefix="/centre", tags=["centre dashboard"])
MAX_FILE = 1_000_000
MAX_ROWS = 1000
_NAME = {"姓名", "name", "名字"}
_PHONE = {"手机号", "phone", "手机", "电话", "手机号码", "mobile"}
_LEADER = {"队长", "leader", "team leader"}
_YES = {"是", "y", "yes", "1", "true", "队长", "√"}

WORDS: dict[str, tuple[str, str]] = {
    "imp_title": ("从表格导入志愿者", "Import volunteers from a spreadsheet"),
    "imp_lead": (
        "上传 XLSX 或 CSV 文件，第一行为表头：姓名、手机号（可选：队长）。先预览每一行的问题，"
        "确认后只添加没有问题的行，每人生成一个设置码。",
        "Upload an XLSX or CSV file whose first row names the columns: 姓名/name, 手机号/phone "
        "(optional: 队长/leader). Every row's problem is previewed first; confirming adds only "
        "the rows without one, each with a setup code.",
    ),
    "imp_file": ("表格文件（.xlsx 或 .csv）", "Spreadsheet (.xlsx or .csv)"),
    "imp_preview": ("预览", "Preview"),
    "imp_row": ("行", "Row"),
    "imp_leader": ("队长", "Leader"),
    "imp_problem": ("问题", "Problem"),
    "imp_ok": ("可添加", "Will be added"),
    "imp_summary": (
        "共 {total} 行：{good} 行可添加，{bad} 行有问题将跳过。尚未写入任何数据。",
        "{total} rows: {good} can be added, {bad} have a problem and will be skipped. Nothing "
        "is written yet.",
    ),
    "imp_confirm": ("确认添加 {good} 位志愿者", "Add {good} volunteers"),
    "imp_nothing": ("没有可添加的行，未写入任何数据", "No row can be added: nothing was written"),
    "imp_done": ("已添加 {n} 位志愿者", "{n} volunteers were added"),
    "imp_skipped": ("{n} 行因问题跳过", "{n} rows were skipped"),
    "imp_csv": ("下载设置码（CSV，仅此一次）", "Download the setup codes (CSV, this once only)"),
    "imp_leader_later": (
        "队长一列暂不生效：请在终端的志愿者管理中设置队长。",
        "The leader column is not applied yet: make team leaders in the kiosk's volunteer admin.",
    ),
    "imp_bad_file": (
        "无法读取该文件：请上传 .xlsx 或 .csv（UTF-8 或 GBK 编码）",
        "The file cannot be read: upload an .xlsx or .csv (UTF-8 or GBK)",
    ),
    "imp_no_file": ("请选择要上传的表格文件", "Choose the spreadsheet to upload"),
    "imp_too_large": (
        "文件过大（最多 1 MB、1000 行）",
        "The file is too large (1 MB, 1000 rows at most)",
    ),
    "imp_no_header": (
        "第一行须为表头，包含“姓名”和“手机号”两列",
        "The first row must name the columns, with 姓名/name and 手机号/phone",
    ),
    "imp_dup_file": ("与第 {row} 行手机号重复", "Same phone as row {row}"),
    "imp_empty": ("表格中没有数据行", "The spreadsheet has no rows"),
}


@dataclass(frozen=True)
class Row:
    """One row of the spreadsheet as previewed: its line, what it says, its problem (a word
    key, or "" when it can be added) and the problem's argument."""

    line: int
    name: str
    phone: str
    leader: bool
    problem: str = ""
    arg: str = ""


class BadFile(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _cell(value: Any) -> str:
    """A cell as text: a phone typed as a number (13912345678 or 13912345678.0) as its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_table(filename: str, data: bytes) -> list[list[str]]:
    """The sheet's rows as text (XLSX: the first sheet; CSV: UTF-8 with or without BOM, else
    GB18030, as Excel in Chinese saves it)."""
    if len(data) > MAX_FILE:
        raise BadFile("imp_too_large")
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook  # only when an XLSX comes

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = book.worksheets[0]
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            book.close()
        except Exception:  # a broken or foreign file: openpyxl raises many kinds
            raise BadFile("imp_bad_file") from None
        return rows
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BadFile("imp_bad_file")
    if "\x00" in text:
        raise BadFile("imp_bad_file")
    try:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    except csv.Error:
        raise BadFile("imp_bad_file") from None


def check_rows(table: list[list[str]], taken: set[str]) -> list[Row]:
    """Every data row with its problem: empty or long name, bad phone, a phone twice in the
    file, or one already active at the station (`taken`)."""
    if not table:
        raise BadFile("imp_empty")
    header = [c.strip().lower() for c in table[0]]
    find = {
        key: next((i for i, h in enumerate(header) if h in names), None)
        for key, names in (("name", _NAME), ("phone", _PHONE), ("leader", _LEADER))
    }
    if find["name"] is None or find["phone"] is None:
        raise BadFile("imp_no_header")
    body = [(i + 1, r) for i, r in enumerate(table) if i > 0 and any(c.strip() for c in r)]
    if not body:
        raise BadFile("imp_empty")
    if len(body) > MAX_ROWS:
        raise BadFile("imp_too_large")
    seen: dict[str, int] = {}
    rows = []
    for line, cells in body:

        def at(key: str, cells: list[str] = cells) -> str:
            index = find[key]
            return cells[index] if index is not None and index < len(cells) else ""

        name, phone = at("name"), at("phone").replace(" ", "").replace("-", "")
        leader = at("leader").strip().lower() in _YES
        try:
            name, phone = clean_fields(name, phone)
        except Refused as exc:
            rows.append(Row(line, name, phone, leader, exc.key))
            continue
        if phone in seen:
            rows.append(Row(line, name, phone, leader, "imp_dup_file", str(seen[phone])))
        elif phone in taken:
            rows.append(Row(line, name, phone, leader, "vol_dup_phone"))
        else:
            seen[phone] = line
            rows.append(Row(line, name, phone, leader))
    return rows


def preview(
    database: Database, vault: HubVault, station_id: str, table: list[list[str]]
) -> list[Row]:
    with database.read() as session:
        taken = active_phones(vault, session, station_states(session, station_id))
    return check_rows(table, taken)


def import_rows(
    database: Database,
    vault: HubVault,
    clock: Clock,
    station_id: str,
    wanted: list[tuple[str, str]],
    actor: str,
) -> tuple[list[Issued], int]:
    """Add the confirmed rows in one transaction, each checked again (a phone taken meanwhile
    is skipped); returns the setup codes and how many were skipped."""
    now = clock.now()
    issued: list[Issued] = []
    skipped = 0
    with database.write() as session:
        lock_author(session, station_id)
        states = station_states(session, station_id)
        taken = active_phones(vault, session, states)
        for name, phone in wanted[:MAX_ROWS]:
            try:
                name, phone = clean_fields(name, phone)
            except Refused:
                skipped += 1
                continue
            if phone in taken:
                skipped += 1
                continue
            taken.add(phone)
            issued.append(register(session, vault, station_id, states, name, phone, now, actor))
    return issued, skipped


# --- pages -------------------------------------------------------------------------------------


async def _upload(request: Request, lang: str) -> dict[str, tuple[str, bytes]]:
    """A multipart/form-data body of at most MAX_FILE (+ a margin) bytes: field → (filename,
    bytes), parsed with the standard library's MIME parser."""
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise PageError(400, platform_words(lang)["bad_input"], lang=lang)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FILE + 64_000:
            raise BadFile("imp_too_large")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    found: dict[str, tuple[str, bytes]] = {}
    if not message.is_multipart():
        return found
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in found:
            continue
        payload = part.get_payload(decode=True)
        found[name] = (part.get_filename() or "", payload if isinstance(payload, bytes) else b"")
    return found


def _page(view: CentreView, *, status: int = 200, **context: Any) -> Response:
    context.setdefault("error", "")
    context.setdefault("rows", None)
    return view.render(
        "centre_volunteer_import.html",
        "volunteers",
        status=status,
        title=view.words["imp_title"],
        this_station=_station(view),
        **context,
    )


def _problem(view: CentreView, row: Row) -> str:
    if not row.problem:
        return ""
    return view.words[row.problem].format(row=row.arg)


@router.get("/volunteers/import", response_class=HTMLResponse)
async def import_page(view: Centre) -> Response:
    """The upload form."""
    return _page(view)


@router.post("/volunteers/import", response_class=HTMLResponse)
async def import_preview(view: Centre) -> Response:
    """Every row of the uploaded sheet and its problem; nothing is written."""
    w = view.words
    try:
        fields = await _upload(view.request, view.lang)
        csrf = fields.get("csrf", ("", b""))[1].decode("utf-8", "replace")
        if not csrf_ok(view.who, csrf):
            raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
        filename, data = fields.get("file", ("", b""))
        if not data:
            raise BadFile("imp_no_file")
        table = read_table(filename, data)
        state = view.request.app.state
        rows = await run_in_threadpool(preview, state.database, state.vault, _station(view), table)
    except BadFile as exc:
        return _page(view, status=422, error=w[exc.key])
    good = [r for r in rows if not r.problem]
    shown = [
        {
            "line": r.line,
            "name": r.name,
            "phone": mask_phone(r.phone) if len(r.phone) == 11 else r.phone,
            "leader": r.leader,
            "problem": _problem(view, r),
        }
        for r in rows
    ]
    return _page(
        view,
        status=200 if good else 422,
        rows=shown,
        summary=w["imp_summary"].format(total=len(rows), good=len(good), bad=len(rows) - len(good)),
        confirm=w["imp_confirm"].format(good=len(good)),
        good=json.dumps([[r.name, r.phone] for r in good], ensure_ascii=False),
        good_count=len(good),
        any_leader=any(r.leader for r in rows),
    )


@router.post(
    "/volunteers/import/confirm",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "rows"),
)
async def import_confirm(view: Centre) -> Response:
    """Add the previewed good rows; their setup codes are shown (and offered as CSV) once."""
    w = view.words
    form = await read_form(view.request, 128_000, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    try:
        raw = json.loads(form.get("rows", ""))
        wanted = [(str(n), str(p)) for n, p in raw]
    except (ValueError, TypeError):
        raise PageError(400, w["bad_input"], lang=view.lang) from None
    state = view.request.app.state
    issued, skipped = await run_in_threadpool(
        import_rows, state.database, state.vault, state.clock, _station(view), wanted, _actor(view)
    )
    if not issued:
        return _page(view, status=422, error=w["imp_nothing"])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["编号 number", "姓名 name", "设置码 setup code", "有效至 valid until"])
    for one in issued:
        until = _when(view, one.expires_at)
        writer.writerow([spreadsheet_safe(one.number), spreadsheet_safe(one.name), one.code, until])
    return _page(
        view,
        issued=[{"i": i, "until": _when(view, i.expires_at)} for i in issued],
        done=w["imp_done"].format(n=len(issued)),
        skipped=w["imp_skipped"].format(n=skipped) if skipped else "",
        codes_csv="\ufeff" + out.getvalue(),
    )
