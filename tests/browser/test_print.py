"""Printing a page from the browser: no navigation, discussion questions whole and readable."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS, need_page

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# What must not be printed: furo's sidebars, headers, theme toggles and the
# previous/next links at the bottom of the page.
NAVIGATION = [
    ".sidebar-drawer",
    ".toc-drawer",
    ".mobile-header",
    ".related-pages",
    ".theme-toggle-container",
    ".back-to-top",
    ".toc-overlay-icon",
    ".skip-to-content",
]
# The discussion-question component's boxes (extensions/studyguide/questions/).
QUESTION_BOX = ".sg-question"

VISIBLE_NAVIGATION = """
sels => sels.flatMap(sel => [...document.querySelectorAll(sel)]
    .filter(el => { const r = el.getBoundingClientRect();
                    return el.checkVisibility() && r.width > 0 && r.height > 0; })
    .map(el => sel))
"""

BOX_PROBLEMS = """
sel => [...document.querySelectorAll(sel)].flatMap((box, i) => {
    const s = getComputedStyle(box), r = box.getBoundingClientRect();
    const article = document.querySelector('article').getBoundingClientRect();
    const problems = [];
    const name = `box ${i} (${box.id || box.className})`;
    if (!box.checkVisibility() || r.height === 0) problems.push(`${name} is hidden`);
    if (s.breakInside !== 'avoid' && s.pageBreakInside !== 'avoid')
        problems.push(`${name} may be split across pages (break-inside: ${s.breakInside})`);
    if (r.right > article.right + 1 || r.left < article.left - 1)
        problems.push(`${name} sticks out of the text column`);
    if (box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1)
        if (s.overflow !== 'visible') problems.push(`${name} clips its content`);
    if (parseFloat(s.fontSize) < 9) problems.push(`${name} prints at ${s.fontSize}`);
    return problems;
})
"""


def _print_page(page: Page, url: str) -> None:
    page.emulate_media(media="print")
    page.goto(url, wait_until="load")


@pytest.mark.parametrize("name", [f"{CHAPTERS[0]}.html", "questions.html"])
def test_print_hides_navigation(
    site: Path, base_url: str, desktop: tuple[Page, Traffic], name: str
) -> None:
    need_page(site, name, "the discussion questions")
    page, _ = desktop
    _print_page(page, base_url + name)
    assert page.evaluate(VISIBLE_NAVIGATION, NAVIGATION) == []
    # The text itself is printed, in a column wide enough to read.
    article = page.locator("article")
    assert article.is_visible()
    width = article.evaluate("el => el.getBoundingClientRect().width")
    assert width >= 500, f"the text is {width}px wide in print"


@pytest.mark.parametrize("name", [*(f"{c}.html" for c in CHAPTERS), "questions.html"])
def test_print_keeps_questions_whole(
    site: Path, base_url: str, desktop: tuple[Page, Traffic], name: str
) -> None:
    need_page(site, name, "the discussion questions")
    page, _ = desktop
    _print_page(page, base_url + name)
    # Every chapter and the list of questions has questions (docs/*.md).
    assert page.locator(QUESTION_BOX).count() > 0, f"no discussion question on {name}"
    assert page.evaluate(BOX_PROBLEMS, QUESTION_BOX) == []
