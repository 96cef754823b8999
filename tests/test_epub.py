"""The e-reader edition: the video is a link, and epubcheck accepts the book."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import require_tools
from sphinx.testing.util import SphinxTestApp

URL = "https://www.youtube.com/watch?v=CnTPJ6kmB0s"


def epubcheck(epub: Path) -> subprocess.CompletedProcess[str]:
    """Run epubcheck; Debian installs it as a bare .jar, run with java."""
    require_tools("epubcheck", "java")
    tool = Path(shutil.which("epubcheck") or "epubcheck").resolve()
    cmd = ["java", "-jar", str(tool)] if tool.suffix == ".jar" else [str(tool)]
    return subprocess.run([*cmd, str(epub)], capture_output=True, text=True, check=False)


@pytest.mark.sphinx("epub", testroot="video")
def test_video_is_a_link_in_epub(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup(
        (Path(app.outdir) / "chapter.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    (video,) = soup.select("p.studyguide-video")
    assert video.get_text() == f"Watch this part of the film: {URL}"
    assert video.a is not None
    assert video.a["href"] == URL
    assert not soup.find("iframe")


@pytest.mark.slow
def test_guide_epub_passes_epubcheck(guide_epub: Path) -> None:
    require_tools("epubcheck", "java")
    # The strict build (conftest.py) puts its doctrees apart: in the EPUB's
    # directory they would be packed as content.
    outdir = guide_epub
    (epub,) = outdir.glob("*.epub")
    check = epubcheck(epub)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 fatals / 0 errors / 0 warnings" in check.stdout
    part1 = (outdir / "part-1-insurrection.xhtml").read_text(encoding="utf-8")
    assert f'href="{URL}"' in part1
    # An e-reader has no tooltips: the glossary says what its links do.
    glossary = (outdir / "glossary.xhtml").read_text(encoding="utf-8")
    assert "point at the link" not in glossary
    assert "links to\nits entry here." in glossary
