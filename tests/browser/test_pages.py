"""Every page loads cleanly: no console error, no failed request, nothing leaves localhost."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS, VIDEO_HOST, Traffic, html_pages

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_every_page_loads_cleanly(site: Path, base_url: str, desktop: tuple[Page, Traffic]) -> None:
    page, traffic = desktop
    pages = html_pages(site)
    assert {f"{chapter}.html" for chapter in CHAPTERS} <= set(pages)
    problems: dict[str, list[str]] = {}
    for name in pages:
        traffic.clear()
        response = page.goto(base_url + name, wait_until="load")
        assert response is not None, name
        assert response.ok, name
        # Scroll to the bottom so lazy iframes and images are requested too.
        page.evaluate("window.scrollTo(0, document.scrollingElement.scrollHeight)")
        page.wait_for_timeout(150)
        if name == "search.html":
            page.wait_for_load_state("networkidle")
        if traffic.problems():
            problems[name] = traffic.problems()
    assert problems == {}


def test_video_iframes_are_private_and_lazy(
    site: Path, base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    page, traffic = desktop
    with_video = []
    for chapter in CHAPTERS:
        traffic.clear()
        page.goto(f"{base_url}{chapter}.html", wait_until="load")
        iframes = page.locator("article iframe")
        if iframes.count() == 0:
            continue
        with_video.append(chapter)
        for i in range(iframes.count()):
            iframe = iframes.nth(i)
            src = iframe.get_attribute("src") or ""
            assert src.startswith(f"https://{VIDEO_HOST}/embed/"), (chapter, src)
            assert iframe.get_attribute("loading") == "lazy", chapter
            assert iframe.get_attribute("title"), f"{chapter}: iframe without a title"
        iframes.first.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
        # The player is the only request that leaves localhost, and only to the
        # privacy-enhanced domain.
        assert traffic.video_requests, f"{chapter}: the player was never requested"
        assert all(VIDEO_HOST in url for url in traffic.video_requests)
        assert traffic.blocked == [], chapter
    # Part I embeds the film (docs/part-1-insurrection.md: ```{youtube}```).
    assert "part-1-insurrection" in with_video
