"""The centre's station webhooks page: a station's robots (add one, turn one off or on) and the
log of what the hub sent them (kiosk/platform/hub/webhooks.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from kiosk.platform.hub.errors import HubError
from kiosk.platform.hub.web_accounts import csrf_ok
from kiosk.platform.hub.web_centre import Centre, CentreView
from kiosk.platform.hub.web_centre import _form_body as form_body
from kiosk.platform.hub.web_render import PageError, local_time, read_form
from kiosk.platform.hub.webhooks import KINDS, Webhooks

router = APIRouter(prefix="/centre", tags=["centre dashboard"])

MAX_FORM = 4096
WebhookId = Annotated[str, Path(max_length=36, pattern=r"^[0-9a-f-]+$")]


def _webhooks(view: CentreView) -> Webhooks:
    service: Webhooks = view.request.app.state.webhooks
    return service


def _station(view: CentreView) -> str:
    """The station the page is about: the one asked for, else the first the account sees."""
    if view.station:
        return view.station
    if not view.options:
        w = view.words
        raise PageError(403, w["forbidden"], w["forbidden_station"], lang=view.lang)
    return view.options[0][0]


async def _page(
    view: CentreView,
    *,
    before: int | None = None,
    status: int = 200,
    notice: str = "",
    error: str = "",
    form: dict[str, str] | None = None,
) -> Response:
    station = _station(view)
    webhooks = _webhooks(view)
    hooks = await run_in_threadpool(webhooks.of_station, station)
    log = await run_in_threadpool(webhooks.deliveries, station, before)
    tz = view.request.app.state.tz
    rows: list[dict[str, Any]] = [
        {"d": d, "at": local_time(d.created_at, tz), "last": local_time(d.updated_at, tz)}
        for d in log
    ]
    return view.render(
        "centre_webhooks.html",
        "webhooks",
        status=status,
        this_station=station,
        hooks=hooks,
        rows=rows,
        kinds=KINDS,
        older=log[-1].id if len(log) == 50 else None,
        notice=notice,
        error=error,
        form=form or {},
    )


@router.get("/webhooks", response_class=HTMLResponse)
async def webhooks_page(
    view: Centre, before: Annotated[int | None, Query(ge=1, le=2**62)] = None
) -> Response:
    """A station's webhooks and their delivery log (newest first, 50 a page)."""
    return await _page(view, before=before)


@router.post(
    "/webhooks",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "kind", "url", "secret"),
)
async def add_webhook(view: Centre) -> Response:
    """Add a robot to the station (`?station=`): WeCom, DingTalk or generic JSON."""
    w = view.words
    form = await read_form(view.request, MAX_FORM, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    station = _station(view)
    try:
        await run_in_threadpool(
            _webhooks(view).add,
            station,
            form.get("kind", ""),
            form.get("url", ""),
            form.get("secret") or None,
        )
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return await _page(view, status=exc.status, error=error, form=form)
    return await _page(view, notice=w["webhook_added"])


@router.post(
    "/webhooks/{webhook_id}/enabled",
    response_class=HTMLResponse,
    openapi_extra=form_body("csrf", "enabled"),
)
async def set_enabled(view: Centre, webhook_id: WebhookId) -> Response:
    """Turn a webhook off (it is kept, with its log) or on again."""
    w = view.words
    form = await read_form(view.request, MAX_FORM, view.lang)
    if not csrf_ok(view.who, form.get("csrf")):
        raise PageError(403, w["forbidden"], w["csrf"], lang=view.lang)
    station = _station(view)
    try:
        await run_in_threadpool(
            _webhooks(view).set_enabled, station, webhook_id, form.get("enabled") == "1"
        )
    except HubError as exc:
        error = exc.reason_zh if view.lang == "zh" and exc.reason_zh else exc.detail
        return await _page(view, status=exc.status, error=error)
    return RedirectResponse(f"/centre/webhooks?station={station}", status_code=303)
