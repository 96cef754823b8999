"""``make site``: the publishable site, with the PDF, the EPUB and the handouts as downloads.

Runs the Makefile itself (with BUILDDIR in a temporary folder and the virtual
environment of these tests), as a publisher would: several minutes of TeX.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, pdf_text, require_tools

pytestmark = [pytest.mark.tex, pytest.mark.slow]

DOWNLOADS = {
    "battle-of-chile.pdf": "The guide to print (PDF, A4)",
    "battle-of-chile.epub": "The guide for e-readers (EPUB)",
    "session-1.pdf": "Handout of session 1: The Insurrection of the Bourgeoisie (PDF)",
    # (smart quotes, as in the rest of the text)
    "session-2.pdf": "Handout of session 2: The Coup d’État (PDF)",
    "session-3.pdf": "Handout of session 3: People’s Power (PDF)",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def download_links(page: BeautifulSoup) -> dict[str, str]:
    """File name -> href of each download link on a page."""
    return {Path(a["href"]).name: a["href"] for a in page.select("a.reference.download")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("xelatex", "latexmk", "pdftotext", "make")
    build = tmp_path_factory.mktemp("site-build")
    venv = Path(sys.executable).parent.parent
    result = subprocess.run(
        ["make", "-C", str(ROOT), "site", f"BUILDDIR={build}", f"VENV={venv}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "WARNING" not in result.stderr, result.stderr[-4000:]
    return build / "site"


def test_front_page_links_every_download(site: Path) -> None:
    index = soup(site / "index.html")
    links = download_links(index)
    assert set(links) == set(DOWNLOADS)
    labels = {a.get_text(): Path(a["href"]).name for a in index.select("a.reference.download")}
    assert labels == {label: name for name, label in DOWNLOADS.items()}
    for name, href in links.items():
        assert href.startswith("_downloads/"), href
        data = (site / href).read_bytes()
        assert data.startswith(b"PK" if name.endswith(".epub") else b"%PDF"), name
    assert not index.select(".sg-downloads-note")


def test_sessions_page_links_each_handout(site: Path) -> None:
    sessions = soup(site / "sessions.html")
    for number in (1, 2, 3):
        section = sessions.select_one(f'section[id^="session-{number}-"]')
        assert set(download_links(section)) == {f"session-{number}.pdf"}
    assert not sessions.select(".sg-downloads-note")
    assert "make handouts" not in sessions.get_text()


def test_downloads_are_the_participant_edition(site: Path) -> None:
    links = download_links(soup(site / "index.html"))
    for name in ("battle-of-chile.pdf", "session-2.pdf"):
        text = pdf_text(site / links[name])
        assert "facilitator edition" not in text.lower(), name
    with zipfile.ZipFile(site / links["battle-of-chile.epub"]) as epub:
        names = epub.namelist()
    # The EPUB does not carry the other downloads inside it.
    assert not [n for n in names if n.endswith(".pdf")]
    assert "Facilitator edition" not in (site / "index.html").read_text(encoding="utf-8")


def test_extension_docs_are_published(site: Path) -> None:
    """``make site`` publishes the extension's documentation under extension/."""
    reference = soup(site / "extension" / "reference.html")
    assert reference.title is not None
    assert reference.title.get_text().startswith("Reference")
    assert reference.find(id="directive-discussion-question") is not None
