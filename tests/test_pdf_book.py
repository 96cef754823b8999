"""The printed guide as a PDF: text, page size, fonts, QR code, outline, overfull lines.

Needs TeX Live and poppler (and zbar for the QR code): skipped without them on
a user's machine, failing in CI.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from guidetest import ROOT, latexmk, pdf_text, require_tools
from sphinx.testing.util import SphinxTestApp
from studyguide.book import missing_characters, overfull_boxes, undefined_references

pytestmark = pytest.mark.tex

URL = "https://www.youtube.com/watch?v=CnTPJ6kmB0s"
A4 = "595.28 x 841.89 pts (A4)"
LETTER = "612 x 792 pts (letter)"


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def make_pdf(outdir: Path) -> Path:
    """Run latexmk strictly on a LaTeX build's output; return the PDF."""
    require_tools("xelatex", "latexmk", "pdfinfo")
    latexmk(outdir)
    (pdf,) = Path(outdir).glob("*.pdf")
    return pdf


def pdfinfo(pdf: Path) -> dict[str, str]:
    lines = _run("pdfinfo", str(pdf)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


def unembedded_fonts(pdf: Path) -> list[str]:
    # pdffonts: name type encoding emb sub uni object-id; names have no spaces
    # once embedded (subset prefix), and "emb" is the 4th column from the end.
    rows = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "pdffonts found no font"
    return [row for row in rows if row.split()[-5] != "yes"]


def decode_qr_codes(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """Render one page at 150 dpi, as a phone camera would see a print, and decode it."""
    require_tools("pdftoppm", "zbarimg")
    prefix = tmp_path / f"page{page}"
    _run("pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), str(pdf), str(prefix))
    (png,) = tmp_path.glob(f"page{page}*.png")
    return _run("zbarimg", "-q", "--raw", str(png)).split()


def pages(pdf: Path) -> list[str]:
    """The text of each page (form feeds separate pages in pdftotext's output)."""
    return pdf_text(pdf, "-layout").split("\f")


def page_of(pdf: Path, text: str) -> int:
    """The 1-based number of the first PDF page with *text*."""
    return next(n for n, page in enumerate(pages(pdf), 1) if text in page)


# -- The small test book ---------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="video", confoverrides={"studyguide_paper": "letter"})
def test_small_book_on_letter_paper(app: SphinxTestApp, tmp_path: Path) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    pdf = make_pdf(Path(app.outdir))
    info = pdfinfo(pdf)
    assert info["Page size"] == LETTER
    assert info["Title"] == "Video test: a small book"
    assert info["Subject"] == "A test of the book layout"
    assert info["Keywords"] == "video, QR code"
    assert unembedded_fonts(pdf) == []
    # The QR code and its URL are on one page, and the code decodes to the URL.
    page = page_of(pdf, "Watch this part of the film")
    assert URL in pages(pdf)[page - 1]
    assert decode_qr_codes(pdf, page, tmp_path) == [URL]
    text = pdf_text(pdf)
    assert "Bolívar Hall" in text
    assert "Cordón and MAIPÚ" in text  # a glossary term, in small capitals
    assert re.search(r"Appendix A\s+Glossary", text, re.IGNORECASE)
    assert "Release 0.1 · " in text


# -- The real guide ---------------------------------------------------------------

CHAPTERS = [
    "I – The Insurrection of the Bourgeoisie",
    "II – The Coup d’État",
    "III – People’s Power",
]


def test_guide_metadata_and_paper(guide_pdf: Path) -> None:
    info = pdfinfo(guide_pdf)
    assert info["Title"] == "The Battle of Chile: a study guide"
    assert info["Author"] == "The study guide's contributors"
    assert info["Subject"].startswith("Reviews of Patricio Guzmán")
    assert "Salvador Allende" in info["Keywords"].split(", ")
    assert info["Page size"] == A4


def test_guide_fonts_are_embedded(guide_pdf: Path) -> None:
    require_tools("pdffonts")
    assert unembedded_fonts(guide_pdf) == []


def test_guide_text_has_every_part(guide_pdf: Path) -> None:
    text = pdf_text(guide_pdf)
    assert "The Battle of Chile" in text
    assert "A study guide" in text
    contents = pages(guide_pdf)[1]
    assert "Contents" in contents
    for title in ["About this guide", *CHAPTERS]:
        assert title in contents, title
        assert title in text
    # Accents and typographic quotes survive.
    for word in ("Bolívar", "Chávez", "d’État", "People’s"):
        assert word in text, word
    if (ROOT / "docs" / "glossary.md").exists():
        assert re.search(r"Appendix A\s+Glossary", text, re.IGNORECASE)
        assert "Glossary" in contents
        index = pages(guide_pdf)[-2] + pages(guide_pdf)[-1]
        assert "Index" in index
        assert re.search(r"\b\d+\b", index), "the index has no page numbers"


def test_guide_video_qr_code_decodes(guide_pdf: Path, tmp_path: Path) -> None:
    page = page_of(guide_pdf, "Watch this part of the film")
    assert URL in pages(guide_pdf)[page - 1]
    assert decode_qr_codes(guide_pdf, page, tmp_path) == [URL]


def _bookmark_title(raw: str) -> str:
    """Decode hyperref's bookmark string: ``\\376\\377`` then UTF-16BE, octal escaped."""
    data = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]), raw.encode("latin-1"))
    return data.removeprefix(b"\xfe\xff").decode("utf-16-be")


