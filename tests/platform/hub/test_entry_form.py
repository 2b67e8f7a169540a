"""The shared entries form: rows kept, edited, removed and added; what it does not show kept."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from kiosk.features.charging.hub import CHARGING_FORM
from kiosk.features.lending.hub import LENDING_FORM

TZ = ZoneInfo("Asia/Shanghai")
CURRENT = {
    "version": 1,
    "items": [
        {"id": "umbrella", "name_zh": "伞", "name_en": "umbrella", "plural_en": "umbrellas",
         "measure_zh": "把", "icon": "umbrella", "due_days": 3},
        {"id": "book", "name_zh": "书", "name_en": "book", "plural_en": "books",
         "measure_zh": "本", "icon": "book", "due_days": 7},
    ],
}  # fmt: skip


def row(index: int, was: str, entry_id: str, **values: str) -> dict[str, str]:
    fields = {f"e-{index}-was": was, f"e-{index}-id": entry_id}
    for name in ("name_zh", "name_en", "plural_en", "measure_zh", "due_days"):
        fields[f"e-{index}-{name}"] = values.get(name, "")
    return fields


def test_rows_edited_removed_added_and_blank_rows_ignored() -> None:
    fields = {
        **row(0, "umbrella", "umbrella", name_zh=" 雨 伞 ", name_en="umbrella",
              plural_en="umbrellas", measure_zh="把", due_days="2"),
        **row(1, "book", "book", name_zh="书", name_en="book", plural_en="books",
              measure_zh="本", due_days="7"),
        "e-1-remove": "1",
        **row(2, "", "cane", name_zh="拐杖", name_en="cane", plural_en="canes",
              measure_zh="根", due_days="1"),
        **row(3, "", ""),
    }  # fmt: skip
    body = LENDING_FORM.to_body(fields, CURRENT, TZ)
    assert body["version"] == 1
    assert [i["id"] for i in body["items"]] == ["umbrella", "cane"]
    umbrella, cane = body["items"]
    assert umbrella["name_zh"] == "雨 伞" and umbrella["due_days"] == 2
    assert umbrella["icon"] == "umbrella"  # not on the form: kept
    assert "icon" not in cane  # the schema's default applies


def test_a_bad_number_names_the_row_and_field() -> None:
    fields = row(0, "umbrella", "umbrella", name_zh="伞", due_days="two")
    with pytest.raises(ValueError, match=r"items\.0\.due_days must be a whole number"):
        LENDING_FORM.to_body(fields, CURRENT, TZ)


def test_per_kiosk_slot_sets_are_kept_and_no_station_set_is_made_up() -> None:
    per_kiosk = {"kiosks": {"k1": {"slots": [{"id": "1", "number": 1, "label_zh": "1",
                                              "label_en": "1"}]}}}  # fmt: skip
    blank = {"e-0-was": "", "e-0-id": "", "e-0-number": "", "e-0-kind": "",
             "e-0-label_zh": "", "e-0-label_en": ""}  # fmt: skip
    assert CHARGING_FORM.to_body(blank, per_kiosk, TZ) == per_kiosk
    assert CHARGING_FORM.to_body(blank, {}, TZ) == {"slots": []}  # the schema then refuses it
