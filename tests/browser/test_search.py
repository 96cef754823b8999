"""Sphinx's search page finds the guide's names and lists the chapters that use them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# Which reviews use each word (the reviews' words never change; checked with
# grep -i -w on docs/part-*.md).
EXPECTED = {
    "cordones": {"part-3-peoples-power"},
    "MIR": {"part-1-insurrection", "part-2-coup"},
    "Tanquetazo": {"part-1-insurrection", "part-2-coup"},
}
# Pages other than the reviews that may rightly mention these words.
ALSO_ALLOWED = {
    "glossary",
    "chronology",
    "questions",
    "sessions",
    "index",
    "sources",
    "further-reading",
}


@pytest.mark.parametrize("query", list(EXPECTED))
def test_search_finds_chapters(
    site: Path, base_url: str, desktop: tuple[Page, Traffic], query: str
) -> None:
    page, traffic = desktop
    page.goto(f"{base_url}search.html?q={query}", wait_until="load")
    # searchtools.js writes this summary once every result is listed.
    summary = page.locator("#search-results .search-summary")
    summary.wait_for(timeout=10_000)
    page.wait_for_function(
        "() => !document.querySelector('#search-results .search-summary')"
        ".textContent.includes('Searching')"
    )
    hrefs = page.locator("#search-results ul.search li > a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    found = {href.split("/")[-1].split(".html")[0] for href in hrefs}
    chapters = {name for name in found if name.startswith("part-")}
    # Every review that uses the word is listed; a chapter may also be found
    # through its discussion questions, which then must name it.
    assert EXPECTED[query] <= chapters, summary.inner_text()
    for chapter in chapters - EXPECTED[query]:
        text = BeautifulSoup(
            (site / f"{chapter}.html").read_text(encoding="utf-8"), "html.parser"
        ).article.get_text(" ")
        assert re.search(rf"\b{query}", text, re.IGNORECASE), f"{chapter} found for {query}"
    assert found - chapters <= ALSO_ALLOWED
    # Every result gets its summary, quoted from the page it names (the pages
    # are fetched after the list is shown; an empty target there used to make
    # searchtools.js throw).  Waiting for them also keeps the click below from
    # aborting a fetch still under way.
    page.wait_for_function(
        "() => { const items = document.querySelectorAll('#search-results ul.search li');"
        " return items.length > 0 && [...items].every(li => li.querySelector('p.context')); }",
        timeout=10_000,
    )
    # Each result leads to a page that loads.
    first = page.locator("#search-results ul.search li > a").first
    first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").count() == 1
    assert traffic.problems() == []
