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

import functools
import http.server
import threading
from typing import TYPE_CHECKING, Any

import pytest
from browsing import DESKTOP, open_page
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
CONTRASTS = """
() => {
  const rgb = c => { const m = c.match(/[\\d.]+/g).map(Number);
                     return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let base = {r: 255, g: 255, b: 255};
    for (const c of layers.reverse())
      base = {r: c.r * c.a + base.r * (1 - c.a), g: c.g * c.a + base.g * (1 - c.a),
              b: c.b * c.a + base.b * (1 - c.a)};
    return base;
  };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const checks = [
    ['question text', '.sg-question > p:not(.sg-question-header)', null],
    ['question header', '.sg-question-header', null],
    ['question minutes', '.sg-question-header .sg-question-minutes', null],
    ['facilitator note title', '.sg-facilitator-note-title', null],
    ['facilitator note text', '.sg-facilitator-note > p:not(.sg-facilitator-note-title)', null],
    ['term link in text', 'p[data-sg-para] a.sg-term', null],
    ['term link in a question', '.sg-question a.sg-term', null],
    ['paragraph number', 'p[data-sg-para]', '::before'],
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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


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
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


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
