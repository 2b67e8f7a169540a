"""The certificates feature's store: its tables, their projector (by kind family), reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.core.events import Event
from kiosk.platform.store.models import Base, UTCDateTime
from kiosk.platform.store.projections import Projector, upsert


class CertificateRow(Base):
    """Projection: one issued volunteer-hours certificate (志愿服务记录证明), as it was issued.

    Name, number and hours are copied from the event, so the record says what the paper says
    even if the roster changes later. `number` is unique across kiosks because it carries the
    issuing kiosk's code and that kiosk's own sequence (see services/certificates.py).
    """

    __tablename__ = "certificates"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    volunteer_id: Mapped[str] = mapped_column(String(64))
    volunteer_name: Mapped[str] = mapped_column(String(40))
    volunteer_number: Mapped[str] = mapped_column(String(32))
    service: Mapped[str] = mapped_column(String(200))
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    minutes: Mapped[int] = mapped_column(Integer)
    shifts: Mapped[int] = mapped_column(Integer)
    issued_on: Mapped[str] = mapped_column(String(10))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_certificates_number", "number"),
        Index("ix_certificates_kiosk_year", "kiosk_id", "year", "sequence"),
        Index("ix_certificates_volunteer", "volunteer_id", "issued_at"),
    )


# The projection tables this feature owns (emptied and refolded by a rebuild).
TABLES: tuple[type[Base], ...] = (CertificateRow,)


def _project_certificate(session: Session, events: list[Event]) -> object:
    """An issued certificate is one event; a second issue of the same id changes nothing."""
    issued = [e for e in events if e.kind == "certificate.issued"]
    if not issued:
        return None
    first = issued[0]
    body = first.payload
    values = {
        "id": body["certificate_id"],
        **{
            key: body[key]
            for key in (
                "number",
                "year",
                "sequence",
                "volunteer_id",
                "volunteer_name",
                "volunteer_number",
                "service",
                "minutes",
                "shifts",
            )
        },
        "first_day": str(body["first_day"]),
        "last_day": str(body["last_day"]),
        "issued_on": str(body["issued_on"]),
        "kiosk_id": first.kiosk_id,
        "issued_at": first.occurred_at,
        "actor": first.actor,
    }
    upsert(session, CertificateRow.__table__, "id", values)  # type: ignore[arg-type]
    return values


PROJECTORS: dict[str, Projector] = {"certificate.": _project_certificate}
