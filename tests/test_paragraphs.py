"""Numbered paragraphs: anchors and margin numbers, the {para} role, every builder, bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from bs4 import BeautifulSoup, Tag
from guidetest import (
    ROOT,
    assert_no_warnings,
    latexmk,
    pdf_text,
    require_tools,
    soup,
    written_after_edit,
)
from guidetest import messages as warnings_of

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

CHAPTER_A = ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "FOXTROT"]
CHAPTER_B = ["GOLF", "HOTEL", "INDIA"]
POST = ROOT / "tests" / "data" / "the-battle-of-chile.md"
GUIDE_CHAPTERS = ["part-1-insurrection", "part-2-coup", "part-3-peoples-power"]


def margin_number(paragraph: Tag) -> str:
    """The number a paragraph's first child, an empty span, gives CSS to draw ("" if none)."""
    first = paragraph.contents[0] if paragraph.contents else None
    if not isinstance(first, Tag) or "sg-para-number" not in first.get("class", []):
        return ""
    assert first.get_text() == "", first
    return str(first.get("data-sg-para", ""))


def numbered(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(id, number in the margin, first word) of each numbered paragraph, in order."""
    return [(p["id"], margin_number(p), p.get_text().split()[0]) for p in page.select("p.sg-para")]


def citations(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(text, href) of each {para} link on the page."""
    return [
        (a.get_text(), a["href"]) for a in page.select("a.reference") if a.select(".sg-para-ref")
    ]


# -- HTML -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_ids_and_numbers_in_order(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    chapter_a = soup(app, "chapter-a.html")
    assert numbered(chapter_a) == [
        (f"para-{n}", str(n), word) for n, word in enumerate(CHAPTER_A, start=1)
    ]
    # Counted per chapter, from 1.
    assert numbered(soup(app, "chapter-b.html")) == [
        (f"para-{n}", str(n), word) for n, word in enumerate(CHAPTER_B, start=1)
    ]
    # The two paragraphs of the block quote are numbered each.
    quote = chapter_a.select_one("blockquote")
    assert [p["id"] for p in quote.select("p")] == ["para-4", "para-5"]
    # Not counted: the admonition, the questions section, the question itself.
    for text in ["An admonition", "This introduction", "What do"]:
        paragraph = chapter_a.find(string=re.compile(text)).find_parent("p")
        assert "sg-para" not in paragraph.get("class", []), text
        assert not paragraph.select(".sg-para-number"), text
    # Pages the config does not name are left alone.
    for page in ["index.html", "questions.html", "glossary.html"]:
        assert not soup(app, page).select("[data-sg-para], .sg-para, .sg-para-number"), page


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_number_is_not_in_the_text(app: SphinxTestApp) -> None:
    """The number is an attribute drawn by CSS, so copying the text leaves it out."""
    app.build()
    first = soup(app, "chapter-a.html").select_one("#para-1")
    assert str(first) == (
        '<p class="sg-para" id="para-1"><span class="sg-para-number" data-sg-para="1">'
        "</span>ALPHA opens the first chapter.</p>"
    )
    assert first.get_text() == "ALPHA opens the first chapter."
    css = (app.outdir / "_static" / "studyguide-paragraphs.css").read_text(encoding="utf-8")
    assert "content: attr(data-sg-para)" in css
    page = (app.outdir / "chapter-a.html").read_text(encoding="utf-8")
    assert "studyguide-paragraphs.css" in page


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True, tags=["facilitator"])
def test_citations_link_to_the_page_they_were_written_for(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    # In its chapter: "¶ 2" on the page; another chapter's, with its number.
    assert citations(soup(app, "chapter-a.html")) == [
        ("¶\xa02", "#para-2"),
        ("the quotation", "#para-4"),
        ("¶\xa01", "#para-1"),
        ("part 2, ¶\xa03", "chapter-b.html#para-3"),
        ("¶\xa02", "#para-2"),  # in the facilitator note
        ("part 2, ¶\xa03", "chapter-b.html#para-3"),
    ]
    # chapter-b has no `part:`: its number is its position in the toctree.
    assert citations(soup(app, "chapter-b.html")) == [("part 1, ¶\xa05", "chapter-a.html#para-5")]
    # The copy on the list of questions still cites chapter-a, not the list.
    assert citations(soup(app, "questions.html")) == [
        ("part 1, ¶\xa01", "chapter-a.html#para-1"),
        ("part 2, ¶\xa03", "chapter-b.html#para-3"),
        ("part 1, ¶\xa02", "chapter-a.html#para-2"),
        ("part 2, ¶\xa03", "chapter-b.html#para-3"),
    ]
    link = soup(app, "chapter-a.html").select_one('a[href="chapter-b.html#para-3"]')
    assert link["title"] == "II - The second chapter"


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True)
def test_participant_edition_drops_the_note_and_its_citations(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    assert ("¶\xa02", "#para-2") not in citations(soup(app, "chapter-a.html"))[2:]
    assert len(citations(soup(app, "questions.html"))) == 2


@pytest.mark.sphinx("html", testroot="paragraphs", freshenv=True, confoverrides={"language": "es"})
def test_label_in_spanish(app: SphinxTestApp) -> None:
    app.build()
    assert ("parte 1, ¶\xa05", "chapter-a.html#para-5") in citations(soup(app, "chapter-b.html"))


@pytest.mark.sphinx(
    "html",
    testroot="paragraphs",
    freshenv=True,
    confoverrides={"studyguide_numbered_paragraphs": []},
)
def test_nothing_is_numbered_by_default(app: SphinxTestApp) -> None:
    app.build()
    for page in ["chapter-a.html", "chapter-b.html"]:
        html = soup(app, page)
        assert not html.select(".sg-para, [data-sg-para], .sg-para-number"), page
        assert not html.select('[id^="para-"]'), page


@pytest.mark.sphinx(
    "html",
    testroot="paragraphs",
    freshenv=True,
    confoverrides={"studyguide_numbered_paragraphs": ["chapter-*", 3]},
)
def test_config_value_is_checked(app: SphinxTestApp) -> None:
    app.build()
    assert (
        "WARNING: studyguide_numbered_paragraphs = ['chapter-*', 3]: give a list of "
        "document-name patterns, e.g. ['part-*'] (or [] for none); numbering no "
        "paragraphs [studyguide.config]"
    ) in warnings_of(app)
    assert not soup(app, "chapter-a.html").select(".sg-para")


# -- EPUB, text, man, texinfo ---------------------------------------------------------


@pytest.mark.sphinx("epub", testroot="paragraphs", freshenv=True)
def test_epub_shows_the_number_in_the_text(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    page = BeautifulSoup(
        (app.outdir / "chapter-a.xhtml").read_text(encoding="utf-8"), "html.parser"
    )
    paragraphs = page.select("p.sg-para")
    assert [p["id"] for p in paragraphs] == [f"para-{n}" for n in range(1, 7)]
    assert paragraphs[0].select_one("span.sg-para-number").get_text() == "1"
    assert paragraphs[0].get_text() == "1 ALPHA opens the first chapter."
    # No CSS number besides: it would show twice.
    assert not page.select("[data-sg-para]")


def built_chapter(app: SphinxTestApp, suffix: str) -> str:
    """Build without a warning; the first chapter's output file (``chapter-a`` + *suffix*)."""
    app.build()
    assert_no_warnings(app)
    return (app.outdir / f"chapter-a{suffix}").read_text(encoding="utf-8")


@pytest.mark.sphinx("text", testroot="paragraphs", freshenv=True)
def test_text_builder_prefixes_the_number(app: SphinxTestApp) -> None:
    text = built_chapter(app, ".txt")
    assert "[1] ALPHA opens the first chapter." in text
    assert "   [4] DELTA is the first paragraph of a quotation." in text
    assert "see ¶\xa02 and" in text.replace("*", "")
    assert "[" not in text.split("Questions for discussion")[1]


@pytest.mark.sphinx("xml", testroot="paragraphs", freshenv=True)
def test_xml_keeps_the_number_as_an_attribute_only(app: SphinxTestApp) -> None:
    xml = built_chapter(app, ".xml")
    assert re.search(r'<paragraph [^>]*sg_para="1"[^>]*>ALPHA opens the first chapter\.<', xml)
    assert "sg_para_number" not in xml


@pytest.mark.sphinx("gettext", testroot="paragraphs", freshenv=True)
def test_gettext_catalog_holds_no_number(app: SphinxTestApp) -> None:
    catalog = built_chapter(app, ".pot")
    assert 'msgid "ALPHA opens the first chapter."' in catalog
    assert 'msgid "DELTA is the first paragraph of a quotation."' in catalog


def _without_questions(rootdir: Path, tmp_path: Path) -> Path:
    """The test project without its questions (man and texinfo do not render them)."""
    srcdir = tmp_path / "plain"
    shutil.copytree(rootdir / "test-paragraphs", srcdir)
    chapter = srcdir / "chapter-a.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text.split("## Questions for discussion")[0], encoding="utf-8")
    (srcdir / "questions.md").unlink()
    index = srcdir / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("questions\n", ""), "utf-8")
    return srcdir


@pytest.mark.parametrize("builder", ["man", "texinfo"])
def test_man_and_texinfo_build(make_app: Any, rootdir: Path, tmp_path: Path, builder: str) -> None:
    app = make_app(builder, srcdir=_without_questions(rootdir, tmp_path), freshenv=True)
    app.build()
    assert_no_warnings(app)
    output = "".join(p.read_text(encoding="utf-8") for p in app.outdir.glob("*.[1t]*"))
    assert "ALPHA opens the first chapter." in output
    if builder == "man":
        assert "see ¶\\ 2 and the quotation" in output
        assert "INDIA cites part 1, ¶\\ 5 of the first chapter." in output
    else:
        assert "see @ref{5,,¶ 2} and @ref{6,,the quotation}" in output


# -- LaTeX and PDF ----------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="paragraphs", freshenv=True, tags=["facilitator"])
def test_latex_labels_and_page_references(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "paragraphs-test-facilitator.tex").read_text(encoding="utf-8")
    marks = re.findall(
        r"\\sgparamark\{(\d+)\}\{\\phantomsection\\label\{\\detokenize\{([^}]*)\}\}\}(\w+)", tex
    )
    assert marks == [
        *[(str(n), f"chapter-a:para-{n}", word) for n, word in enumerate(CHAPTER_A, start=1)],
        *[(str(n), f"chapter-b:para-{n}", word) for n, word in enumerate(CHAPTER_B, start=1)],
    ]
    # The mark opens the paragraph, after Sphinx's own start of a paragraph.
    assert (
        "\n\\sphinxAtStartPar\n\\sgparamark{1}{\\phantomsection"
        "\\label{\\detokenize{chapter-a:para-1}}}ALPHA opens the first chapter.\n"
    ) in tex
    refs = re.findall(
        r"\\hyperref\[\\detokenize\{([^}]*)\}\]\{\\sphinxcrossref\{\\DUrole\{xref\}"
        r"\{\\DUrole\{sg-para-ref\}\{([^}]*)\}\}\}\}\}\\sgparapageref\{\\detokenize\{([^}]*)\}\}",
        tex,
    )
    assert ("chapter-a:para-2", "¶\xa02", "chapter-a:para-2") in refs
    assert ("chapter-b:para-3", "part 2, ¶\xa03", "chapter-b:para-3") in refs
    assert ("chapter-a:para-5", "part 1, ¶\xa05", "chapter-a:para-5") in refs
    # In print the list of questions gives each question in full with its page
    # (issue 20: no fragment on paper), its paragraph citations included.
    listed = tex.split(r"\chapter{Discussion questions}")[1].split(r"\chapter{")[0]
    assert r"\sgquestionpageref" in listed
    assert "\\DUrole{sg-para-ref}{part 1, ¶\xa01}" in listed
    # A handout holds no chapter: its copies cite by label, without link or page.
    handout = (app.outdir / "handout-facilitator.tex").read_text(encoding="utf-8")
    assert "\\DUrole{sg-para-ref}{part 1, ¶\xa02}" in handout
    assert ":para-" not in handout
    assert (app.outdir / "sgparagraphs.sty").is_file()
    assert r"\usepackage{sgparagraphs}" in tex


@pytest.mark.tex
@pytest.mark.sphinx("latex", testroot="paragraphs", freshenv=True)
def test_pdf_has_margin_numbers_and_page_references(app: SphinxTestApp) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app.build()
    assert_no_warnings(app)
    latexmk(app.outdir, "paragraphs-test.pdf")
    log = (app.outdir / "paragraphs-test.log").read_text(encoding="utf-8", errors="replace")
    assert "undefined" not in log
    assert "Missing character" not in log
    layout = pdf_text(app.outdir / "paragraphs-test.pdf", "-layout")
    lines = [line.strip() for line in layout.splitlines()]
    # Each number stands before its paragraph's first line, apart from the text.
    for n, word in enumerate(CHAPTER_A, start=1):
        assert any(re.fullmatch(rf"{n}\s{{2,}}{word}\b.*", line) for line in lines), (n, word)
    for n, word in enumerate(CHAPTER_B, start=1):
        assert any(re.fullmatch(rf"{n}\s{{2,}}{word}\b.*", line) for line in lines), (n, word)
    text = " ".join(layout.split())
    assert re.search(r"see ¶ 2, p\. \d+ and the quotation, p\. \d+\.", text), text
    assert re.search(r"cites part 1, ¶ 5, p\. \d+ of the first chapter", text), text


# -- Bad input --------------------------------------------------------------------


def _bad_project(rootdir: Path, tmp_path: Path) -> tuple[Path, int, int]:
    """The test project with wrong citations in chapter-b's text and in a facilitator note."""
    srcdir = tmp_path / "bad"
    shutil.copytree(rootdir / "test-paragraphs", srcdir)
    chapter_b = srcdir / "chapter-b.md"
    text = chapter_b.read_text(encoding="utf-8")
    line_b = text.count("\n") + 2
    text += (
        "\nJULIET cites {para}`99`, {para}`index#1`, {para}`nowhere#2`, "
        "{para}`chaptr-b#2` and {para}`abc`.\n"
    )
    chapter_b.write_text(text, encoding="utf-8")
    chapter_a = srcdir / "chapter-a.md"
    text = chapter_a.read_text(encoding="utf-8")
    line_a = text.split("\n").index("Compare {para}`2` with {para}`chapter-b#3`.") + 1
    chapter_a.write_text(text.replace("{para}`chapter-b#3`.", "{para}`chapter-b#42`."), "utf-8")
    return srcdir, line_a, line_b


def _expected_in_chapter_b(line: int) -> list[str]:
    where = f"chapter-b.md:{line}: WARNING:"
    return [
        f"{where} {{para}}`abc`: cite a paragraph by its number, '16', or by page and "
        "number, 'part-2-coup#16' (a number from 1 to 99999) [studyguide.paragraph]",
        f"{where} paragraph 99 does not exist in 'chapter-b' (it has 4 numbered "
        "paragraphs): cite one from 1 to 4 [studyguide.paragraph]",
        f"{where} {{para}} cites paragraph 1 of 'index', which has no numbered "
        "paragraphs: cite a page that studyguide_numbered_paragraphs numbers "
        "[studyguide.paragraph]",
        f"{where} {{para}} cites paragraph 2 of 'nowhere', which is not a page of the "
        "guide: write the page's document name [studyguide.paragraph]",
        f"{where} {{para}} cites paragraph 2 of 'chaptr-b', which is not a page of the "
        "guide: did you mean 'chapter-b'? [studyguide.paragraph]",
    ]


def test_wrong_citations_warn_with_file_and_line(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir, _line_a, line_b = _bad_project(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    # The note citing chapter-b#42 is dropped in the participant edition: no warning.
    assert warnings_of(app) == _expected_in_chapter_b(line_b)
    # A wrong citation stays text, with no link.
    juliet = soup(app, "chapter-b.html").select_one("#para-4")
    assert juliet.select(".sg-para-ref")
    assert not juliet.select("a.reference.internal")


def test_wrong_citation_in_a_note_warns_once(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    """The note is copied to the list of questions; its wrong citation is reported once."""
    srcdir, line_a, line_b = _bad_project(rootdir, tmp_path)
    app = make_app("html", srcdir=srcdir, freshenv=True, tags=["facilitator"])
    app.build()
    in_note = (
        f"chapter-a.md:{line_a}: WARNING: paragraph 42 does not exist in 'chapter-b' "
        "(it has 4 numbered paragraphs): cite one from 1 to 4 [studyguide.paragraph]"
    )
    assert sorted(warnings_of(app)) == sorted([in_note, *_expected_in_chapter_b(line_b)])


def test_a_page_citing_an_edited_page_is_written_again(
    make_app: Any, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "edit"
    shutil.copytree(rootdir / "test-paragraphs", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert_no_warnings(app)
    app.cleanup()
    written = written_after_edit(srcdir / "chapter-b.md", "\nKILO is a new paragraph.\n")
    # chapter-a cites chapter-b, so it is read and checked again.
    assert "chapter-a" in written
    assert "chapter-b" in written


# -- The guide ------------------------------------------------------------------------


def review_paragraphs(part: int) -> list[str]:
    """The paragraphs of the post's review of *part* (1-3), in Markdown, in order."""
    body = POST.read_text(encoding="utf-8").split("---\n", 2)[2]
    reviews = re.split(r"\n[^\n]+\n-{3,}\n", body)
    assert len(reviews) == 4, "the post: an introduction and three reviews"
    blocks = [block.strip() for block in re.split(r"\n\s*\n", reviews[part])]
    return [b for b in blocks if b and b != "***" and not b.startswith(("{%", "#"))]


def letters(markdown_or_text: str, count: int = 40) -> str:
    """The first letters and digits of a paragraph, without links and emphasis."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_or_text)
    return "".join(ch for ch in text if ch.isalnum())[:count]


@pytest.mark.slow
@pytest.mark.parametrize("part", [1, 2, 3])
def test_guide_numbers_every_paragraph_of_the_reviews(guide_html: Path, part: int) -> None:
    page = BeautifulSoup(
        (guide_html / f"{GUIDE_CHAPTERS[part - 1]}.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    paragraphs = page.select("p.sg-para")
    review = review_paragraphs(part)
    assert [p["id"] for p in paragraphs] == [f"para-{n}" for n in range(1, len(review) + 1)]
    assert [margin_number(p) for p in paragraphs] == [str(n) for n in range(1, len(review) + 1)]
    assert [letters(p.get_text()) for p in paragraphs] == [
        letters(re.sub(r"^> ?", "", b, flags=re.M)) for b in review
    ]
