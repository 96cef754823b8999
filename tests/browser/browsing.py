"""Helpers shared by the browser tests: pages cut off from the network, traffic logs.

Every page blocks requests that leave localhost; the YouTube iframe is answered
with a local stub, so it is counted without touching the network.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from guidetest import ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, Route

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIDEO_HOST = "www.youtube-nocookie.com"
VIDEO_STUB = (
    "<!doctype html><title>video stub</title>"
    '<body style="margin:0;background:#888;color:#fff">video stub</body>'
)
SCREENSHOTS = ROOT / "tests" / "output" / "screenshots"
MOBILE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
CHAPTERS = ["part-1-insurrection", "part-2-coup", "part-3-peoples-power"]

#: JavaScript for the body of a function given to ``page.evaluate``: ``rgb(css)``,
#: ``background(element)`` (the colour behind it, translucent layers blended),
#: ``ratio(a, b)`` (WCAG contrast of two colours).
CONTRAST_HELPERS = """
  const rgb = c => { const m = c.match(/[\\d.]+/g).map(Number);
                     return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
  const background = el => {
    // Blend the translucent backgrounds up to the first opaque one.
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
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that does not log every request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve *directory* over HTTP on a free localhost port: the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Traffic:
    """What a page did on the network and in its console."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    video_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything that must not happen on a page of the guide."""
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"request leaving localhost: {m}" for m in self.blocked]
        )

    def clear(self) -> None:
        """Forget what was recorded so far (before visiting the next page)."""
        for log in (
            self.console_errors,
            self.page_errors,
            self.failed,
            self.blocked,
            self.video_requests,
        ):
            log.clear()


def open_page(
    browser: Browser, base_url: str, viewport: dict[str, int], *, touch: bool = False
) -> tuple[Page, Traffic]:
    """A new page in a fresh context, cut off from the network, recording traffic.

    ``touch``: a phone's touch screen (taps, no hover).
    """
    context = browser.new_context(
        viewport=viewport, service_workers="block", has_touch=touch, is_mobile=touch
    )
    page = context.new_page()
    traffic = Traffic()
    local = urlsplit(base_url).netloc

    def route(route: Route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"} or parts.netloc == local:
            route.continue_()
        elif parts.hostname == VIDEO_HOST and route.request.resource_type == "document":
            # The embedded player: counted and answered locally, never fetched.
            traffic.video_requests.append(url)
            route.fulfill(status=200, content_type="text/html", body=VIDEO_STUB)
        else:
            traffic.blocked.append(url)
            route.abort()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            traffic.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_failed(request: Request) -> None:
        # Requests we aborted ourselves are already listed as "blocked".  One
        # the browser cancelled (net::ERR_ABORTED: the test followed a link
        # before the favicon of the page it left had loaded) is no fault of
        # the page; a missing file is still an HTTP 404, below.
        if request.url not in traffic.blocked and request.failure != "net::ERR_ABORTED":
            traffic.failed.append(f"{request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            traffic.failed.append(f"{response.url} (HTTP {response.status})")

    context.route("**/*", route)
    page.on("console", on_console)
    page.on("pageerror", lambda error: traffic.page_errors.append(str(error)))
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    return page, traffic


def html_pages(site: Path) -> list[str]:
    """Every page of the guide, relative to the site's root."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if not path.relative_to(site).parts[0].startswith("_")
    )


def need_page(site: Path, name: str, feature: str) -> None:
    """Fail when a page of the guide is missing from the build: a regression, never a skip."""
    assert (site / name).is_file(), f"{name} is missing from the build ({feature})"


def scroll_width(page: Page) -> tuple[int, int]:
    """The document's scroll width and the viewport's width."""
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    return int(width), int(inner)
