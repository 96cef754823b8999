"""The glossary as a reader meets it: tooltips on linked terms, "Mentioned in" links.

Contract from the glossary component: each linked mention is
``<a class="reference internal sg-term" href="glossary.html#term-..." data-sg-tip="...">``;
the script creates one ``<div id="sg-tooltip" role="tooltip" class="sg-tooltip" hidden>``,
shown on mouseenter/focus of ``a.sg-term`` (with ``aria-describedby="sg-tooltip"`` on
the link) and hidden on mouseleave/blur/Escape.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS, MOBILE, ROOT, need_page, open_page

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

TERM = "article a.sg-term"
TOOLTIP = "#sg-tooltip"


def _chapter_with_terms(site: Path) -> str:
    for chapter in CHAPTERS:
        if "sg-term" in (site / f"{chapter}.html").read_text(encoding="utf-8"):
            return f"{chapter}.html"
    pytest.fail("no auto-linked term (a.sg-term) in any chapter: the glossary's auto-linking broke")


def _tooltip_shown(page: Page) -> bool:
    return bool(
        page.evaluate(
            "() => { const t = document.getElementById('sg-tooltip');"
            " return !!t && !t.hidden && t.checkVisibility(); }"
        )
    )


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_hover_shows_and_hides_the_definition(
    site: Path, base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    name = _chapter_with_terms(site)
    page, traffic = desktop
    page.goto(base_url + name, wait_until="load")
    # At most one tooltip element (the script may create it on first use), hidden.
    assert page.locator(TOOLTIP).count() <= 1
    assert not _tooltip_shown(page)
    term = page.locator(TERM).first
    tip = term.get_attribute("data-sg-tip")
    assert tip, "a linked term without a definition (data-sg-tip)"
    term.hover()
    page.wait_for_function("() => !document.getElementById('sg-tooltip')?.hidden")
    assert _tooltip_shown(page)
    assert page.locator(TOOLTIP).count() == 1
    assert page.locator(TOOLTIP).get_attribute("role") == "tooltip"
    assert _squash(page.locator(TOOLTIP).inner_text()) == _squash(tip)
    assert term.get_attribute("aria-describedby") == "sg-tooltip"
    # Moving the mouse away hides it.
    page.mouse.move(1, 1)
    page.wait_for_function("() => document.getElementById('sg-tooltip').hidden")
    assert not _tooltip_shown(page)
    assert traffic.problems() == []


def test_keyboard_focus_shows_and_escape_hides(
    site: Path, base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    name = _chapter_with_terms(site)
    page, traffic = desktop
    page.goto(base_url + name, wait_until="load")
    # Tab through the page as a keyboard user does, until a linked term has focus.
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.sg-term')"):
            break
    else:
        pytest.fail("200 presses of Tab never reached a linked term")
    focused_tip = page.evaluate("() => document.activeElement.dataset.sgTip")
    assert _tooltip_shown(page), "focus on a linked term does not show its definition"
    assert _squash(page.locator(TOOLTIP).inner_text()) == _squash(focused_tip)
    assert page.evaluate("() => document.activeElement.getAttribute('aria-describedby')") == (
        "sg-tooltip"
    )
    page.keyboard.press("Escape")
    assert not _tooltip_shown(page), "Escape does not hide the definition"
    # Focus stays on the link: Escape dismisses the tooltip, not the reader's place.
    assert page.evaluate("() => document.activeElement.matches('a.sg-term')")
    # Tabbing on (blur) leaves no tooltip behind.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert _tooltip_shown(page)
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement.matches('a.sg-term')"):
        assert not _tooltip_shown(page), "the definition stays after the link lost focus"
    assert traffic.problems() == []


def test_click_goes_to_the_glossary_entry(
    site: Path, base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    name = _chapter_with_terms(site)
    page, traffic = desktop
    page.goto(base_url + name, wait_until="load")
    term = page.locator(TERM).first
    href = term.get_attribute("href") or ""
    assert re.fullmatch(r"glossary\.html#term-[\w.-]+", href), href
    term.click()
    page.wait_for_url(f"{base_url}{href}")
    fragment = href.split("#", 1)[1]
    target = page.locator(f'[id="{fragment}"]')
    assert target.count() == 1, f"no element with id {fragment} on the glossary page"
    assert target.is_visible()
    assert page.evaluate("() => document.querySelector(':target')?.id") == fragment
    # The entry is scrolled into view.
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        arg=fragment,
        timeout=3000,
    )
    assert traffic.problems() == []


def _tooltip_box(page: Page, term: Locator) -> dict[str, float]:
    term.scroll_into_view_if_needed()
    term.hover()
    page.wait_for_function("() => !document.getElementById('sg-tooltip').hidden")
    return page.locator(TOOLTIP).evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }"
    )


def test_tooltip_stays_inside_a_phone_screen(site: Path, base_url: str, browser: Browser) -> None:
    name = _chapter_with_terms(site)
    page, traffic = open_page(browser, base_url, MOBILE)
    try:
        page.goto(base_url + name, wait_until="load")
        terms = page.locator(TERM)
        assert terms.count() > 0
        outside = {}
        # Every linked term on the page, so terms at both edges of the column are tried.
        for i in range(min(terms.count(), 40)):
            term = terms.nth(i)
            box = _tooltip_box(page, term)
            width, height = MOBILE["width"], MOBILE["height"]
            if box["left"] < 0 or box["right"] > width or box["top"] < 0 or box["bottom"] > height:
                outside[term.inner_text()] = box
            page.mouse.move(1, 1)
        assert outside == {}, f"tooltips outside the {MOBILE['width']}px viewport"
        scroll = page.evaluate("document.scrollingElement.scrollWidth")
        assert scroll <= MOBILE["width"], "a tooltip made the page scroll sideways"
        assert traffic.problems() == []
    finally:
        page.context.close()


def _fold(text: str) -> str:
    """Lower case, no accents, straight quotes: how a name is compared with a section."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _aliases() -> dict[str, set[str]]:
    """Each glossary term's other names, read from the glossary's YAML data if present."""
    import yaml

    found: dict[str, set[str]] = {}
    for path in [ROOT / "docs" / "glossary.yaml", ROOT / "glossary.yaml"]:
        if not path.is_file():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data.get("terms", data) if isinstance(data, dict) else data
        if isinstance(entries, dict):
            entries = [{"term": key, **(value or {})} for key, value in entries.items()]
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            name = str(entry.get("term") or entry.get("name") or "")
            names = {name}
            for key in ("aliases", "alias", "also", "forms"):
                value = entry.get(key) or []
                names.update([value] if isinstance(value, str) else map(str, value))
            found[_fold(name)] = {_fold(n) for n in names if n}
    return found


