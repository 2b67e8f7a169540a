"""A publish form for a list of entries (lending items, medicine items, charging slots): one
row per entry with the fields a person understands, blank rows to add entries, a tick to
remove one. Shared by the features whose configuration is such a list, so each declares only
its fields (`EntryList`) and the bundled list it starts from.

What the form does not show (an item's icon, its tile) is kept from the entry in force, as
the catalogue's form keeps icons. The body it makes is then checked by the kind's own schema,
the one kiosks read with, so a refusal names the field as it does for JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from zoneinfo import ZoneInfo

from kiosk.platform.hub.part import PublishForm

TEMPLATE = "_entries_fields.html"


@dataclass(frozen=True)
class EntryField:
    """One column: the entry's key, its heading (zh, en), how it is typed."""

    name: str
    label: tuple[str, str]
    kind: Literal["text", "int", "choice"] = "text"
    size: int = 40  # the longest the kiosks' schema accepts
    choices: tuple[tuple[str, str, str], ...] = ()  # (value, zh, en) of a "choice"


@dataclass(frozen=True)
class EntryList:
    """The entries of one configuration kind as a table."""

    key: str  # the body's list ("items", "slots")
    fields: tuple[EntryField, ...]
    max_rows: int
    blank_rows: int = 3
    hint: tuple[str, str] = ("", "")
    id_label: tuple[str, str] = ("编号", "ID")
    id_size: int = 32
    extra: tuple[str, ...] = field(default=())  # body keys kept as they are (e.g. per-kiosk sets)

    def publish_form(self, start: Callable[[], Mapping[str, Any]]) -> PublishForm:
        return PublishForm(TEMPLATE, self.to_body, start, spec=self)

    def rows(self, current: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
        """The entries in force, as the table's rows."""
        entries = (current or {}).get(self.key)
        return [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []

    def table(
        self, current: Mapping[str, Any] | None, form: Mapping[str, str]
    ) -> list[dict[str, Any]]:
        """The rows the template shows: as typed after a refusal, else the entries in force;
        then blank rows to add entries."""
        rows: list[dict[str, Any]] = []
        if "e-0-id" in form:  # sent back with a problem: everything as it was typed
            for index in range(self.max_rows + self.blank_rows):
                prefix = f"e-{index}-"
                if prefix + "id" not in form:
                    break
                rows.append(
                    {
                        "was": form.get(prefix + "was", ""),
                        "id": form[prefix + "id"],
                        "values": {f.name: form.get(prefix + f.name, "") for f in self.fields},
                        "remove": bool(form.get(prefix + "remove")),
                    }
                )
            return rows
        for entry in self.rows(current)[: self.max_rows]:
            rows.append(
                {
                    "was": str(entry.get("id", "")),
                    "id": str(entry.get("id", "")),
                    "values": {f.name: str(entry.get(f.name, "")) for f in self.fields},
                    "remove": False,
                }
            )
        blank = {"was": "", "id": "", "values": {f.name: "" for f in self.fields}, "remove": False}
        return rows + [dict(blank) for _ in range(self.blank_rows)]

    def to_body(
        self, fields: Mapping[str, str], current: Mapping[str, Any] | None, _tz: ZoneInfo
    ) -> dict[str, Any]:
        """The body the form says: each kept row over the entry it edits, then the new ones;
        a row's bad number or unknown choice raises ValueError naming the field."""
        by_id = {str(e.get("id")): e for e in self.rows(current)}
        out: list[dict[str, Any]] = []
        for index in range(self.max_rows + self.blank_rows):
            prefix = f"e-{index}-"
            if prefix + "id" not in fields:
                break
            entry_id = fields[prefix + "id"].strip()
            typed = {f.name: fields.get(prefix + f.name, "").strip() for f in self.fields}
            if fields.get(prefix + "remove") or (not entry_id and not any(typed.values())):
                continue  # removed, or a blank row left blank
            was = by_id.get(fields.get(prefix + "was", ""), {})
            entry: dict[str, Any] = {**was, "id": entry_id}
            for spec in self.fields:
                entry[spec.name] = self._value(spec, typed[spec.name], f"{self.key}.{len(out)}")
            out.append(entry)
        body = {k: v for k, v in (current or {}).items() if k != self.key}
        if out or self.key in (current or {}) or not any(k in body for k in self.extra):
            body[self.key] = out
        return body

    @staticmethod
    def _value(spec: EntryField, text: str, where: str) -> Any:
        if spec.kind == "int":
            try:
                return int(text)
            except ValueError:
                raise ValueError(f"{where}.{spec.name} must be a whole number") from None
        if spec.kind == "choice" and text not in {value for value, _zh, _en in spec.choices}:
            raise ValueError(f"{where}.{spec.name} must be one of the choices")
        return " ".join(text.split())
