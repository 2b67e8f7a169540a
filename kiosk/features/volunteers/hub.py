"""The hub part of `volunteers`: the roster is checked with the kiosks' schema before it is
published, the hub signs volunteers' badges (POST /v1/admin/badges) and publishes the public
key that every kiosk verifies them with (config kind "badge_public_key")."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool

from kiosk.core.clock import Clock
from kiosk.features.volunteers.config import Roster
from kiosk.features.volunteers.domain.badges import Badge, public_key_to_text, sign_badge
from kiosk.platform.hub.admin_service import AdminService
from kiosk.platform.hub.deps import AdminAuth
from kiosk.platform.hub.part import ConfigCheck, HubPart
from kiosk.platform.hub.security import BadgeKey
from kiosk.platform.sync.protocol import BadgeOut, BadgeRequest, ErrorBody

router = APIRouter(
    prefix="/v1/admin",
    dependencies=[AdminAuth],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 404: {"model": ErrorBody}},
)


def issue_badge(key: BadgeKey, clock: Clock, volunteer_id: str) -> BadgeOut:
    """A badge for `volunteer_id`, issued today, signed with the hub's key."""
    badge = Badge(volunteer_id, key.key_id, clock.now().date())
    return BadgeOut(
        volunteer_id=volunteer_id, key_id=key.key_id, token=sign_badge(badge, key.private())
    )


@router.post("/badges", status_code=201)
async def issue_badge_route(body: BadgeRequest, request: Request) -> BadgeOut:
    state = request.app.state
    return await run_in_threadpool(issue_badge, state.badge_key, state.clock, body.volunteer_id)


def publish_badge_key(app: FastAPI) -> None:
    """Publish the hub's badge public key (global config) unless already the latest."""
    key: BadgeKey = app.state.badge_key
    admin: AdminService = app.state.admin_service
    body = {"keys": {key.key_id: public_key_to_text(key.public())}}
    admin.ensure_published("badge_public_key", None, body)


HUB_PART = HubPart(
    routers=(router,),
    configs={"roster": ConfigCheck(Roster.model_validate, "志愿者名单")},
    start=publish_badge_key,
)
