"""The lists' rules as pure folds: a project's status moves once (in progress → done or
cancelled), a refused change names its reason; a need's state follows its projects; the month's
figures count what was completed in the station's month."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.errors import ValidationError
from kiosk.core.events import validate_payload
from kiosk.features.lists import domain
from tests.features.lists.history import Feed, sample


def test_a_project_moves_once_and_a_refused_change_says_why() -> None:
    assert domain.refusal("open", "done") is None
    assert domain.refusal("open", "cancelled") is None
    assert domain.refusal("done", "cancelled") == (
        "已完成或已取消的项目不能再改状态",
        "A completed or cancelled project cannot change",
    )
    assert domain.refusal("open", "open") is not None
    assert domain.refusal("open", "paused") == ("请选择项目状态", "Choose the project's status")


def test_the_first_allowed_change_wins_in_the_agreed_order() -> None:
    feed = sample(Feed())
    late = feed.add(
        "lists.project_status",
        {"project_id": "p1", "status": "cancelled", "on": "2026-11-02"},
        minute=9,
    )
    p1 = [e for e in feed.events if e.payload.get("project_id") == "p1"]
    state = domain.fold_project(list(reversed(p1)))
    assert state is not None and late in p1
    assert (state.status, state.status_on, state.note) == ("done", date(2026, 11, 1), "送出 20 箱")


def test_need_states_and_the_month_figures() -> None:
    feed = sample(Feed())
    by_aggregate: dict[str, list] = {}  # type: ignore[type-arg]
    for e in feed.events:
        key = next(str(v) for k, v in e.payload.items() if k.endswith("_id"))
        by_aggregate.setdefault(key, []).append(e)
    needs = [s for s in (domain.fold_need(v) for v in by_aggregate.values()) if s]
    resources = [s for s in (domain.fold_resource(v) for v in by_aggregate.values()) if s]
    projects = [s for s in (domain.fold_project(v) for v in by_aggregate.values()) if s]
    assert {n.id: domain.need_state(n.id, projects).value for n in needs} == {
        "n1": "done",
        "n2": "linked",
        "n3": "open",
    }
    november = domain.counts(needs, 2, resources, projects, domain.month_of(date(2026, 11, 15)))
    assert november.needs == {"open": 1, "linked": 1, "done": 1}
    assert november.resources == {"venue": 1, "volunteers": 1, "skill": 0, "funds": 0, "goods": 1}
    assert november.projects == {"open": 1, "done": 1, "cancelled": 0}
    assert (november.done_this_month, november.needs_met_this_month) == (1, 1)
    december = domain.counts(needs, 2, resources, projects, domain.month_of(date(2026, 12, 1)))
    assert (december.done_this_month, december.needs_met_this_month) == (0, 0)
    assert domain.month_of(date(2026, 12, 31)) == (date(2026, 12, 1), date(2027, 1, 1))
    wish_project = domain.project_of_wish("w1", needs, projects)
    assert wish_project is not None and wish_project.title == "夏日送清凉"


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("lists.need_added", {"need_id": "n", "title": "x", "source": "wish"}),  # no wish named
        ("lists.need_added", {"need_id": "n", "title": "", "source": "staff"}),
        (
            "lists.resource_added",
            {"resource_id": "r", "unit_id": "u", "kind": "cash", "description": "x"},
        ),
        (
            "lists.project_opened",
            {
                "project_id": "p",
                "title": "t",
                "owner": "o",
                "starts_on": "2026-11-02",
                "ends_on": "2026-11-01",
            },
        ),
        ("lists.project_status", {"project_id": "p", "status": "paused", "on": "2026-11-01"}),
    ],
)
def test_a_payload_the_rules_refuse_is_not_an_event(kind: str, payload: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        validate_payload(kind, payload)