def test_guide_outline_mirrors_the_chapters(guide_pdf: Path) -> None:
    # hyperref writes the outline (bookmarks) into the .out file beside the PDF.
    out = guide_pdf.with_suffix(".out").read_text(encoding="latin-1")
    bookmarks = re.findall(r"^\\BOOKMARK \[(\d)\]\[-\]\{[^}]*\}\{(.*?)\}\{", out, re.MULTILINE)
    top = [_bookmark_title(title) for level, title in bookmarks if level == "0"]
    expected = ["About this guide", *CHAPTERS]
    assert top[: len(expected)] == expected
    if (ROOT / "docs" / "glossary.md").exists():
        assert "Glossary" in top[len(expected) :]


def test_guide_has_no_line_in_the_margin(guide_pdf: Path) -> None:
    log = guide_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert overfull_boxes(log, limit=3.0) == []


def test_guide_glossary_page_references(guide_pdf: Path) -> None:
    """A "(p. N)" after a linked name points at the page where the entry is."""
    texts = pages(guide_pdf)
    printed: dict[str, str] = {}
    for page in texts:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and lines[-1].isdigit():
            printed[lines[-1]] = page
    reference = re.compile(r"(\w+)\W{0,2} \(p\. (\d+)\)")
    refs = [(m[1], m[2]) for page in texts for m in reference.finditer(page)]
    assert refs, "the guide prints no glossary page reference"
    glossary_refs = 0
    for word, number in refs:
        assert number in printed, f"no page {number} for {word!r}"
        # The running head, or on the appendix's first page its heading.
        head = " ".join([ln for ln in printed[number].splitlines() if ln.strip()][:2])
        glossary_refs += "Glossary" in head
    # Questions refer to chapters too; most references lead to the glossary.
    assert glossary_refs > len(refs) // 2
    # A mention may be an alias ("first coup attempt" for Tanquetazo), so not
    # every word is on its page; an off-by-one page would miss nearly all.
    missing = [(w, n) for w, n in refs if w.lower() not in printed[n].lower()]
    assert len(missing) <= len(refs) // 10, missing


