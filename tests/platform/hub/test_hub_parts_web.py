"""A feature's web pages live in its folder (HubPart.templates, .words, .centre_tabs): the
centre's navigation is built from the parts, and a template or word two parts both define is
refused when the app is built, not discovered on a page at run time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.hub_app import hub_parts
from kiosk.platform.hub import web_i18n, web_render
from kiosk.platform.hub.web_centre import PLATFORM_TABS
from tests.platform.hub.conftest import Hub
from tests.platform.hub.test_web_centre import centre, signed_in  # noqa: F401  (fixture)


def test_the_centre_navigation_comes_from_the_parts(centre: Hub) -> None:  # noqa: F811
    html = signed_in(centre, "boss").get("/centre/usage", params={"lang": "en"}).text
    nav = re.search(r'<nav class="centre">(.*?)</nav>', html, re.S)
    assert nav is not None
    links = re.findall(r'<a href="([^"]+)"', nav.group(1))
    assert links == [
        "/centre/",
        "/centre/usage",
        "/centre/volunteers",
        "/centre/hours",
        "/centre/rollcalls",
        "/centre/training",
        "/centre/trains",
        "/centre/activities",
        "/centre/handovers",
        "/centre/rota",
        "/centre/tickets",
        "/centre/lists",
        "/centre/alerts",
        "/centre/publish",
        "/centre/webhooks",
        "/centre/privacy",
    ]
    assert "People served" in nav.group(1) and "Volunteer hours" in nav.group(1)
    assert 'href="/centre/usage" aria-current="page"' in nav.group(1)
    # the platform names none of the features' tabs
    assert {t.href for t in PLATFORM_TABS} == {
        "/centre/",
        "/centre/alerts",
        "/centre/publish",
        "/centre/webhooks",
    }


def test_each_feature_page_is_in_its_own_folder() -> None:
    folders = {p.templates for p in hub_parts() if p.templates}
    assert "kiosk.features.uses" in folders and "kiosk.features.requests" in folders
    platform = {p.name for p in web_render.TEMPLATES.iterdir()}
    assert "centre_usage.html" not in platform and "ticket.html" not in platform


def test_a_template_name_two_parts_share_is_refused(tmp_path: Path) -> None:
    import sys

    package = tmp_path / "twin_pages"
    (package / "templates").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "templates" / "centre_usage.html").write_text("{{ 1 }}")
    sys.path.insert(0, str(tmp_path))
    try:
        for part in hub_parts():
            if part.templates:
                web_render.add_templates(part.templates)
        with pytest.raises(ValueError, match=r"centre_usage\.html"):
            web_render.add_templates("twin_pages")
    finally:
        sys.path.remove(str(tmp_path))


def test_a_word_two_parts_define_is_refused() -> None:
    for part in hub_parts():
        web_i18n.add_words(part.words)
    with pytest.raises(ValueError, match="usage"):
        web_i18n.add_words({"usage": ("人次", "Usage")})
    fresh = {"fresh_word": ("新", "New")}
    web_i18n.add_words(fresh)  # a new word is added
    try:
        assert web_i18n.words("en")["fresh_word"] == "New"
    finally:
        web_i18n._PARTS.remove(fresh)
