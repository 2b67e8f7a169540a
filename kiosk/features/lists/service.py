"""The kiosk's side of the three lists: read only. The centre records units, resources, needs
and projects (docs/lists.md); the kiosk shows what its station's feed brought."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.features.lists import domain, store
from kiosk.platform.services import ServiceContext


@dataclass(frozen=True)
class NeedLine:
    id: str
    title: str
    state: str  # NeedState value
    ticket: str | None


@dataclass(frozen=True)
class ResourceLine:
    id: str
    unit: str  # the member unit's name
    kind: str  # ResourceKind value
    description: str
    quantity: int | None
    measure: str


@dataclass(frozen=True)
class ProjectLine:
    id: str
    title: str
    owner: str
    status: str  # ProjectStatus value
    needs: int
    resources: int
    starts_on: str
    ends_on: str


@dataclass(frozen=True)
class Lists:
    """The station's three lists and what they come to, as the kiosk's page shows them."""

    counts: domain.Counts
    needs: tuple[NeedLine, ...]
    resources: tuple[ResourceLine, ...]
    projects: tuple[ProjectLine, ...]


class ListsService:
    def __init__(self, context: ServiceContext) -> None:
        self._db = context.database
        self._clock = context.clock
        self._tz = context.timezone

    def lists(self) -> Lists:
        """Everything the lists page shows, in one read: projects newest first, needs waiting
        before those in a project, resources by unit."""
        today = self._clock.now().astimezone(self._tz).date()
        with self._db.read() as session:
            needs = store.needs(session)
            units = store.units(session)
            resources = store.resources(session)
            projects = store.projects(session)
        names = {u.id: u.name for u in units}
        order = {s.value: i for i, s in enumerate(domain.NeedState)}
        need_lines = sorted(
            (
                NeedLine(n.id, n.title, domain.need_state(n.id, projects).value, n.ticket)
                for n in needs
            ),
            key=lambda n: order[n.state],
        )
        return Lists(
            counts=domain.counts(needs, len(units), resources, projects, domain.month_of(today)),
            needs=tuple(need_lines),
            resources=tuple(
                sorted(
                    (
                        ResourceLine(
                            r.id,
                            names.get(r.unit_id, ""),
                            r.kind,
                            r.description,
                            r.quantity,
                            r.measure,
                        )
                        for r in resources
                    ),
                    key=lambda r: (r.unit, r.kind),
                )
            ),
            projects=tuple(
                ProjectLine(
                    p.id,
                    p.title,
                    p.owner,
                    p.status,
                    len(p.need_ids),
                    len(p.resource_ids),
                    p.starts_on.isoformat(),
                    p.ends_on.isoformat(),
                )
                for p in projects
            ),
        )

    def project_of_wish(self, wish_id: str) -> ProjectLine | None:
        """The project a wish is part of (through its need on the list), if any."""
        with self._db.read() as session:
            needs = [n for n in store.needs(session) if n.wish_id == wish_id]
            if not needs:
                return None
            project = domain.project_of_wish(wish_id, needs, store.projects(session))
        if project is None:
            return None
        return ProjectLine(
            project.id,
            project.title,
            project.owner,
            project.status,
            len(project.need_ids),
            len(project.resource_ids),
            project.starts_on.isoformat(),
            project.ends_on.isoformat(),
        )


SERVICES = (ListsService,)
