"""Reading a timetable file the station's passenger-information system exported (CSV or XLSX).

The first row names the columns, in Chinese or English (车次/train, 终到站/to_zh,
终到站英文/to_en, 开点/departs, 运行日/days, 检票口/gate, 候车室/waiting_room, 站台/platform,
检票提前分钟/check_in_min); each further row is one train. The rows are checked with the
centre's own schema (`Timetable`), and a refusal names the row and the column as the file
shows them, so staff can fix the sheet.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, time
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticValidationError

from kiosk.core.errors import ValidationError
from kiosk.features.trains.config import MAX_TRAINS, Timetable

MAX_FILE_BYTES = 2 * 1024 * 1024  # a few hundred trains are a few tens of KB
SUFFIXES = (".csv", ".xlsx")

# Column headings accepted for each field, Chinese first (as the board names them).
HEADINGS: dict[str, tuple[str, ...]] = {
    "train": ("车次", "train", "train number"),
    "to_zh": ("终到站", "to_zh", "destination"),
    "to_en": ("终到站英文", "to_en", "destination (en)", "destination_en"),
    "departs": ("开点", "departs", "departure"),
    "days": ("运行日", "days"),
    "gate": ("检票口", "gate"),
    "waiting_room": ("候车室", "waiting_room", "waiting room"),
    "platform": ("站台", "platform"),
    "check_in_min": ("检票提前分钟", "check_in_min", "check-in minutes"),
}
_BY_HEADING = {h.lower(): field for field, names in HEADINGS.items() for h in names}

NOT_READABLE = ValidationError(
    "无法读取该文件：请选择 CSV（UTF-8）或 XLSX 格式的时刻表",
    "Cannot read this file: choose a timetable in CSV (UTF-8) or XLSX",
)
TOO_BIG = ValidationError("文件过大（最大 2 MB）", "The file is too large (2 MB at most)")
NO_ROWS = ValidationError("文件中没有车次", "The file lists no train")


def _missing(columns: list[str]) -> ValidationError:
    zh = "、".join(HEADINGS[c][0] for c in columns)
    en = ", ".join(HEADINGS[c][1] for c in columns)
    return ValidationError(f"文件缺少列：{zh}", f"The file lacks the columns: {en}")


def _cell(value: Any) -> Any:
    """A cell as the schema reads it: times as HH:MM, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _days(text: str) -> list[int]:
    """ "1-5", "1,3,5", "每日"/"daily"/"" (every day)."""
    text = text.replace("，", ",").replace("、", ",").replace(" ", "")
    if text in ("", "每日", "daily"):
        return []
    days: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        try:
            start, end = int(first), int(last or first)
        except ValueError:
            return [0]  # the schema refuses it, naming the column
        days.extend(range(start, end + 1))
    return days


def _rows(path: Path) -> list[list[Any]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise TOO_BIG
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook  # only when a sheet is imported

            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                return [list(r) for r in sheet.iter_rows(values_only=True)]
            finally:
                book.close()
        text = path.read_bytes().decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    except ValidationError:
        raise
    except Exception as exc:  # a broken zip, a GBK file, a vanished stick: all one answer
        raise NOT_READABLE from exc


def read_timetable(path: Path) -> Timetable:
    """The file's trains, or a refusal naming the first bad row and column."""
    rows = [r for r in _rows(path) if any(_cell(c) for c in r)]
    if not rows:
        raise NO_ROWS
    fields = [_BY_HEADING.get(_cell(c).lower(), "") for c in rows[0]]
    missing = [f for f in ("train", "to_zh", "to_en", "departs") if f not in fields]
    if missing:
        raise _missing(missing)
    body = rows[1:]
    if not body:
        raise NO_ROWS
    if len(body) > MAX_TRAINS:
        raise ValidationError(
            f"文件最多 {MAX_TRAINS} 个车次", f"The file lists at most {MAX_TRAINS} trains"
        )
    trains: list[dict[str, Any]] = []
    for row in body:
        entry: dict[str, Any] = {}
        for field, value in zip(fields, row, strict=False):
            if not field:
                continue
            text = _cell(value)
            if field == "days":
                entry[field] = _days(text)
            elif field == "check_in_min":
                if text:
                    entry[field] = int(text) if text.isdigit() else text
            elif field == "train":
                entry[field] = text.upper()
            else:
                entry[field] = text
        trains.append(entry)
    try:
        return Timetable.model_validate({"trains": trains})
    except PydanticValidationError as exc:
        raise _refusal(exc) from None


def _refusal(exc: PydanticValidationError) -> ValidationError:
    error = exc.errors()[0]
    loc = error["loc"]
    detail = error.get("ctx", {}).get("error") or error["msg"]
    if len(loc) >= 3 and isinstance(loc[1], int):
        row, field = loc[1] + 2, str(loc[2])  # +2: the heading row, and rows count from 1
        zh_name = HEADINGS.get(field, (field,))[0]
        return ValidationError(
            f"第 {row} 行「{zh_name}」不正确：{detail}", f"Row {row}, {field}: {detail}"
        )
    return ValidationError(f"时刻表不正确：{detail}", f"The timetable is not valid: {detail}")
