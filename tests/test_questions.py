"""Discussion questions: numbering, references, editions, collected lists, bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from guidetest import (
    assert_no_warnings,
    latexmk,
    pdf_text,
    require_tools,
    soup,
    sphinx_build,
    written_after_edit,
)

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SECRETS = ("SECRET-NOTE-A", "SECRET-NOTE-B")


def numbers(page: BeautifulSoup) -> list[str]:
    return [n.get_text(strip=True) for n in page.select(".sg-question .sg-question-number")]


# -- HTML, participant edition ------------------------------------------------------


@pytest.mark.sphinx("html", testroot="questions", freshenv=True)
def test_numbers_refs_and_terms_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    chapter_a = soup(app, "chapter-a.html")
    assert numbers(chapter_a) == ["Question 1.1", "Question 1.2"]
    # chapter-b has no `part:`: its number is its position in the toctree.
    assert numbers(soup(app, "chapter-b.html")) == ["Question 2.1"]

    first = chapter_a.select_one("#q-elections")
    assert "sg-question" in first["class"]
    assert first.select_one(".sg-question-minutes").get_text() == "10 minutes"
    terms = first.select(".sg-question-terms a")
    assert [(a.get_text(), a["href"]) for a in terms] == [
        ("Popular Unity", "glossary.html#term-Popular-Unity"),
        ("MIR", "glossary.html#term-MIR"),
    ]
    # {ref} gives "Question 1.1"; {numref} too, and an explicit "%s" title.
    links = [
        (a.get_text(), a["href"])
        for a in chapter_a.select("p a.reference.internal")
        if "std-ref" in str(a) or "std-numref" in str(a)
    ]
    assert links == [
        ("Question 1.1", "#q-elections"),
        ("Question 1.1", "#q-elections"),
        ("Q. 2.1", "chapter-b.html#q-later"),
    ]
    cross = soup(app, "chapter-b.html").select_one("#q-later a.reference")
    assert (cross.get_text(), cross["href"]) == ("Question 1.1", "chapter-a.html#q-elections")


@pytest.mark.sphinx("html", testroot="questions", freshenv=True)
def test_participant_edition_has_no_notes(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    for path in [*app.outdir.glob("*.html"), app.outdir / "searchindex.js"]:
        text = path.read_text(encoding="utf-8")
        for secret in SECRETS:
            assert secret not in text, path
        assert "Facilitator note" not in text, path
    assert not soup(app, "chapter-a.html").select(".sg-facilitator-note")


@pytest.mark.sphinx("html", testroot="questions", freshenv=True, tags=["facilitator"])
def test_facilitator_edition_has_notes(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    assert app.config.studyguide_edition == "facilitator"
    chapter_a = soup(app, "chapter-a.html")
    notes = chapter_a.select(".sg-question .sg-facilitator-note")
    # The second note was written right after its question: it joins it.
    assert [n.parent["id"] for n in notes] == ["q-elections", "question-1"]
    assert notes[0].select_one(".sg-facilitator-note-title").get_text() == "Facilitator note"
    assert "SECRET-NOTE-A" in notes[0].get_text()
    assert "SECRET-NOTE-B" in notes[1].get_text()
    index = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert "secret" in index.lower()


# -- Collected lists ------------------------------------------------------------------


def collected(page: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (a.get_text(strip=True), a["href"])
        for a in page.select(".sg-question-copy .sg-question-number a")
    ]


@pytest.mark.sphinx("html", testroot="questions", freshenv=True)
def test_discussion_questions_list(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    page = soup(app, "questions.html")
    lists = page.select(".sg-question-list")
    assert len(lists) == 2
    whole, only_b = (BeautifulSoup(str(x), "html.parser") for x in lists)
    assert collected(whole) == [
        ("Question 1.1", "chapter-a.html#q-elections"),
        ("Question 1.2", "chapter-a.html#question-1"),
        ("Question 2.1", "chapter-b.html#q-later"),
    ]
    assert [r.get_text() for r in whole.select(".sg-question-list-chapter")] == [
        "I - The Insurrection",
        "II - The Coup",
    ]
    assert collected(only_b) == [("Question 2.1", "chapter-b.html#q-later")]
    # Each copy says its priority in words, beside its number.
    assert [
        label.get_text() for label in whole.select(".sg-question-copy .sg-question-priority")
    ] == ["Core", "Core", "Core"]
    # Copies carry no ids: the anchors stay unique to the chapters.
    assert not page.select(".sg-question-copy[id]")
    # References inside a copied question are resolved from the list page.
    ref = whole.select(".sg-question-copy")[2].select_one("p:not(.sg-question-header) a.reference")
    assert (ref.get_text(), ref["href"]) == ("Question 1.1", "chapter-a.html#q-elections")


def _list_text(outdir: Path) -> str:
    page = BeautifulSoup((outdir / "questions.html").read_text(encoding="utf-8"), "html.parser")
    return str(page.select_one("div.body"))


def test_parallel_equals_serial(make_app, rootdir: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-questions", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=jobs, freshenv=True)
        app.build()
        assert_no_warnings(app)
        domain = app.env.domains["questions"]
        outputs.append(
            (
                _list_text(app.outdir),
                {doc: [q["ids"][0] for q in qs] for doc, qs in domain.questions.items()},
                (app.outdir / "sessions.html").read_text(encoding="utf-8"),
            )
        )
        app.cleanup()  # two apps in one test: reset docutils' registries between them
    assert outputs[0] == outputs[1]
    assert sum(len(ids) for ids in outputs[0][1].values()) == 3


def test_incremental_rebuild(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "incremental"
    shutil.copytree(rootdir / "test-questions", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert_no_warnings(app)
    app.cleanup()  # two apps in one test: reset docutils' registries between them
    chapter_b = srcdir / "chapter-b.md"
    chapter_b.write_text(
        chapter_b.read_text(encoding="utf-8")
        + "\n::::{discussion-question}\n:label: q-added\n\nA NEW question?\n::::\n",
        encoding="utf-8",
    )
    app2 = make_app("html", srcdir=srcdir)
    app2.build()
    assert_no_warnings(app2)
    whole = BeautifulSoup(_list_text(app2.outdir), "html.parser").select(".sg-question-list")[0]
    assert collected(whole) == [
        ("Question 1.1", "chapter-a.html#q-elections"),
        ("Question 1.2", "chapter-a.html#question-1"),
        ("Question 2.1", "chapter-b.html#q-later"),
        ("Question 2.2", "chapter-b.html#q-added"),
    ]
    assert "A NEW question?" in _list_text(app2.outdir)


# -- LaTeX and PDF -------------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="questions", freshenv=True)
def test_latex_participant(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "questions-test.tex").read_text(encoding="utf-8")
    assert (app.outdir / "sgquestions.sty").exists()
    assert r"\usepackage{sgquestions}" in tex
    titles = re.findall(r"\\begin\{sgquestion\}\[.*\]\{\\sgquestionnumber\{([^{}]+)\}", tex)
    # Each question is printed in full once, in its chapter: the lists in
    # print give number, first words and page.
    assert titles == ["Question 1.1", "Question 1.2", "Question 2.1"]
    # The label is tcolorbox's "phantom", kept when the box moves to the
    # next page; a short question is not split across pages.
    assert (
        r"\begin{sgquestion}[sgcontinued={(continued)}, unbreakable, "
        r"phantom={\phantomsection\label{\detokenize{chapter-a:q-elections}}}]"
        r"{\sgquestionnumber{Question 1.1}"
        r"\DUrole{sg-question-priority}{\DUrole{sg-priority-core}{Core}} "
        r"\DUrole{sg-question-minutes}{10 minutes}}"
    ) in tex
    assert (
        r"\sphinxstylestrong{{\hyperref[\detokenize{chapter-a:q-elections}]"
        r"{\sphinxcrossref{Question 1.1}}}} "
        r"\DUrole{sg-question-priority}{\DUrole{sg-priority-core}{Core}} "
        r"(10 minutes): Why did the March election "
        r"surprise the Right?\sgquestionpageref{\detokenize{chapter-a:q-elections}}"
    ) in tex
    assert (
        r"{\hyperref[\detokenize{chapter-b:q-later}]{\sphinxcrossref{\DUrole{xref}"
        r"{\DUrole{std}{\DUrole{std-numref}{Q. 2.1}}}}}}"
    ) in tex
    for secret in SECRETS:
        assert secret.split("-")[0] not in tex  # LaTeX escapes the hyphens
    assert "sgfacilitatornote" not in tex


@pytest.mark.sphinx("latex", testroot="questions", freshenv=True, tags=["facilitator"])
def test_latex_facilitator(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "questions-test-facilitator.tex").read_text(encoding="utf-8")
    # Two notes, each in its chapter and again under its question wherever a
    # list or a plan gives the question in full (the facilitator reads there).
    chapters = tex[: tex.index(r"\begin{sgquestion}", tex.index("chapter-b"))]
    assert chapters.count(r"\begin{sgfacilitatornote}") >= 1
    notes = re.findall(r"\\begin\{sgfacilitatornote\}(.*?)\\end\{sgfacilitatornote\}", tex, re.S)
    assert len(notes) == 6
    assert sum(r"SECRET\sphinxhyphen{}NOTE\sphinxhyphen{}A" in note for note in notes) == 3
    assert sum(r"SECRET\sphinxhyphen{}NOTE\sphinxhyphen{}B" in note for note in notes) == 3


def _pdf(outdir: Path, name: str) -> Path:
    latexmk(outdir, name)
    return outdir / name


@pytest.mark.tex
@pytest.mark.sphinx("latex", testroot="questions", freshenv=True)
def test_pdf_participant(app: SphinxTestApp) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app.build()
    assert_no_warnings(app)
    text = pdf_text(_pdf(app.outdir, "questions-test.pdf"))
    assert "Question 1.1" in text
    assert "Question 2.1" in text
    for secret in [*SECRETS, "Facilitator note"]:
        assert secret not in text


@pytest.mark.tex
@pytest.mark.sphinx("latex", testroot="questions", freshenv=True, tags=["facilitator"])
def test_pdf_facilitator(app: SphinxTestApp) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app.build()
    assert_no_warnings(app)
    text = pdf_text(_pdf(app.outdir, "questions-test-facilitator.pdf"))
    assert "Facilitator note" in text
    assert "SECRET-NOTE-A" in text


# -- Labels in Spanish ------------------------------------------------------------------


@pytest.mark.sphinx(
    "html",
    testroot="questions",
    freshenv=True,
    tags=["facilitator"],
    confoverrides={"language": "es"},
)
def test_spanish_labels(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    chapter_a = soup(app, "chapter-a.html")
    assert numbers(chapter_a) == ["Pregunta 1.1", "Pregunta 1.2"]
    assert chapter_a.select_one(".sg-question-minutes").get_text() == "10 minutos"
    assert chapter_a.select_one(".sg-facilitator-note-title").get_text() == "Nota para quien modera"
    assert chapter_a.select_one(".sg-question-terms strong").get_text() == "Términos:"


# -- Bad input ------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="questions-bad", freshenv=True)
def test_bad_input_warnings(app: SphinxTestApp) -> None:
    app.build()
    src = str(app.srcdir)
    warnings = app.warning.getvalue().replace(src + "/", "").replace(src + "\\", "")
    expected = [
        "index.md:8: WARNING: empty discussion question: write the question in the "
        "directive's body [studyguide.question]",
        "index.md:11: WARNING: discussion question: ':minutes: ten' is not a number "
        "of minutes from 0.5 to 600; write e.g. ':minutes: 10' [studyguide.question]",
        "index.md:17: WARNING: discussion question: ':minutes: 0' is not a number "
        "of minutes from 0.5 to 600; write e.g. ':minutes: 10' [studyguide.question]",
        "index.md:26: WARNING: facilitator-note outside a discussion question: put it "
        "inside a discussion-question directive, or right after one "
        "[studyguide.facilitator_note]",
        "index.md:30: WARNING: session-plan: unknown chapter 'no-such-chapter'; give the "
        "chapter's document name, e.g. 'part-1-insurrection' [studyguide.session]",
        "chapter.md:9: WARNING: duplicate discussion-question label 'q-twice' (first used "
        "in chapter.md, line 3): give each question a label of its own "
        "[studyguide.question]",
        # One message for the :terms: entry, from the question, not a second one
        # from the glossary's unresolved link.
        "index.md:17: WARNING: discussion question: unknown glossary term 'MIRR' in "
        ":terms:; did you mean 'MIR'? [studyguide.question]",
    ]
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in warnings.splitlines() if line]
    assert sorted(lines) == sorted(expected)
    # The note outside a question is dropped, never shown.
    assert "NOTE-ALONE" not in (app.outdir / "index.html").read_text(encoding="utf-8")
    # The unknown term stays as text, without a link.
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    unknown = page.select_one(".sg-question-terms .sg-unknown-term")
    assert unknown is not None
    assert unknown.get_text() == "MIRR"
    assert unknown.find_parent("a") is None


def test_bad_input_fails_strict_build(rootdir: Path, tmp_path: Path) -> None:
    result = sphinx_build("html", tmp_path / "out", "-q", srcdir=rootdir / "test-questions-bad")
    assert result.returncode != 0
    assert "[studyguide.question]" in result.stderr


def test_lists_are_written_again_only_when_their_questions_change(
    make_app, rootdir: Path, tmp_path: Path
) -> None:
    srcdir = tmp_path / "rewrite"
    shutil.copytree(rootdir / "test-questions", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert_no_warnings(app)
    app.cleanup()
    chapter_b = srcdir / "chapter-b.md"
    # Prose that names nothing: the lists and session plans show the same.
    assert written_after_edit(chapter_b, "\nA sentence that names nothing.\n") == [
        "chapter-b",
        "index",
    ]
    # A changed question: the page of all questions and the session plans follow;
    # the glossary page shows no question and is not written again.
    edit = "\n::::{discussion-question}\n:label: q-more\n\nAnother question?\n::::\n"
    written = written_after_edit(chapter_b, edit)
    assert written == ["chapter-b", "handout", "index", "questions", "sessions"]
    assert "Another question?" in _list_text(srcdir / "_build" / "html")
    # A new glossary mention: the glossary page ("Mentioned in") and the session
    # plans and handout (key terms) follow; the page of all questions shows the
    # same and is not written again.
    written = written_after_edit(chapter_b, "\n## Later\n\nThe MIR again.\n")
    assert written == ["chapter-b", "glossary", "handout", "index", "sessions"]
