"""Layout at a phone's and a desktop's width: no sideways scrolling, working navigation.

Screenshots of a chapter, the glossary and the questions page at both widths go
to ``tests/output/screenshots/`` (gitignored) for a person to review.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import (
    CHAPTERS,
    DESKTOP,
    MOBILE,
    SCREENSHOTS,
    html_pages,
    need_page,
    open_page,
    scroll_width,
)

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

VIEWPORTS = {"375": MOBILE, "1280": DESKTOP}
SHOTS = {
    "chapter": (f"{CHAPTERS[0]}.html", "the chapters"),
    "glossary": ("glossary.html", "the glossary"),
    "questions": ("questions.html", "the discussion questions"),
}


@pytest.mark.parametrize("width", list(VIEWPORTS))
def test_no_horizontal_scrolling(site: Path, base_url: str, browser: Browser, width: str) -> None:
    page, _ = open_page(browser, base_url, VIEWPORTS[width])
    try:
        too_wide = {}
        for name in html_pages(site):
            page.goto(base_url + name, wait_until="load")
            scroll, inner = scroll_width(page)
            if scroll > inner:
                too_wide[name] = f"scrollWidth {scroll} > innerWidth {inner}"
        assert too_wide == {}
    finally:
        page.context.close()


@pytest.mark.parametrize("width", list(VIEWPORTS))
@pytest.mark.parametrize("shot", list(SHOTS))
def test_screenshot(site: Path, base_url: str, browser: Browser, shot: str, width: str) -> None:
    name, feature = SHOTS[shot]
    need_page(site, name, feature)
    page, traffic = open_page(browser, base_url, VIEWPORTS[width])
    try:
        page.goto(base_url + name, wait_until="load")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{shot}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        # The first screenful too, which is easier to review than a long strip.
        page.screenshot(path=str(SCREENSHOTS / f"{shot}-{width}-top.png"))
        assert path.stat().st_size > 10_000, "a blank screenshot"
        assert traffic.problems() == []
    finally:
        page.context.close()


def test_mobile_menu_opens_the_sidebar(base_url: str, mobile: tuple[Page, Traffic]) -> None:
    page, traffic = mobile
    page.goto(f"{base_url}{CHAPTERS[0]}.html", wait_until="load")
    sidebar = page.locator(".sidebar-drawer")
    toggle = page.locator(".mobile-header label.nav-overlay-icon")
    assert toggle.is_visible(), "no menu button in the phone layout"

    def sidebar_left() -> float:
        return float(sidebar.evaluate("el => el.getBoundingClientRect().left"))

    # Closed, furo keeps the drawer off-screen to the left.
    assert sidebar_left() < 0
    toggle.click()
    page.wait_for_function(
        "() => document.querySelector('.sidebar-drawer').getBoundingClientRect().left >= 0"
    )
    link = sidebar.get_by_role("link", name="II – The Coup d’État")
    assert link.is_visible()
    link.click()
    page.wait_for_url(f"{base_url}{CHAPTERS[1]}.html")
    assert page.locator("article h1").inner_text().startswith("II")
    assert traffic.problems() == []


def test_desktop_navigation_links(base_url: str, desktop: tuple[Page, Traffic]) -> None:
    page, traffic = desktop
    page.goto(f"{base_url}index.html", wait_until="load")
    sidebar = page.locator(".sidebar-drawer")
    assert sidebar.is_visible()
    # Walk the chapters with the sidebar, then back with the "previous" links.
    for chapter in CHAPTERS:
        page.locator(f'.sidebar-tree a[href="{chapter}.html"]').click()
        page.wait_for_url(f"{base_url}{chapter}.html")
        assert page.locator("article h1").count() == 1
    page.locator("a.prev-page").click()
    page.wait_for_url(f"{base_url}{CHAPTERS[1]}.html")
    page.locator("a.next-page").click()
    page.wait_for_url(f"{base_url}{CHAPTERS[2]}.html")
    assert traffic.problems() == []