def test_guide_index_page_numbers_and_ranges(guide_pdf: Path) -> None:
    """Every page number of the index is a page of the book; ranges print as 19–21."""
    # Without -layout: one column after the other, an entry a line.
    texts = pdf_text(guide_pdf).split("\f")
    count = len(pdf_text(guide_pdf, "-layout").split("\f")) - 1
    start = next(n for n, page in enumerate(texts) if page.lstrip().startswith("Index"))
    index = "\n".join(texts[start:])
    # An entry's locators end its line: "dual power, 14–16, 20, 45" (a long
    # entry continues on the next line after a comma).
    entries = re.sub(r",\n(?=\d)", ", ", index).splitlines()
    tails = [m.group(0) for e in entries if (m := re.search(r"(,\s*\d+(\s*[–-]+\s*\d+)?)+$", e))]
    locators = [
        found for tail in tails for found in re.findall(r"(\d+)(?:\s*([–-]+)\s*(\d+))?", tail)
    ]
    assert locators, "the index has no page numbers"
    for first, dash, last in locators:
        assert 1 <= int(first) <= count, f"page {first} in the index; the book has {count}"
        if dash:
            assert dash == "–", f"range {first}{dash}{last} printed without an en dash"
            assert int(first) < int(last) <= count
    assert (guide_pdf.parent / "sphinx.xdy").read_text(encoding="utf-8").count("markup-range") == 1


def test_guide_log_has_no_undefined_reference_or_missing_glyph(guide_pdf: Path) -> None:
    # A question box pushed to the next page kept its label (tcolorbox's
    # "phantom"): every link to a question leads somewhere.
    log = guide_pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert undefined_references(log) == []
    assert missing_characters(log) == []
    assert "There were undefined references" not in log


#: The title bar of a question box (sgquestions.sty: sgquestionframe).
QUESTION_BAR = (31, 78, 121)


