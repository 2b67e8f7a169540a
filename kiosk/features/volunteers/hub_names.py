"""Volunteers' names on the hub: opened from their sealed registrations with the hub's keys.

The event log holds a volunteer's name only sealed under their own key (docs/privacy.md,
"Volunteers"); every hub page that names volunteers reads it here, one key lookup for the
page's volunteers, and shows "已删除 / Erased" once the centre erased them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.core.words import PERSONAL_DATA
from kiosk.platform.hub.models import HubErasedSubject
from kiosk.platform.hub.vault import vault_of

# What the hub shows in place of an erased volunteer's name (docs/privacy.md, "Volunteers").
ERASED_NAME = " / ".join(PERSONAL_DATA["erased"])


def erased_volunteers(session: Session, volunteer_ids: set[str]) -> set[str]:
    """Those of `volunteer_ids` whose personal data the centre erased (privacy.erased): their
    name and phone are shown as erased; their number and hours stay."""
    if not volunteer_ids:
        return set()
    return set(
        session.scalars(
            select(HubErasedSubject.subject).where(HubErasedSubject.subject.in_(volunteer_ids))
        )
    )


def registered_names(session: Session, latest: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Each volunteer's name from their latest `volunteer.registered` payload (by id): in clear
    as written before sealing, else opened with the hub's keys, all in one key lookup (never
    one per row). A name that does not open (the key destroyed or never received) reads
    "已删除 / Erased"; so does everyone the centre erased."""
    vault = vault_of(session)
    sealed = [str(p["sealed"]) for p in latest.values() if not p.get("name") and p.get("sealed")]
    opened = vault.open_many(session, sealed) if vault is not None and sealed else {}
    names: dict[str, str] = {}
    for volunteer_id, payload in latest.items():
        name = payload.get("name") or opened.get(str(payload.get("sealed")), {}).get("name")
        names[volunteer_id] = str(name or "") or ERASED_NAME
    for volunteer_id in erased_volunteers(session, set(latest)):
        names[volunteer_id] = ERASED_NAME
    return names
