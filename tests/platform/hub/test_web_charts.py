"""The centre's charts: drawn on the server from each page's aggregates, with their numbers
(人次 and hours by day and by station over real HTTP on SQLite and PostgreSQL; the layout rules
of web_charts on their own)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from kiosk.platform.hub.web_charts import MAX_STATION_BARS, day_columns, periods, station_rows
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import DAY, OTHER, RANGE, _uses, centre, signed_in

__all__ = ["centre"]  # the fixture, shared


def bar_list(html: str, chart: str) -> list[tuple[str, str]]:
    """(label, value) of the chart's bars, as the page carries them."""
    figure = html.split(f'id="chart-{chart}"')[1].split("</figure>")[0]
    return re.findall(r'<g class="bar" data-label="([^"]+)" data-value="([^"]+)"', figure)


def bars(html: str, chart: str) -> dict[str, str]:
    return dict(bar_list(html, chart))


def test_people_served_by_day_and_by_station(centre: Hub) -> None:
    _uses(centre)
    boss = signed_in(centre, "boss")
    page = boss.get("/centre/usage", params=RANGE)
    days = bars(page.text, "people-days")
    assert len(days) == 30  # every day of the range, quiet ones at 0
    assert (days["11-05"], days["11-20"], days["11-21"], days["11-01"]) == ("7", "3", "3", "0")
    stations = bar_list(page.text, "people-stations")  # both are called 北京西站 here
    assert [value for _, value in stations] == ["7", "6"]  # the largest first
    assert '<table class="chart-data" id="chart-people-days-data">' in page.text
    year = boss.get("/centre/usage", params={"from": "2026-01-01", "to": "2026-12-31"})
    months = bars(year.text, "people-days")
    assert len(months) == 12 and months["2026-11"] == "13" and months["2026-10"] == "4"
    english = boss.get("/centre/usage", params={**RANGE, "lang": "en"})
    assert "People served, by day" in english.text


def test_people_served_by_region_add_up_to_the_stations(centre: Hub) -> None:
    _uses(centre)
    boss = signed_in(centre, "boss")
    assert 'id="chart-people-regions"' not in boss.get("/centre/usage", params=RANGE).text

    def region(station: str, name: str) -> None:
        put = centre.client.put(
            f"/v1/admin/stations/{station}/region", json={"region": name}, headers=centre.admin
        )
        assert put.status_code == 200, put.text

    region(STATION, "北京市")
    page = boss.get("/centre/usage", params=RANGE)
    assert bars(page.text, "people-regions") == {"未分区": "7", "北京市": "6"}
    assert sorted(v for _, v in bar_list(page.text, "people-stations")) == ["6", "7"]
    region(OTHER, "北京市")
    page = boss.get("/centre/usage", params={**RANGE, "lang": "en"})
    assert bars(page.text, "people-regions") == {"北京市": "13"}  # 6 + 7
    assert "People served, by region" in page.text


def test_volunteer_hours_by_day(centre: Hub) -> None:
    kiosk = centre.enrol("k-h")
    shift = {"shift_id": "sh-1", "volunteer_id": "v-7", "method": "badge"}
    inn = kiosk.write(1, kind="shift.checked_in", payload=shift, occurred_at=DAY)
    out = kiosk.write(
        1, kind="shift.checked_out", payload=shift, occurred_at=DAY + timedelta(minutes=152)
    )
    assert kiosk.push(inn + out).status_code == 200
    page = signed_in(centre, "boss").get("/centre/hours", params=RANGE)
    days = bars(page.text, "hours-days")
    assert days["11-20"] == "2.5" and days["11-19"] == "0.0"  # 152 min credited as 150
    assert list(bars(page.text, "hours-stations").values()) == ["2.5"]
    assert 'id="chart-hours-regions"' not in page.text  # no station is in a region yet
    put = centre.client.put(
        f"/v1/admin/stations/{STATION}/region", json={"region": "北京市"}, headers=centre.admin
    )
    assert put.status_code == 200, put.text
    page = signed_in(centre, "boss").get("/centre/hours", params={**RANGE, "lang": "en"})
    assert bars(page.text, "hours-regions") == {"北京市": "2.5"}  # its stations' hours
    assert "Volunteer hours, by region" in page.text


def test_a_station_chart_draws_the_largest_and_counts_the_rest() -> None:
    points = [(f"站{i:02d}", float(i)) for i in range(1, 26)]
    chart = station_rows("s", "t", "u", points, rest_note="另有 {count} 个站点共 {value}")
    assert len(chart.bars) == MAX_STATION_BARS
    assert chart.bars[0].label == "站25" and chart.bars[-1].label == "站06"
    assert chart.note == "另有 5 个站点共 15"  # 1+2+3+4+5
    assert chart.bars[0].width > chart.bars[-1].width > 0


def test_a_trend_scales_to_a_round_top_and_thins_its_labels() -> None:
    points = [(f"d{i}", float(i)) for i in range(31)]
    chart = day_columns("d", "t", "u", points)
    assert [t for _, t in chart.ticks] == ["0", "25", "50"]  # peak 30 → top 50
    small = day_columns("d", "t", "u", [("a", 3.0)])
    assert [t for _, t in small.ticks] == ["0", "2.5", "5"]
    assert sum(b.show_label for b in chart.bars) <= 12
    assert chart.bars[0].height == 0 and chart.bars[30].height > chart.bars[15].height
    long = periods({date(2026, 3, 1): [2.0]}, date(2026, 1, 1), date(2026, 6, 30))
    assert [name for name, _ in long] == [f"2026-0{m}" for m in range(1, 7)]
    assert dict(long)["2026-03"] == [2.0]
