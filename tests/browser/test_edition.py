"""The facilitator edition's banner in Chromium: visible, readable in light and dark mode.

furo follows the system's colour scheme ("auto") unless the reader picks one;
the banner must keep 4.5:1 in each case, and pass axe-core where it stands.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import DESKTOP, MOBILE

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def facilitator_site(guide_facilitator_html: Path) -> Path:
    """The facilitator edition's HTML (a strict build, once per run: conftest.py)."""
    return guide_facilitator_html


def _luminance(rgb: tuple[int, ...]) -> float:
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (x / 255 for x in rgb)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _rgb(css: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", css)[:3])


@pytest.mark.parametrize("theme", ["auto-light", "auto-dark", "light", "dark"])
@pytest.mark.parametrize("viewport", ["1280", "375"])
def test_banner_is_readable(
    facilitator_site: Path, browser: Browser, theme: str, viewport: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    dark = theme.endswith("dark")
    # The system's scheme; a reader's own choice is tried against the other one.
    scheme = {"auto-light": "light", "auto-dark": "dark", "light": "dark", "dark": "light"}[theme]
    context = browser.new_context(
        viewport=DESKTOP if viewport == "1280" else MOBILE, color_scheme=scheme
    )
    try:
        page = context.new_page()
        if not theme.startswith("auto"):
            # the reader's own choice, as furo's theme button stores it
            page.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        page.goto((facilitator_site / "sessions.html").as_uri(), wait_until="load")
        banner = page.locator(".sg-edition-banner")
        assert banner.is_visible()
        box = banner.bounding_box()
        assert box is not None
        assert box["y"] <= 1  # at the very top of the page
        assert "FACILITATOR EDITION" in banner.inner_text()
        colours = banner.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
        )
        fg, bg = (_luminance(_rgb(c)) for c in colours)
        ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
        assert ratio >= 4.5, (theme, colours)
        # dark mode has dark-mode colours (a light bar on the dark page)
        assert (bg > fg) == dark, (theme, colours)
        results = Axe().run(
            page, context=".sg-edition-banner", options={"resultTypes": ["violations"]}
        )
        assert results.response["violations"] == []
    finally:
        context.close()
