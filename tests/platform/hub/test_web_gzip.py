"""Compressed pages (#15): the centre's HTML and streamed CSV go gzipped to a browser that
accepts gzip, a small reply and the kiosks' sync API never do (kiosks ask for identity and
read their replies raw, bounded by size)."""

from __future__ import annotations

import gzip

from tests.platform.hub.conftest import Hub
from tests.platform.hub.test_web_centre import PASSWORD, signed_in

GZIP = {"Accept-Encoding": "gzip"}


def test_pages_and_csv_are_gzipped_the_sync_api_is_not(hub: Hub) -> None:
    hub.app.state.account_service.create("boss", PASSWORD, "centre", [])
    boss = signed_in(hub, "boss")
    kiosk = hub.enrol("k-gz")
    assert kiosk.push(kiosk.write(40)).status_code == 200

    page = boss.get("/centre/hours", headers=GZIP)
    assert page.status_code == 200
    assert page.headers["content-encoding"] == "gzip"
    assert "志愿时长" in page.text  # what the browser shows after inflating it
    raw = boss.send(boss.build_request("GET", "/centre/hours", headers=GZIP), stream=True)
    compressed = b"".join(raw.iter_raw())
    raw.close()
    assert len(compressed) < len(gzip.decompress(compressed)) / 3

    exported = boss.get("/centre/hours", params={"format": "csv"}, headers=GZIP)
    assert exported.headers["content-encoding"] == "gzip"
    assert exported.content.decode("utf-8-sig").startswith("station,")

    plain = boss.get("/centre/hours", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers

    pulled = hub.client.get("/v1/sync/pull", params={"limit": 1000}, headers={**kiosk.auth, **GZIP})
    assert pulled.status_code == 200 and "content-encoding" not in pulled.headers
    pushed = kiosk.push(kiosk.write(40))
    assert pushed.status_code == 200 and "content-encoding" not in pushed.headers
    small = hub.client.get("/healthz", headers=GZIP)
    assert "content-encoding" not in small.headers
