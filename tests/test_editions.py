"""The facilitator edition says so: HTML titles and banner, PDF title page, heads, file names.

The participant edition carries none of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, latexmk, pdf_text, sphinx_build
from sphinx.testing.util import SphinxTestApp
from studyguide.editions import facilitator_filename

LABEL = "Facilitator edition"
GUIDE_TITLE = "The Battle of Chile: a study guide"
BANNER_NOTE = "It has the facilitator notes; do not share it with participants."
CSS = ROOT / "extensions" / "studyguide" / "static" / "studyguide-edition.css"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(outdir: Path) -> list[Path]:
    found = sorted(Path(outdir).glob("*.html"))
    assert {"genindex.html", "search.html", "index.html"} <= {p.name for p in found}
    return found


def banner_text(page: BeautifulSoup) -> list[str]:
    return [" ".join(b.get_text().split()) for b in page.select(".sg-edition-banner")]


# -- HTML: the small test guide, alabaster ------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="questions",
    srcdir="editions-facilitator-html",
    freshenv=True,
    tags=["facilitator"],
)
def test_every_page_is_labelled_in_the_facilitator_edition(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    for path in pages(app.outdir):
        page = soup(path)
        title = page.title.get_text()
        assert title.endswith(f"Questions test  documentation ({LABEL})"), (path.name, title)
        assert banner_text(page) == [f"{LABEL} — {BANNER_NOTE}"], path.name
        banner = page.select_one(".sg-edition-banner")
        assert banner["role"] == "region"
        assert banner["aria-label"] == LABEL
        # alabaster: first in the text, above the page's own heading
        assert banner.parent.get("class") == ["body"], path.name
        assert banner.parent.find(True, recursive=False) is banner, path.name
        assert page.select_one('link[href*="studyguide-edition.css"]'), path.name


@pytest.mark.sphinx("html", testroot="questions", srcdir="editions-participant-html", freshenv=True)
def test_participant_pages_carry_no_label(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    for path in pages(app.outdir):
        text = path.read_text(encoding="utf-8")
        assert LABEL not in text, path.name
        assert "sg-edition-banner" not in text, path.name
        assert "studyguide-edition.css" not in text, path.name


@pytest.mark.sphinx(
    "html",
    testroot="questions",
    srcdir="editions-spanish-html",
    freshenv=True,
    tags=["facilitator"],
    confoverrides={"language": "es"},
)
def test_label_is_translated(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "index.html")
    assert page.title.get_text().endswith("(Edición para quien modera)")
    assert banner_text(page) == [
        "Edición para quien modera — "
        "Contiene las notas para quien modera; no la comparta con los participantes."
    ]


# -- HTML: the real guide, furo ---------------------------------------------------------------


@pytest.fixture(scope="module")
def facilitator_html(guide_facilitator_html: Path) -> Path:
    """The real guide's facilitator edition as HTML (a strict build, once per run)."""
    return guide_facilitator_html


def test_guide_facilitator_pages_in_furo(facilitator_html: Path) -> None:
    titles = {}
    for path in pages(facilitator_html):
        page = soup(path)
        titles[path.name] = page.title.get_text()
        # furo: the banner opens the page, above the navigation and the text.
        banner = page.body.find(True, recursive=False)
        assert "sg-edition-banner" in banner["class"], path.name
        assert banner_text(page) == [f"{LABEL} — {BANNER_NOTE}"], path.name
        brand = page.select_one(".sidebar-brand-text").get_text(strip=True)
        assert brand == f"{GUIDE_TITLE} ({LABEL})"
    # The front page names the guide once; the others, page and guide.
    assert titles["index.html"] == f"{GUIDE_TITLE} ({LABEL})"
    assert titles["sessions.html"] == f"Sessions - {GUIDE_TITLE} ({LABEL})"
    assert titles["genindex.html"] == f"Index - {GUIDE_TITLE} ({LABEL})"
    assert titles["search.html"] == f"Search - {GUIDE_TITLE} ({LABEL})"


def test_guide_participant_pages_in_furo(guide_html: Path) -> None:
    assert soup(guide_html / "index.html").title.get_text() == GUIDE_TITLE
    assert soup(guide_html / "sessions.html").title.get_text() == f"Sessions - {GUIDE_TITLE}"
    for path in pages(guide_html):
        text = path.read_text(encoding="utf-8")
        assert LABEL not in text, path.name
        assert "sg-edition-banner" not in text, path.name


