"""Downloads: built files linked as Sphinx downloads, or a note where they are missing."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, soup
from guidetest import build as guide_build
from sphinx.testing.util import SphinxTestApp

NOTE = "The PDFs come with the site: make site."
LABELS = ["The book (PDF)", "Handout 1 (PDF)", "Handout 2 (PDF)"]
FILES = {
    "latex/book.pdf": 2_400_000,
    "handouts/handout-1.pdf": 1_500,
    "handouts/handout-2.pdf": 1_500,
}


def make_files(build: Path, *names: str) -> None:
    """Stand-ins for the PDFs other builds leave in the build directory."""
    for name in names or FILES:
        path = build / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n" + name.encode() + b"\n" * FILES[name])


def warnings(app: SphinxTestApp) -> str:
    """The build's warnings, without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue()).strip()


def build_dir(app: SphinxTestApp) -> Path:
    """Where the paths of studyguide_downloads start: the folder of the output folder."""
    return Path(app.outdir).parent


def links(page: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in page.select(".sg-downloads a.reference.download")]


def notes(page: BeautifulSoup) -> list[str]:
    return [" ".join(n.get_text().split()) for n in page.select(".sg-downloads-note")]


def build(srcdir: Path) -> SphinxTestApp:
    """Build a copy of the test root; clean up at once, so builds can follow each other."""
    app = guide_build(srcdir)
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app


@pytest.mark.sphinx("html", testroot="downloads", srcdir="downloads-present", freshenv=True)
def test_present_files_are_copied_and_linked(app: SphinxTestApp) -> None:
    make_files(build_dir(app))
    app.build()
    assert app.warning.getvalue() == ""
    index = soup(app.outdir, "index.html")
    block = index.select_one(".sg-downloads")
    assert block.select_one("h2.rubric").get_text() == "Get the files"
    assert block.select_one("p").get_text() == "Everything to print."
    assert links(index) == LABELS
    for anchor, name in zip(block.select("a.reference.download"), FILES, strict=True):
        href = anchor["href"]
        assert href.startswith("_downloads/"), href
        assert href.endswith("/" + Path(name).name)
        copied = app.outdir / href
        assert copied.read_bytes() == (Path(app.outdir).parent / name).read_bytes()
    assert [s.get_text() for s in block.select(".sg-download-size")] == ["2.4 MB", "2 kB", "2 kB"]
    assert notes(index) == []
    # On the sessions page, each session links its own handout.
    sessions = soup(app.outdir, "sessions.html")
    for number in (1, 2):
        section = sessions.select_one(f"section#session-{number}")
        assert links(section) == [f"Handout {number} (PDF)"]
    assert notes(sessions) == []


def test_missing_files_give_a_note_once_a_page_until_they_exist(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "roots" / "test-downloads", srcdir)
    app = build(srcdir)  # no warning: a plain make html without TeX stays strict
    index = soup(app.outdir, "index.html")
    assert links(index) == []
    assert notes(index) == [NOTE]
    assert index.select_one(".sg-downloads-note code").get_text() == "make site"
    assert index.select_one(".sg-downloads h2.rubric").get_text() == "Get the files"
    sessions = soup(app.outdir, "sessions.html")
    assert notes(sessions) == [NOTE]
    assert notes(sessions.select_one("section#session-1")) == [NOTE]
    assert sessions.select_one("section#session-2 .sg-downloads") is None

    # The book appears (make pdf): the pages are read again and link it.
    make_files(build_dir(app), "latex/book.pdf")
    build(srcdir)
    index = soup(app.outdir, "index.html")
    assert links(index) == ["The book (PDF)"]
    assert notes(index) == [NOTE]
    # Then the handouts: no note is left.
    make_files(build_dir(app), "handouts/handout-1.pdf", "handouts/handout-2.pdf")
    build(srcdir)
    assert links(soup(app.outdir, "index.html")) == LABELS
    sessions = soup(app.outdir, "sessions.html")
    assert links(sessions) == LABELS[1:]
    assert notes(sessions) == []


@pytest.mark.sphinx(
    "html",
    testroot="downloads",
    srcdir="downloads-default-note",
    freshenv=True,
    confoverrides={"studyguide_downloads_note": "", "language": "es"},
)
def test_default_note_is_translated(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert notes(soup(app.outdir, "index.html")) == [
        "El PDF, el EPUB y las hojas de cada sesión se publican con la edición web."
    ]


@pytest.mark.sphinx("latex", testroot="downloads", srcdir="downloads-latex", freshenv=True)
def test_latex_prints_nothing_of_the_downloads(app: SphinxTestApp) -> None:
    make_files(build_dir(app), "latex/book.pdf")  # one present, two missing: list and note
    app.build()
    assert app.warning.getvalue() == ""
    (tex_file,) = Path(app.outdir).glob("*.tex")
    tex = tex_file.read_text(encoding="utf-8")
    for text in ("Get the files", "Everything to print", "The book (PDF)", "come with the site"):
        assert text not in tex


@pytest.mark.sphinx("html", testroot="downloads", srcdir="downloads-unknown", freshenv=True)
def test_unknown_download_name(app: SphinxTestApp) -> None:
    source = Path(app.srcdir) / "sessions.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\n```{studyguide-downloads} handout-9\n```\n",
        encoding="utf-8",
    )
    app.build()
    assert warnings(app) == (
        f"{source}:15: WARNING: studyguide-downloads: unknown download 'handout-9'; "
        "the names in studyguide_downloads are: book, handout-1, handout-2 "
        "[studyguide.downloads]"
    )


@pytest.mark.sphinx(
    "html",
    testroot="downloads",
    srcdir="downloads-bad-config",
    freshenv=True,
    confoverrides={"studyguide_downloads": {"book": "latex/book.pdf"}},
)
def test_malformed_setting(app: SphinxTestApp) -> None:
    assert warnings(app) == (
        "WARNING: studyguide_downloads must map names to (label, path) pairs of strings, "
        'e.g. {"guide-pdf": ("The guide (PDF)", "latex/guide.pdf")}; no downloads are listed '
        "[studyguide.downloads]"
    )


def test_symbolic_link_out_of_the_build_directory_is_refused(tmp_path: Path) -> None:
    """A built file's path that is a link to a file outside is not copied, and says why."""
    srcdir = tmp_path / "downloads"
    shutil.copytree(ROOT / "tests" / "roots" / "test-downloads", srcdir)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the site\n", encoding="utf-8")
    build = srcdir / "_build"
    make_files(build, "handouts/handout-1.pdf", "handouts/handout-2.pdf")
    (build / "latex").mkdir()
    (build / "latex" / "book.pdf").symlink_to(secret)
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings(app) == (
        "WARNING: studyguide_downloads['book']: the path 'latex/book.pdf' leaves the build "
        "directory (an absolute path, '..' or a symbolic link pointing out); give a path "
        "inside it, relative to it, e.g. 'latex/guide.pdf'; 'book' is not listed "
        "[studyguide.downloads]"
    )
    assert build_dir(app) == build
    assert links(soup(app.outdir, "index.html")) == LABELS[1:]
    copied = [path.read_bytes() for path in Path(app.outdir).rglob("*") if path.is_file()]
    assert secret.read_bytes() not in copied