MENTIONS = """
() => [...document.querySelectorAll('article dl.glossary > dt[id]')].flatMap(dt => {
    let dd = dt.nextElementSibling;
    while (dd && dd.tagName === 'DT') dd = dd.nextElementSibling;
    if (!dd) return [];
    const term = dt.cloneNode(true);
    term.querySelectorAll('a.headerlink').forEach(a => a.remove());
    return [...dd.querySelectorAll('a[href]')]
        .filter(a => /^part-[^/]*\\.html/.test(a.getAttribute('href')))
        .map(a => ({term: term.textContent.trim(), href: a.getAttribute('href')}));
})
"""

TARGET = """
fragment => {
    const el = fragment ? document.getElementById(fragment)
                        : document.querySelector('article section');
    if (!el) return null;
    return {tag: el.tagName, text: el.textContent};
}
"""


def test_mentioned_in_links_land_on_the_right_section(
    site: Path, base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    need_page(site, "glossary.html", "the glossary")
    page, traffic = desktop
    page.goto(f"{base_url}glossary.html", wait_until="load")
    mentions = page.evaluate(MENTIONS)
    assert mentions, "no 'Mentioned in' link to a chapter on the glossary page"
    aliases = _aliases()
    wrong = []
    loaded = None
    # One load per chapter: the targets are looked up in the loaded page.
    for mention in sorted(mentions, key=lambda m: m["href"]):
        url, _, fragment = mention["href"].partition("#")
        if url != loaded:
            page.goto(base_url + url, wait_until="load")
            loaded = url
        target = page.evaluate(TARGET, fragment)
        term = _fold(mention["term"])
        names = aliases.get(term, set()) | {term}
        if target is None:
            wrong.append(f"{mention['term']}: {mention['href']} has no such id")
        elif target["tag"] != "SECTION":
            wrong.append(f"{mention['term']}: {mention['href']} is a <{target['tag']}>")
        elif not any(name in _fold(target["text"]) for name in names):
            wrong.append(
                f"{mention['term']}: the section {mention['href']} does not name it "
                f"(looked for {sorted(names)})"
            )
    assert wrong == []
    assert traffic.problems() == []


def test_first_tap_shows_the_definition_second_tap_follows(
    site: Path, base_url: str, browser: Browser
) -> None:
    """On a touch screen there is no hover: a tap reads, a second tap goes."""
    name = _chapter_with_terms(site)
    page, traffic = open_page(browser, base_url, MOBILE, touch=True)
    try:
        page.goto(base_url + name, wait_until="load")
        term = page.locator(TERM).first
        href = term.get_attribute("href")
        assert href
        term.scroll_into_view_if_needed()
        term.tap()
        page.wait_for_function("() => !document.getElementById('sg-tooltip')?.hidden")
        assert _tooltip_shown(page)
        assert page.url == base_url + name, "the first tap followed the link"
        assert _squash(page.locator(TOOLTIP).inner_text()) == _squash(
            term.get_attribute("data-sg-tip") or ""
        )
        term.tap()
        page.wait_for_url(base_url + href)
        assert traffic.problems() == []
    finally:
        page.context.close()
