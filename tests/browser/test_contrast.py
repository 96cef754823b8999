"""Colours the extension sets reach WCAG AA contrast (4.5:1) in every theme.

furo has three themes: light, dark (``body[data-theme="dark"]``) and auto,
which follows the system setting (``prefers-color-scheme``).  Each text the
extension colours is measured against the background it is painted on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS, CONTRAST_HELPERS

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: (theme set on <body>, the system's colour scheme).
THEMES = {
    "light": ("light", "light"),
    "dark": ("dark", "light"),
    "auto-dark": ("auto", "dark"),
    "auto-light": ("auto", "light"),
}

#: Text the extension colours.  The facilitator note exists only in the
#: facilitator edition: one is added to the page, with the extension's classes.
CONTRASTS = (
    """
() => {
"""
    + CONTRAST_HELPERS
    + """
  const article = document.querySelector('article');
  const note = document.createElement('aside');
  note.className = 'sg-facilitator-note admonition';
  note.innerHTML = '<p class="sg-facilitator-note-title">Facilitator note</p><p>Text.</p>';
  article.appendChild(note);
  const selectors = ['.sg-question-header', '.sg-question-header .sg-question-minutes',
                     '.sg-facilitator-note-title', 'a.sg-term'];
  return selectors.flatMap(sel => {
    const el = document.querySelector(sel);
    if (!el) return [[sel, 0, 'missing']];
    const fg = rgb(getComputedStyle(el).color);
    return [[sel, ratio(fg, background(el)), getComputedStyle(el).color]];
  });
}
"""
)


@pytest.mark.parametrize("theme", THEMES)
def test_extension_colours_reach_aa_contrast(
    site: Path, base_url: str, desktop: tuple[Page, Traffic], theme: str
) -> None:
    page, _ = desktop
    body_theme, scheme = THEMES[theme]
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(base_url + f"{CHAPTERS[0]}.html", wait_until="load")
    page.evaluate(f"document.body.dataset.theme = '{body_theme}'")
    found = page.evaluate(CONTRASTS)
    low = [(sel, round(ratio, 2), colour) for sel, ratio, colour in found if ratio < 4.5]
    assert low == [], f"{theme}: {low}"
