"""``make live``: sphinx-autobuild serves the guide and the open page follows an edit.

The test works on a copy (``conf.py`` and ``docs/`` in a tmp dir, the extension
linked), never on the real ``docs/``, and stops the server it started.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import DESKTOP, ROOT, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

AUTOBUILD = ROOT / ".venv" / "bin" / "sphinx-autobuild"
CHAPTER = "part-2-coup"
# How long a reader may wait for the page to follow an edit, on a busy machine.
FOLLOW_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _index_entries(searchindex: str) -> dict[str, object]:
    """The index entries of a served ``searchindex.js``."""
    prefix = "Search.setIndex("
    assert searchindex.startswith(prefix), searchindex[:100]
    entries: dict[str, object] = json.loads(searchindex[len(prefix) : -1])["indexentries"]
    return entries


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    """sphinx-autobuild on a copy of the guide, on a free port; stopped afterwards."""
    if not AUTOBUILD.exists():
        pytest.fail(f"{AUTOBUILD} is missing (make venv installs it from requirements.txt)")
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "conf.py", project / "conf.py")
    shutil.copytree(ROOT / "docs", project / "docs")
    # conf.py puts <its dir>/extensions on sys.path.
    (project / "extensions").symlink_to(ROOT / "extensions", target_is_directory=True)
    port = _free_port()
    log = (tmp_path / "autobuild.log").open("wb")
    # The same strict flags as `make live`.
    process = subprocess.Popen(
        [
            str(AUTOBUILD),
            "-c",
            str(project),
            "-n",
            "-W",
            "--keep-going",
            "--port",
            str(port),
            "--host",
            "127.0.0.1",
            "--watch",
            str(project / "conf.py"),
            str(project / "docs"),
            str(tmp_path / "out"),
        ],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while _get(f"{url}{CHAPTER}.html") is None:
            if process.poll() is not None:
                pytest.fail(
                    "sphinx-autobuild stopped:\n"
                    + (tmp_path / "autobuild.log").read_text(errors="replace")[-3000:]
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    "sphinx-autobuild served nothing within 60 s:\n"
                    + (tmp_path / "autobuild.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.25)
        yield url, project, process
    finally:
        # Only the process group this fixture started.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


def test_live_server_follows_an_edit(
    live_server: tuple[str, Path, subprocess.Popen[bytes]],
    browser: Browser,
) -> None:
    url, project, process = live_server
    index_before = _index_entries(_get(f"{url}searchindex.js") or "")
    assert len(index_before) > 100  # the guide's glossary terms and mentions
    page, traffic = open_page(browser, url, DESKTOP)
    try:
        page.goto(f"{url}{CHAPTER}.html", wait_until="load")
        marker = f"Live edit marker {time.time_ns()}"
        assert marker not in page.content()
        source = project / "docs" / f"{CHAPTER}.md"
        source.write_text(source.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
        start = time.monotonic()
        # The served file changes...
        while marker not in (_get(f"{url}{CHAPTER}.html") or ""):
            assert process.poll() is None, "sphinx-autobuild stopped after the edit"
            assert time.monotonic() - start < FOLLOW_SECONDS, (
                f"the served page did not change within {FOLLOW_SECONDS} s"
            )
            time.sleep(0.2)
        served = time.monotonic() - start
        # ... and the page open in the browser reloads itself (livereload's websocket).
        page.wait_for_function(
            "marker => document.body.innerText.includes(marker)",
            arg=marker,
            timeout=FOLLOW_SECONDS * 1000,
        )
        print(
            f"served after {served:.1f} s, browser reloaded after {time.monotonic() - start:.1f} s"
        )
        assert traffic.problems() == []
        # The rebuild kept the whole search index (Sphinx 9.0.4 alone drops the
        # index entries of the pages it does not write again).
        assert _index_entries(_get(f"{url}searchindex.js") or "") == index_before
    finally:
        page.context.close()
    # The real sources were not touched.
    assert marker not in (ROOT / "docs" / f"{CHAPTER}.md").read_text(encoding="utf-8")