def _ppm(path: Path) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (pdftoppm's default output)."""
    magic, size, _maxval, pixels = path.read_bytes().split(b"\n", 3)
    assert magic == b"P6"
    width, height = map(int, size.split())
    return width, height, pixels


def _channel_tables(test: Callable[[int, int], bool]) -> list[bytes]:
    """Per RGB channel, a table mapping a byte value to 1 where ``test(value, channel)``."""
    return [bytes(int(test(value, channel)) for value in range(256)) for channel in range(3)]


#: Pixels of the bar's colour, and white ones, as per-channel byte tables.
BAR_TABLES = _channel_tables(lambda value, channel: abs(value - QUESTION_BAR[channel]) < 12)
WHITE_TABLES = _channel_tables(lambda value, channel: value > 200)


def _matches(row: bytes, tables: list[bytes]) -> bytes:
    """One byte per pixel of an RGB row: 1 where every channel passes its table, else 0.

    (Whole rows through ``bytes.translate`` and integer AND: a page of pixels
    one by one in Python took over a minute for the guide.)
    """
    width = len(row) // 3
    combined = -1
    for channel, table in enumerate(tables):
        combined &= int.from_bytes(row[channel::3].translate(table), "big")
    return combined.to_bytes(width, "big")


def question_bars(pdf: Path, tmp_path: Path) -> list[tuple[str, int, int]]:
    """Each question title bar of the PDF: page image, first row, and how many
    white pixels its left two fifths hold (where the number is printed)."""
    require_tools("pdftoppm")
    _run("pdftoppm", "-r", "72", str(pdf), str(tmp_path / "page"))
    found: list[tuple[str, int, int]] = []
    for image in sorted(tmp_path.glob("page-*.ppm")):
        width, height, pixels = _ppm(image)
        previous = -2
        for y in range(height):
            row = pixels[y * width * 3 : (y + 1) * width * 3]
            bar = _matches(row, BAR_TABLES)
            if bar.count(1) < width // 2:
                continue
            first, last = bar.find(1), bar.rfind(1)
            left = slice(first, first + (last - first) * 2 // 5)
            white = _matches(row, WHITE_TABLES)[left].count(1)
            if y != previous + 1:
                found.append((image.name, y, 0))
            name, top, count = found[-1]
            found[-1] = (name, top, count + white)
            previous = y
    return found


def test_guide_question_numbers_are_white_on_their_bar(guide_pdf: Path, tmp_path: Path) -> None:
    # A number that is a link was printed in link blue on the dark bar: no
    # white pixels where the number stands.
    bars = question_bars(guide_pdf, tmp_path)
    assert len(bars) >= 20
    unreadable = [(image, y) for image, y, white in bars if white < 20]
    assert unreadable == []


def test_guide_prints_each_question_once(guide_pdf: Path) -> None:
    text = pages(guide_pdf)
    listing = page_of(guide_pdf, "All the guide’s discussion questions")
    boxes = sum(len(re.findall(r"Question 1\.1\s+CORE\s+5 minutes", page)) for page in text)
    assert boxes == 1
    # The list gives the question in full (no fragment ending in "…") and its page.
    entry = re.sub(r"\s+", " ", text[listing - 1])
    found = re.search(
        r"Question 1\.1 CORE \(5 minutes\): This first part ends on the last images the "
        r"cameraman Leonardo Henrichsen filmed: a soldier aims at the camera and fires\. What "
        r"does ending there do to the way you look back on what came before\? \(p\. (\d+)\)",
        entry,
    )
    assert found, entry[:600]
    # The page printed at the foot of the page with the question's box.
    chapter_page = text[page_of(guide_pdf, "This first part ends on the last images") - 1]
    assert re.search(rf"^\s*{found[1]}\s*$", chapter_page, re.MULTILINE)


def test_guide_page_references_follow_the_whole_phrase(guide_pdf: Path) -> None:
    # Small capitals: pdftotext reads the terms in capitals.
    text = re.sub(r"\s+", " ", pdf_text(guide_pdf))
    # After a gloss in parentheses, not between the term and its gloss.
    assert "FATHERLAND AND FREEDOM (Patria y Libertad) (p. " in text
    assert "FATHERLAND AND FREEDOM (p." not in text
    # Outside quotes, and outside the italics of a quoted chant.
    assert re.search(r"“INDUSTRIAL BELTS” \(p\. \d+\)", text)
    assert not re.search(r"(?<!“)\(p\. \d+\)[”’]", text)  # the intro quotes “(p. 42)”
    assert "el CONGRESO NACIONAL (Close, close / the Parliament) (p. " in text
    # "Mentioned in": a page after a comma, no parentheses inside parentheses.
    assert re.search(r"Mentioned in: I – The Insurrection of the Bourgeoisie, p\. \d+", text)
    assert "(p. " not in "".join(re.findall(r"Mentioned in:[^.]*\.", text))


def test_guide_terms_are_small_capitals_not_blue_italics(guide_latex: Path) -> None:
    style = (guide_latex / "sgglossary.sty").read_text(encoding="utf-8")
    assert r"\protected\def\sphinxtermref#1{{\normalcolor\textsc{#1}}}" in style


@pytest.mark.sphinx(
    "latex",
    testroot="video",
    confoverrides={
        "latex_documents": [
            ("index", "first.tex", "First: one handout", "Tester", "howto", False),
            ("chapter", "second.tex", "Second: another handout", "Tester", "howto", False),
        ],
        "latex_appendices": [],
    },
)
def test_each_document_of_a_build_has_its_own_pdf_title(app: SphinxTestApp) -> None:
    app.build()
    require_tools("xelatex", "latexmk", "pdfinfo")
    latexmk(Path(app.outdir))
    # (Other tests of the same test root may have left their PDF beside them.)
    titles = {
        name: pdfinfo(Path(app.outdir) / name)["Title"] for name in ["first.pdf", "second.pdf"]
    }
    assert titles == {"first.pdf": "First: one handout", "second.pdf": "Second: another handout"}


def test_guide_index_groups_numbers_and_symbols(guide_pdf: Path) -> None:
    texts = pages(guide_pdf)
    # The index's pages: from its first page (its heading) to the end of the book.
    start = next(n for n, page in enumerate(texts) if page.lstrip().startswith("Index"))
    index = "".join(texts[start:])
    assert "Numbers and symbols" in index
    assert "Non-alphabetical" not in index