# -- The banner's colours ---------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_banner_contrast_in_light_and_dark_mode() -> None:
    css = CSS.read_text(encoding="utf-8")
    # Each colour once, light and dark value (the switch: studyguide-glossary.css).
    colour = r"var\(--sg-light, (#[0-9a-f]{6})\) var\(--sg-dark, (#[0-9a-f]{6})\);"
    found = re.findall(rf"--sg-edition-fg: {colour}\s*--sg-edition-bg: {colour}", css)
    assert len(found) == 1, found
    light_fg, dark_fg, light_bg, dark_bg = found[0]
    for foreground, background in [(light_fg, light_bg), (dark_fg, dark_bg)]:
        assert contrast(foreground, background) >= 4.5, (foreground, background)


# -- LaTeX and PDF ----------------------------------------------------------------------------


def test_facilitator_file_names() -> None:
    assert facilitator_filename("battle-of-chile.tex") == "battle-of-chile-facilitator.tex"
    assert facilitator_filename("session-2.tex") == "session-2-facilitator.tex"
    assert facilitator_filename("session-2-facilitator.tex") == "session-2-facilitator.tex"


@pytest.mark.sphinx(
    "latex",
    testroot="questions",
    srcdir="editions-facilitator-latex",
    freshenv=True,
    tags=["facilitator"],
)
def test_facilitator_latex(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    assert sorted(p.name for p in outdir.glob("*.tex")) == [
        "handout-facilitator.tex",
        "questions-test-facilitator.tex",
    ]
    info = (outdir / "sgbookinfo.sty").read_text(encoding="utf-8")
    assert rf"\def\sphinxstudyguideedition{{{LABEL}}}" in info
    tex = (outdir / "questions-test-facilitator.tex").read_text(encoding="utf-8")
    assert r"\usepackage{sgbook}" in tex
    assert r"\sphinxmaketitle" in tex
    # The title page and the running heads print the label (sgbook.sty).
    sty = (outdir / "sgbook.sty").read_text(encoding="utf-8")
    title_page = sty[sty.index(r"\renewcommand{\sphinxmaketitle}") :]
    assert r"\sgeditionlabel" in title_page[: title_page.index(r"\end{titlepage}")]
    assert r"\fancyhead[L]{\small\sffamily\sphinxstudyguidebooktitle\sgeditionhead}" in sty


@pytest.mark.sphinx(
    "latex", testroot="questions", srcdir="editions-participant-latex", freshenv=True
)
def test_participant_latex(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    assert sorted(p.name for p in outdir.glob("*.tex")) == ["handout.tex", "questions-test.tex"]
    assert "sphinxstudyguideedition" not in (outdir / "sgbookinfo.sty").read_text(encoding="utf-8")


@pytest.mark.tex
@pytest.mark.sphinx(
    "latex",
    testroot="questions",
    srcdir="editions-facilitator-pdf",
    freshenv=True,
    tags=["facilitator"],
)
def test_facilitator_pdf_title_page_and_running_heads(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    latexmk(app.outdir, "questions-test-facilitator.pdf")
    book = Path(app.outdir) / "questions-test-facilitator.pdf"
    book_pages = pdf_text(book, "-layout").split("\f")
    assert "FACILITATOR EDITION" in book_pages[0]
    # Every running head (chapter openings have none) names the edition.
    firsts = [page.strip().splitlines()[0] for page in book_pages[1:] if page.strip()]
    heads = [line for line in firsts if line.startswith("Questions test")]
    assert len(heads) >= 4, firsts
    for head in heads:
        assert head.startswith(f"Questions test · {LABEL}"), head


@pytest.mark.tex
@pytest.mark.slow
def test_facilitator_handout_pdf(tmp_path: Path) -> None:
    """The real guide's facilitator handout: its title block and every page's head."""
    outdir = tmp_path / "latex"
    result = sphinx_build("latex", outdir, "-t", "handouts", "-t", "facilitator")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert sorted(p.name for p in outdir.glob("session-*.tex")) == [
        f"session-{n}-facilitator.tex" for n in (1, 2, 3)
    ]
    latexmk(outdir, "session-2-facilitator.pdf")
    handout = pdf_text(outdir / "session-2-facilitator.pdf", "-layout").split("\f")
    assert "FACILITATOR EDITION" in handout[0]
    for page in filter(str.strip, handout):
        head = page.strip().splitlines()[0]
        assert head.startswith(f"Session 2: The Coup d’État · {LABEL}"), head
