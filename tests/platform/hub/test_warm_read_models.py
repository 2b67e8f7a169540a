"""`kiosk-hub warm-read-models` (#15): right after an upgrade or a rebuild empties the alerts
page's held trend, the command counts every station's 30 days as a view would, so the first
view counts nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from kiosk import hub_cli as cli
from kiosk.features.medicine.hub import next_warm_in
from kiosk.features.medicine.hub.alert_days import count_days, items_key
from kiosk.features.medicine.hub.boxes import boxes, items_by_station
from kiosk.platform.hub import read_models
from kiosk.platform.hub.models import StockAlertDay
from kiosk.platform.hub.web_alerts import TREND_DAYS
from tests.platform.hub.conftest import Hub
from tests.platform.hub.test_web_alerts import OTHER, QUIET
from tests.platform.hub.test_web_alerts_held import _south_box, held_hub  # noqa: F401


def _rows(hub: Hub) -> dict[tuple[str, str], tuple[int | None, str]]:
    with hub.app.state.database.read() as session:
        rows = session.execute(
            select(
                StockAlertDay.station_id,
                StockAlertDay.day,
                StockAlertDay.alerts,
                StockAlertDay.items_key,
            )
        )
        return {(s, d): (n, k) for s, d, n, k in rows}


def test_warm_read_models_holds_every_stations_trend_before_any_view(
    held_hub: Hub,  # noqa: F811
    monkeypatch: Any,
    capsys: Any,
    database_url: str,
) -> None:
    _south_box(held_hub)
    app = held_hub.app
    read_models.rebuild(app.state.database, app.state.settings)  # as after an upgrade
    assert _rows(held_hub) == {}

    monkeypatch.setenv("HUB_DATABASE_URL", database_url)
    monkeypatch.setenv("HUB_DATA_DIR", str(app.state.settings.data_dir))
    assert cli.main(["warm-read-models"]) == 0
    assert "warmed (kiosk.features.medicine.hub.warm_trend)" in capsys.readouterr().out

    # The command's clock is the machine's: its today is the trend's last day.
    today = datetime.now(app.state.tz).date()
    first = today - timedelta(days=TREND_DAYS - 1)
    held = _rows(held_hub)
    with app.state.database.read() as session:
        found = boxes(session, [OTHER, QUIET], first)
        items = items_by_station(session, [OTHER, QUIET])
    counts, _lines = count_days(found[OTHER], items[OTHER], first, today)
    key = items_key(items[OTHER])
    assert {d: held[(OTHER, d.isoformat())] for d in counts} == {
        d: (n, key) for d, n in counts.items()
    }
    assert {s for s, _ in held} == {OTHER, QUIET}  # the quiet station: no box, held as such

    # A view of the same days counts nothing more: every row was there.
    with app.state.database.read() as session:
        before = session.scalar(select(func.count()).select_from(StockAlertDay))
    trend = app.state.alerts.history([OTHER, QUIET], first, today)
    with app.state.database.read() as session:
        after = session.scalar(select(func.count()).select_from(StockAlertDay))
    assert before == after == 2 * TREND_DAYS
    assert trend.by_station.get(OTHER) == sum(n or 0 for n in counts.values())


def test_the_trend_is_warmed_hourly_and_just_after_the_stations_midnight() -> None:
    """The hourly loop's next wait: an hour, or a minute past the stations' midnight if that
    comes first (so a day's first view finds its new column counted)."""
    tz = ZoneInfo("Asia/Shanghai")
    utc = ZoneInfo("UTC")
    assert next_warm_in(datetime(2026, 11, 20, 10, 0, tzinfo=tz), tz) == 3600
    assert next_warm_in(datetime(2026, 11, 20, 23, 30, tzinfo=tz), tz) == 31 * 60
    assert next_warm_in(datetime(2026, 11, 20, 0, 0, 30, tzinfo=tz), tz) == 3600
    # The same instant given in UTC (15:30 UTC is 23:30 in Beijing).
    assert next_warm_in(datetime(2026, 11, 20, 15, 30, tzinfo=utc), tz) == 31 * 60
