"""Certificate numbers stay unique when two kiosks of a station issue offline, then sync."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.core.clock import FixedClock
from kiosk.features.certificates.service import CertificateService, build_certificates
from kiosk.platform.store import eventlog
from kiosk.platform.store.models import EventRow
from kiosk.settings import Settings
from kiosk.shell.context import KioskServices, build_services
from tests.conftest import START


def _volunteer_with_hours(services: KioskServices, clock: FixedClock, phone: str) -> str:
    clock.set(START - timedelta(days=20))
    volunteer = services.roster.register("测试", f"T-{phone[-4:]}", phone, "1234")
    services.shifts.clock_with_pin(phone, "1234")
    clock.advance(timedelta(hours=3))
    services.shifts.clock_with_pin(phone, "1234")
    clock.set(START)
    return volunteer.id


def _sync(source: KioskServices, target: KioskServices) -> None:
    """What a pull delivers: the other kiosk's events, stored and folded."""
    with source.database.read() as session:
        rows = session.execute(select(*eventlog.EVENT_COLUMNS).order_by(EventRow.pos)).all()
        events = [eventlog.event_from_row(r) for r in rows]
    with target.database.write() as session:
        for event in events:
            eventlog.ingest(session, event)


def test_two_kiosks_issuing_offline_never_share_a_number(
    services: KioskServices, clock: FixedClock, tmp_path: Path
) -> None:
    other = build_services(Settings(data_dir=tmp_path / "second"), clock)  # its own kiosk id
    try:
        a_id = _volunteer_with_hours(services, clock, "13900000001")
        b_id = _volunteer_with_hours(other, clock, "13900000002")
        period = (date(2026, 10, 1), date(2026, 10, 31))
        a = [build_certificates(services).issue(a_id, *period)[0] for _ in range(2)]
        b = [build_certificates(other).issue(b_id, *period)[0] for _ in range(2)]
        numbers = [c.number for c in a + b]
        assert len(set(numbers)) == 4
        assert [n[-4:] for n in numbers] == ["0001", "0002", "0001", "0002"]

        _sync(other, services)  # B's certificates arrive at A
        here = build_certificates(services)
        assert {c.number for c in here.issued()} == set(numbers)
        assert here.issue(a_id, *period)[0].number.endswith("-0003")  # A's own sequence goes on
    finally:
        other.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(count=st.integers(min_value=1, max_value=6))
def test_every_issue_is_numbered_once_and_recorded(
    services: KioskServices, clock: FixedClock, count: int
) -> None:
    certificates: CertificateService = build_certificates(services)
    before = {c.number for c in certificates.issued(1000)}
    volunteer = next(iter(certificates.volunteers()), None)
    vid = volunteer[0] if volunteer else _volunteer_with_hours(services, clock, "13900000009")
    issued = [
        certificates.issue(vid, date(2026, 10, 1), date(2026, 10, 31))[0] for _ in range(count)
    ]
    after = {c.number for c in certificates.issued(1000)}
    assert after == before | {c.number for c in issued}
    assert len(after) == len(before) + count
    sequences = sorted(int(n[-4:]) for n in after)
    assert sequences == list(range(1, len(after) + 1))  # dense: none skipped, none reused
