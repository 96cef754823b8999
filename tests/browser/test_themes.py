"""The extension's colours reach WCAG AA contrast (4.5:1) in five themes, light and dark.

One small project (``tests/roots/test-themes``: a question with a facilitator
note, glossary links, numbered paragraphs) is built once per theme, in the
facilitator edition, and opened in Chromium in each of the theme's colour
modes: alabaster and sphinx-rtd-theme have only light; furo is dark with
``body[data-theme="dark"]``, or with "auto" and a dark system setting;
pydata-sphinx-theme and sphinx-book-theme with ``html[data-theme="dark"]``.
Each text's colour is measured (``getComputedStyle``) against the background
it is painted on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browsing import CONTRAST_HELPERS, DESKTOP, open_page, serve_directory
from guidetest import ROOT, sphinx_build

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

THEMES = ["alabaster", "sphinx_rtd_theme", "furo", "pydata_sphinx_theme", "sphinx_book_theme"]

#: (theme, mode) -> (the attribute that selects the mode, its value, the system's scheme).
#: ``None``: the theme has no dark mode; the system's dark setting must not change it.
MODES: dict[tuple[str, str], tuple[str | None, str, str]] = {
    ("alabaster", "light"): (None, "", "light"),
    ("alabaster", "system-dark"): (None, "", "dark"),
    ("sphinx_rtd_theme", "light"): (None, "", "light"),
    ("sphinx_rtd_theme", "system-dark"): (None, "", "dark"),
    ("furo", "light"): ("body", "light", "dark"),
    ("furo", "dark"): ("body", "dark", "light"),
    ("furo", "auto-dark"): ("body", "auto", "dark"),
    ("furo", "auto-light"): ("body", "auto", "light"),
    ("pydata_sphinx_theme", "light"): ("html", "light", "dark"),
    ("pydata_sphinx_theme", "dark"): ("html", "dark", "light"),
    ("sphinx_book_theme", "light"): ("html", "light", "dark"),
    ("sphinx_book_theme", "dark"): ("html", "dark", "light"),
}

#: Every text the extension colours or boxes, and the contrast of its colour
#: with the background behind it (translucent layers blended).
CONTRASTS = (
    """
() => {
"""
    + CONTRAST_HELPERS
    + """
  const checks = [
    ['question text', '.sg-question > p:not(.sg-question-header)', null],
    ['question header', '.sg-question-header', null],
    ['question minutes', '.sg-question-header .sg-question-minutes', null],
    ['facilitator note title', '.sg-facilitator-note-title', null],
    ['facilitator note text', '.sg-facilitator-note > p:not(.sg-facilitator-note-title)', null],
    ['term link in text', 'p.sg-para a.sg-term', null],
    ['term link in a question', '.sg-question a.sg-term', null],
    ['paragraph number', '.sg-para-number[data-sg-para]', '::before'],
  ];
  return checks.map(([name, sel, pseudo]) => {
    const el = document.querySelector(sel);
    if (!el) return [name, 0, 'missing: ' + sel];
    const colour = getComputedStyle(el, pseudo).color;
    const bg = background(el);
    return [name, ratio(rgb(colour), bg), `${colour} on rgb(${bg.r}, ${bg.g}, ${bg.b})`];
  });
}
"""
)


@pytest.fixture(scope="module")
def themed_sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test project built with each theme, served on localhost: the base URL."""
    out = tmp_path_factory.mktemp("themes")
    srcdir = ROOT / "tests" / "roots" / "test-themes"
    for theme in THEMES:
        result = sphinx_build(
            "html", out / theme, "-D", f"html_theme={theme}", "-t", "facilitator", srcdir=srcdir
        )
        assert result.returncode == 0, f"{theme}: {result.stderr}"
        assert "WARNING" not in result.stderr, f"{theme}: {result.stderr}"
    with serve_directory(out) as url:
        yield url


@pytest.mark.parametrize(("theme", "mode"), list(MODES), ids=[f"{t}-{m}" for t, m in MODES])
def test_extension_colours_reach_aa_contrast_in_theme(
    browser: Browser, themed_sites: str, theme: str, mode: str
) -> None:
    where, value, scheme = MODES[theme, mode]
    page, traffic = open_page(browser, themed_sites, DESKTOP)
    try:
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.goto(f"{themed_sites}{theme}/chapter.html", wait_until="load")
        if where == "html":
            page.evaluate(
                f"document.documentElement.dataset.theme = '{value}';"
                f"document.documentElement.dataset.mode = '{value}'"
            )
        elif where == "body":
            page.evaluate(f"document.body.dataset.theme = '{value}'")
        found = page.evaluate(CONTRASTS)
    finally:
        page.context.close()
    low = [(name, round(ratio, 2), colours) for name, ratio, colours in found if ratio < 4.5]
    assert low == [], f"{theme} ({mode}): {low}"
    assert traffic.page_errors == [], traffic.page_errors
