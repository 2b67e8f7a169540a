"""Personal data at rest on a kiosk: a traveller's phone and words never reach the SQLite file
(database nor WAL) in clear; after the retention date, or an erasure, they are gone while every
event row stays byte-identical; folds keep counting."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from kiosk.core.clock import FixedClock
from kiosk.core.errors import NotFound, ValidationError
from kiosk.features.privacy.service import PrivacyService
from kiosk.features.wishes.service import lookup
from kiosk.platform.store.models import EventRow, SubjectKeyRow
from kiosk.shell.context import KioskServices
from kiosk.shell.demo import seed_demo

PHONE = "13987654321"
WORDS = "我的行李太重需要帮忙"
WISH = "希望驿站晚上多开一小时"


def raw_bytes(services: KioskServices) -> bytes:
    """Everything SQLite holds on disk for this kiosk: the database file and its WAL."""
    path = Path(str(services.database.engine.url.database))
    found = b""
    for candidate in (path, path.with_name(path.name + "-wal")):
        if candidate.exists():
            found += candidate.read_bytes()
    return found


def event_rows(services: KioskServices) -> list[tuple[object, ...]]:
    with services.database.read() as session:
        rows = session.execute(text("SELECT * FROM events ORDER BY pos")).all()
    return [tuple(r) for r in rows]


@pytest.fixture
def demo(services: KioskServices) -> KioskServices:
    seed_demo(services)
    return services


def test_phone_and_words_never_reach_the_file_in_clear(demo: KioskServices) -> None:
    request = demo.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    wish = demo.wishes.submit("rest", WISH, PHONE, consent=True)
    # What the screens show: masked phone, the words, the wish's text.
    assert request.masked_phone == "139****4321" and request.text == WORDS
    assert demo.wishes.get(wish.id).text == WISH and demo.wishes.get(wish.id).has_phone
    assert lookup(demo.requests, demo.database, request.ticket).text == WORDS  # type: ignore[union-attr]
    raw = raw_bytes(demo)
    for secret in (PHONE, WORDS, WISH):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw
    # The payload holds one sealed value and the consent, no phone or text in clear.
    with demo.database.read() as session:
        payload = session.scalar(select(EventRow.payload).where(EventRow.kind == "request.ordered"))
    assert payload is not None and '"sealed":"pii1.' in payload and '"consent":1' in payload
    assert '"phone":null' in payload and '"text":""' in payload


def test_a_phone_without_consent_is_refused_and_nothing_written(demo: KioskServices) -> None:
    before = event_rows(demo)
    with pytest.raises(ValidationError) as refused:
        demo.requests.order("luggage", phone=PHONE)
    assert "同意" in refused.value.zh and "Agree" in refused.value.en
    with pytest.raises(ValidationError):
        demo.wishes.submit("rest", WISH, PHONE)
    assert event_rows(demo) == before


def test_retention_erases_after_the_date_and_keeps_the_events(
    demo: KioskServices, clock: FixedClock
) -> None:
    volunteer = demo.shifts.on_duty()[0].volunteer.id
    done = demo.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    still_open = demo.requests.order("directions", phone="13811112222", consent=True)
    demo.requests.accept(done.id, volunteer)
    clock.advance(timedelta(minutes=3))
    demo.requests.complete(done.id, volunteer, "helped")
    wish = demo.wishes.submit("rest", WISH)
    demo.wishes.set_status(wish.id, "answered", "admin", "谢谢")
    privacy = demo.registered.get(PrivacyService)
    before = event_rows(demo)

    clock.advance(timedelta(days=179))
    assert privacy.sweep() == 0  # not yet: 180 days after the close
    assert demo.requests.get(done.id).masked_phone == "139****4321"

    clock.advance(timedelta(days=1, minutes=1))
    assert privacy.sweep() == 2  # the completed request and the answered wish
    gone = demo.requests.get(done.id)
    assert gone.erased and gone.masked_phone is None and gone.text == "已删除 / Erased"
    assert gone.response_s is not None and gone.completion_s == 180  # the fold is unaffected
    assert demo.wishes.get(wish.id).text == "已删除 / Erased"
    assert demo.requests.get(still_open.id).masked_phone == "138****2222"  # open: kept
    assert event_rows(demo) == before  # nothing rewritten
    with demo.database.read() as session:
        held = set(session.scalars(select(SubjectKeyRow.subject)))
    volunteers = {v.id for v in demo.roster.all()}  # their phones' keys: kept (no retention)
    assert held - volunteers == {still_open.id}


def test_erasure_on_request_is_an_event_without_personal_data(demo: KioskServices) -> None:
    request = demo.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    before = event_rows(demo)
    privacy = demo.registered.get(PrivacyService)
    privacy.erase(request.id, "admin")
    after = event_rows(demo)
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert demo.requests.get(request.id).erased
    with pytest.raises(NotFound):
        privacy.erase(request.id, "admin")  # nothing left to erase: nothing written
    assert len(event_rows(demo)) == len(after)


def test_a_copied_database_without_the_key_file_reads_nothing(
    demo: KioskServices, tmp_path: Path
) -> None:
    request = demo.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    key_file = Path(str(demo.database.engine.url.database)).parent / "keys" / "personal_data.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    # The same database read with another master key (a stolen copy): shown as erased.
    key_file.unlink()
    demo.database.vault._master = None
    assert demo.requests.get(request.id).erased


def test_a_borrowers_phone_is_sealed_found_on_return_and_erased_after(
    demo: KioskServices, clock: FixedClock
) -> None:
    lending = demo.lending
    lending.add_stock("umbrella", 3)
    with pytest.raises(ValidationError):  # no tap to agree: refused, nothing lent
        lending.borrow_with_phone("umbrella", PHONE)
    back = lending.borrow_with_phone("umbrella", PHONE, consent=True)
    out = lending.borrow_with_phone("umbrella", "13811112222", consent=True)
    assert back.loan.masked_phone == "139****4321"
    assert PHONE.encode() not in raw_bytes(demo) and b"13811112222" not in raw_bytes(demo)
    clock.advance(timedelta(hours=2))
    returned = lending.return_by_phone("umbrella", PHONE)  # found by opening the sealed phones
    assert returned is not None
    before = event_rows(demo)
    clock.advance(timedelta(days=181))
    assert demo.registered.get(PrivacyService).sweep() == 1  # the returned loan only
    with demo.database.read() as session:
        held = set(session.scalars(select(SubjectKeyRow.subject)))
    assert back.loan.loan_id not in held and out.loan.loan_id in held
    (still_out,) = lending.open_loans()
    assert still_out.masked_phone == "138****2222"
    assert event_rows(demo) == before


def test_the_raw_event_log_tab_shows_a_lock_not_the_ciphertext(demo: KioskServices) -> None:
    from kiosk.features.admin.logs import _details

    demo.requests.order("luggage", phone=PHONE, text=WORDS, consent=True)
    with demo.database.read() as session:
        payload = session.scalars(
            select(EventRow.payload).where(EventRow.kind == "request.ordered")
        ).one()
    shown = _details(payload, unmasked=True)
    assert "sealed=🔒" in shown and "pii1." not in shown and PHONE not in shown
