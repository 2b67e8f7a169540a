"""The centre's volunteers pages over HTTP, refusals first: English field messages, no CSRF,
another station's account, an unknown volunteer or action, a form that is not an upload; each
writes nothing."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from kiosk.platform.hub.models import HubEvent
from tests.platform.hub.conftest import STATION, Hub
from tests.platform.hub.test_web_centre import OTHER, centre, csrf_of, signed_in  # noqa: F401


def _count(hub: Hub, kind: str) -> int:
    with hub.app.state.database.read() as session:
        return int(session.scalar(select(func.count()).where(HubEvent.kind == kind)) or 0)


def test_refusals_name_the_field_in_english_and_write_nothing(centre: Hub) -> None:  # noqa: F811
    boss = signed_in(centre, "boss")
    url = f"/centre/volunteers?station={STATION}&lang=en"
    token = csrf_of(boss.get(url).text)
    long_name = boss.post(url, data={"csrf": token, "name": "名" * 41, "phone": "13912345678"})
    assert long_name.status_code == 422
    assert 'id="error-name">Enter the name (40 characters at most)<' in long_name.text
    bad_phone = boss.post(url, data={"csrf": token, "name": "Li Lei", "phone": "1391234567x"})
    assert bad_phone.status_code == 422
    assert 'id="error-phone">The phone must be 11 digits<' in bad_phone.text
    no_csrf = boss.post(url, data={"name": "Li Lei", "phone": "13912345678"})
    assert no_csrf.status_code == 403
    not_upload = boss.post(
        f"/centre/volunteers/import?station={STATION}", data={"csrf": token, "file": "x"}
    )
    assert not_upload.status_code == 400
    assert _count(centre, "volunteer.registered") == 0

    added = boss.post(url, data={"csrf": token, "name": "Li Lei", "phone": "13912345678"})
    assert added.status_code == 200 and 'id="setup-code"' in added.text
    volunteer = re.search(r"/centre/volunteers/([0-9a-f-]+)\?", boss.get(url).text)
    assert volunteer is not None
    page = f"/centre/volunteers/{volunteer.group(1)}"
    assert boss.post(f"{page}/explode?station={STATION}", data={"csrf": token}).status_code == 404
    unknown = boss.post(f"/centre/volunteers/nobody/reset?station={STATION}", data={"csrf": token})
    assert unknown.status_code == 404
    again = boss.post(f"{page}/reactivate?station={STATION}&lang=en", data={"csrf": token})
    assert again.status_code == 422 and "This volunteer is active already" in again.text
    no_reason = boss.post(f"{page}/revoke?station={STATION}&lang=en", data={"csrf": token})
    assert no_reason.status_code == 422 and "Choose why the badge is revoked" in no_reason.text
    assert _count(centre, "volunteer.registered") == 1
    assert _count(centre, "volunteer.setup_code_issued") == 1
    assert _count(centre, "badge.revoked") == _count(centre, "volunteer.reactivated") == 0

    # A station account sees its own station only: another's volunteers are a 403 page.
    west = signed_in(centre, "west")
    assert west.get(f"/centre/volunteers?station={OTHER}").status_code == 403
    moved = west.post(
        f"{page}/move?station={STATION}&lang=en",
        data={"csrf": csrf_of(west.get(url).text), "to": OTHER},
    )
    assert moved.status_code == 422 and _count(centre, "volunteer.deactivated") == 0
