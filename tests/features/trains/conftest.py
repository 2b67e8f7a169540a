"""Two kiosks of one station on a real hub (the sync tests' fixtures), and timetables."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.platform.store.db import Database
from kiosk.platform.store.models import ConfigItemRow
from tests.platform.sync.conftest import (  # noqa: F401
    hub,
    hub_backend,
    make_kiosk,
    sync_pg_cluster,
)

# A small station's morning (Asia/Shanghai); START in tests/conftest.py is 08:30 local, Monday.
TIMETABLE: dict[str, Any] = {
    "trains": [
        {
            "train": "G1234",
            "to_zh": "北京南",
            "to_en": "Beijing South",
            "departs": "08:45",
            "gate": "A12",
            "waiting_room": "第一候车室",
            "platform": "3",
            "check_in_min": 20,
        },
        {
            "train": "D56",
            "to_zh": "厦门北",
            "to_en": "Xiamen North",
            "departs": "09:30",
            "gate": "B3",
            "waiting_room": "第二候车室",
            "platform": "5",
        },
        {
            "train": "K1",
            "to_zh": "昆明",
            "to_en": "Kunming",
            "departs": "10:10",
            "days": [2, 3, 4, 5, 6, 7],  # not on Mondays
            "gate": "7",
            "waiting_room": "第二候车室",
            "platform": "1",
        },
        {
            "train": "G1236",
            "to_zh": "上海虹桥",
            "to_en": "Shanghai Hongqiao",
            "departs": "11:05",
            "gate": "A9",
            "waiting_room": "第一候车室",
            "platform": "4",
        },
        {
            "train": "T110",
            "to_zh": "福州",
            "to_en": "Fuzhou",
            "departs": "07:50",  # left before 08:30
            "gate": "2",
            "waiting_room": "第一候车室",
            "platform": "2",
        },
    ]
}


def publish_locally(
    database: Database, body: dict[str, Any], at: datetime, scope: str = "*"
) -> None:
    """What a pull stores when the centre publishes a timetable (for tests without a hub)."""
    with database.write() as session:
        session.execute(
            sqlite_insert(ConfigItemRow)
            .values(
                kind="timetable",
                scope=scope,
                version=1,
                published_at=at,
                body=json.dumps(body, ensure_ascii=False),
            )
            .on_conflict_do_update(
                index_elements=["kind", "scope"],
                set_={"body": json.dumps(body, ensure_ascii=False), "published_at": at},
            )
        )
