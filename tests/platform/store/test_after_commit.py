"""The after-commit hook: a committed write reports the tables it changed; a read, a rolled-back
write and an unsubscribed listener report nothing."""

from __future__ import annotations

import pytest

from kiosk.core.errors import ValidationError
from kiosk.platform.store.db import Changes
from kiosk.shell.context import KioskServices


def test_a_committed_write_reports_what_it_changed(services: KioskServices) -> None:
    seen: list[Changes] = []
    stop = services.database.after_commit(seen.append)

    services.emergency.raise_alert("候车大厅", "Waiting hall")
    with services.database.read():
        pass
    with pytest.raises(ValidationError), services.database.write():
        raise ValidationError("不", "No")  # rolled back: nothing to report
    stop()
    services.emergency.raise_alert("北出口", "North exit")

    assert len(seen) == 1
    assert {"events", "outbox", "emergencies"} <= seen[0].inserted
