"""Browser fixtures: the built guide served on localhost and a headless Chromium.

The guide is built once per session (``guide_html`` from ``tests/conftest.py``),
served by ``http.server`` in a thread on a free port, and opened in Debian's
Chromium through Playwright (Playwright's own browsers are never downloaded).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    MOBILE,
    Traffic,
    open_page,
    serve_directory,
)
from guidetest import require_tools

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright


@pytest.fixture(scope="session")
def site(guide_html: Path) -> Path:
    """The built HTML guide (one strict build per test session)."""
    return guide_html


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The guide served over HTTP on a free localhost port."""
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """Playwright's driver (skips without Chromium, fails in CI)."""
    require_tools("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """One headless Chromium (Debian's) for the whole session."""
    executable = shutil.which("chromium") or CHROMIUM
    browser = playwright_session.chromium.launch(
        executable_path=executable, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def desktop(browser: Browser, base_url: str) -> Iterator[tuple[Page, Traffic]]:
    """A page 1280 px wide, cut off from the network."""
    page, traffic = open_page(browser, base_url, DESKTOP)
    yield page, traffic
    page.context.close()


@pytest.fixture
def mobile(browser: Browser, base_url: str) -> Iterator[tuple[Page, Traffic]]:
    """A page 375 px wide (a phone), cut off from the network."""
    page, traffic = open_page(browser, base_url, MOBILE)
    yield page, traffic
    page.context.close()
