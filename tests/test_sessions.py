"""Session plans and handouts: two timed formats with totals, core and reserve
questions, key terms chosen by the author, facilitator notes, content notes."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest
from guidetest import assert_no_warnings, latexmk, pdf_text, written_after_edit
from guidetest import messages as warnings
from guidetest import soup as page

if TYPE_CHECKING:
    from pathlib import Path

    from bs4 import Tag
    from sphinx.testing.util import SphinxTestApp


def plans(app: SphinxTestApp) -> list[Tag]:
    return page(app.outdir, "sessions.html").select("div.sg-session-plan")


def agenda(plan: Tag, key: str) -> tuple[list[tuple[str, str]], tuple[str, str], list[str]]:
    """One format's lines, its total and its notes, as shown."""
    table = plan.select_one(f".sg-agenda-{key}")
    rows = [(tr.th.get_text(), tr.td.get_text()) for tr in table.select("tbody tr")]
    total = table.select_one("tfoot tr")
    notes = [p.get_text() for p in table.select("p.sg-agenda-note")]
    return rows, (total.th.get_text(), total.td.get_text()), notes


def minutes(text: str) -> int:
    match = re.fullmatch(r"(\d+) minutes", text)
    assert match, text
    return int(match.group(1))


def headings(plan: Tag) -> list[str]:
    return [p.get_text() for p in plan.select("p.sg-plan-heading")]


def question_lines(items: Tag) -> list[str]:
    return [li.p.get_text(" ", strip=True) for li in items.select(":scope > li")]


# -- HTML --------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="sessions", freshenv=True)
def test_plan_formats_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first, second = plans(app)

    assert (
        first.select_one(".sg-agendas-intro").get_text() == "Two ways to run a 90-minute meeting:"
    )
    rows, total, notes = agenda(first, "beforehand")
    assert rows == [
        ("Welcome and context", "10 minutes"),
        ("Key terms", "10 minutes"),
        ("Core questions", "55 minutes"),
        ("Closing", "5 minutes"),
    ]
    assert total == ("Total", "80 minutes")
    # What is left of the meeting, said outright.
    assert notes == ["10 minutes of the 90-minute meeting are left for reserve questions."]
    rows, total, notes = agenda(first, "together")
    assert rows == [
        ("Welcome", "5 minutes"),
        ("Screening", "96 minutes"),
        ("Key terms", "10 minutes"),
        ("Core questions", "55 minutes"),
        ("Closing", "5 minutes"),
    ]
    assert total == ("Total", "171 minutes")
    # Longer than the meeting: no warning, but the plan says so plainly.
    assert notes == [
        "This format needs 171 minutes: plan a longer meeting, split it over two "
        "meetings, or ask the group to watch beforehand."
    ]

    # The plan's own meeting and segment lengths; the screening fits in 120 minutes.
    intro = second.select_one(".sg-agendas-intro").get_text()
    assert intro == "Two ways to run a 120-minute meeting:"
    rows, total, notes = agenda(second, "beforehand")
    assert rows == [
        ("Welcome and context", "15 minutes"),
        ("Key terms", "12 minutes"),
        ("Core questions", "45 minutes"),
        ("Closing", "8 minutes"),
    ]
    assert total == ("Total", "80 minutes")
    rows, total, notes = agenda(second, "together")
    assert [row[1] for row in rows] == [
        "7 minutes",
        "30 minutes",
        "12 minutes",
        "45 minutes",
        "8 minutes",
    ]
    assert total == ("Total", "102 minutes")
    assert notes == ["18 minutes of the 120-minute meeting are left for reserve questions."]

    # Every total is the sum of its lines.
    for plan in (first, second):
        for key in ("beforehand", "together"):
            rows, total, _notes = agenda(plan, key)
            assert sum(minutes(m) for _label, m in rows) == minutes(total[1])


@pytest.mark.sphinx("html", testroot="sessions", freshenv=True)
def test_plan_questions_terms_and_notes_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first, second = plans(app)
    assert headings(first) == [
        "Key terms (10 minutes)",
        "Core questions (55 minutes)",
        "If time allows",
        "Closing (5 minutes)",
    ]
    core, reserve = first.select("ul.sg-plan-questions")
    assert question_lines(core) == [
        "Question 1.1 (30 minutes): What did the election change?",
        "Question 1.2 (25 minutes): Who was surprised, and why?",
    ]
    # Reserve questions apart, with their minutes, not in the totals.
    assert "sg-plan-reserve" in reserve["class"]
    assert question_lines(reserve) == [
        "Question 1.3 (15 minutes): What would you ask the film-makers?"
    ]
    assert reserve.a["href"] == "chapter-one.html#q-spare"
    # The participant edition: no notes anywhere.
    assert "NOTE-" not in str(first)
    # In the chapter, a reserve question carries a class for styling.
    chapter = page(app.outdir, "chapter-one.html")
    assert "sg-question-reserve" in chapter.select_one("#q-spare")["class"]
    assert "sg-question-reserve" not in chapter.select_one("#q-two")["class"]

    # Key terms chosen by the author, with the author's text; an alias gives its term.
    terms = [
        (dt.a.get_text(), dt.a["href"], dd.get_text(strip=True))
        for dt, dd in zip(first.select("dt"), first.select("dd"), strict=True)
    ]
    assert terms == [
        (
            "Augusto Pinochet",
            "glossary.html#term-Augusto-Pinochet",
            "AUTHOR-TEXT-PINOCHET why he matters here.",
        ),
        (
            "Tanquetazo",
            "glossary.html#term-Tanquetazo",
            "AUTHOR-TEXT-TANQUETAZO why it matters here.",
        ),
    ]
    # Without :key-terms:, the questions' :terms: with the glossary's first sentence.
    terms = [
        (dt.get_text(), dd.get_text(strip=True))
        for dt, dd in zip(second.select("dt"), second.select("dd"), strict=True)
    ]
    assert terms == [
        ("Tanquetazo", "The failed military uprising of 29 June 1973."),
        ("MIR", "The Revolutionary Left Movement, founded in 1965."),
    ]
    # The directive's body replaces the default closing.
    assert second.select("p")[-1].get_text() == "Close with a vote on the NEXT-FILM."


@pytest.mark.sphinx("html", testroot="sessions", freshenv=True)
def test_content_note_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    chapter = page(app.outdir, "chapter-one.html")
    note = chapter.select_one("div.sg-content-note")
    assert note["role"] == "note"
    assert "admonition" in note["class"]
    assert note.select_one(".admonition-title").get_text() == "Content note"
    assert "WARNED-SCENE" in note.get_text()
    # After the title, before the text.
    body = chapter.select_one("section")
    assert body.find(["div", "p"]) is note
    # No automatic glossary link inside the note.
    assert note.select("a") == []
    # The plan of that chapter repeats it at its top; the other plan has none.
    first, second = plans(app)
    repeated = first.select_one("div.sg-content-note")
    assert repeated is not None
    assert first.select_one("p.rubric").find_next_sibling() is repeated
    assert repeated.get_text() == note.get_text()
    assert not repeated.has_attr("id")
    assert second.select_one("div.sg-content-note") is None


@pytest.mark.sphinx(
    "html",
    testroot="sessions",
    freshenv=True,
    confoverrides={"studyguide_edition": "facilitator"},
)
def test_facilitator_plan_shows_notes_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first = plans(app)[0]
    core, reserve = first.select("ul.sg-plan-questions")
    for item, secret in zip(
        [*core.select(":scope > li"), *reserve.select(":scope > li")],
        ["NOTE-ONE", "NOTE-TWO", "NOTE-SPARE"],
        strict=True,
    ):
        # Each question's note, under it, in its list item.
        note = item.select_one(":scope > .sg-facilitator-note")
        assert secret in note.get_text()
        assert note.select_one(".sg-facilitator-note-title").get_text() == "Facilitator note"
        assert note.find_previous_sibling("p") is item.p


@pytest.mark.sphinx(
    "html", testroot="sessions", freshenv=True, confoverrides={"studyguide_meeting_minutes": 60}
)
def test_core_questions_that_do_not_fit(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == [
        "sessions.md:5: WARNING: session plan for 'chapter-one': the core questions take "
        "55 minutes, but a 60-minute meeting leaves 35 minutes for them after welcome, "
        "key terms and closing (25 minutes); mark questions ':priority: reserve' or set "
        "':meeting:' [studyguide.session]"
    ]
    first, second = plans(app)
    _rows, total, notes = agenda(first, "beforehand")
    assert total == ("Total", "80 minutes")
    assert notes == ["This format needs 80 minutes, more than the meeting."]
    # The second plan's own :meeting: 120 wins over conf.py.
    assert agenda(second, "beforehand")[2] == [
        "40 minutes of the 120-minute meeting are left for reserve questions."
    ]


@pytest.mark.parametrize("value", [0, -5, "long", 1.5, True])
def test_meeting_minutes_config_is_checked(
    make_app, rootdir: Path, tmp_path: Path, value: object
) -> None:
    srcdir = tmp_path / "config"
    shutil.copytree(rootdir / "test-sessions", srcdir)
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + f"studyguide_meeting_minutes = {value!r}\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert warnings(app) == [
        f"WARNING: studyguide_meeting_minutes = {value!r}: give the meeting's length as a "
        "positive whole number of minutes, e.g. 90; using 90 [studyguide.config]"
    ]
    intro = plans(app)[0].select_one(".sg-agendas-intro").get_text()
    assert intro == "Two ways to run a 90-minute meeting:"
    app.cleanup()


@pytest.mark.sphinx("html", testroot="sessions-bad", freshenv=True)
def test_bad_session_input(app: SphinxTestApp) -> None:
    app.build()
    assert sorted(warnings(app)) == sorted(
        [
            "chapter.md:5: WARNING: discussion question: ':priority: optional' is not "
            "allowed; use 'core' (the default) or 'reserve' [studyguide.question]",
            "index.md:8: WARNING: session-plan: ':meeting: ninety' is not a positive whole "
            "number of minutes; write e.g. ':meeting: 90' [studyguide.session]",
            "index.md:8: WARNING: session-plan: ':closing-minutes: 0' is not a positive "
            "whole number of minutes; write e.g. ':closing-minutes: 5' [studyguide.session]",
            "index.md:8: WARNING: session-plan: 9 key terms in ':key-terms:'; give at most "
            "8, the names this session needs most [studyguide.session]",
            "index.md:8: WARNING: session-plan: unknown glossary term 'Pinochett' in "
            "':key-terms:'; did you mean 'Pinochet'? [studyguide.session]",
            "index.md:8: WARNING: session-plan: key term 'MIR' has no text; write 'MIR: why "
            "it matters for this session' [studyguide.session]",
            "index.md:8: WARNING: session-plan: key term 'Tanquetazo' is given twice in "
            "':key-terms:' [studyguide.session]",
            "index.md:8: WARNING: session-plan: key term 'MIR' is given twice in "
            "':key-terms:' [studyguide.session]",
            "index.md:8: WARNING: session-plan: key term 'La Moneda' is given twice in "
            "':key-terms:' [studyguide.session]",
            "index.md:25: WARNING: empty content note: say in the directive's body what "
            "the film shows [studyguide.content_note]",
        ]
    )
    plan = page(app.outdir, "index.html").select_one("div.sg-session-plan")
    # The bad values fall back to the defaults; the question with a bad priority is core.
    assert agenda(plan, "beforehand")[0] == [
        ("Welcome and context", "10 minutes"),
        ("Key terms", "10 minutes"),
        ("Core questions", "10 minutes"),
        ("Closing", "5 minutes"),
    ]
    # The unknown name is left out; the others keep their order.
    assert [dt.get_text() for dt in plan.select("dt")] == [
        "MIR",
        "Tanquetazo",
        "Popular Unity",
        "La Moneda",
        "Augusto Pinochet",
    ]
    assert page(app.outdir, "index.html").select("div.sg-content-note") == []


# -- No running time, other languages (the questions' test project) ------------------------


@pytest.mark.sphinx("html", testroot="questions", freshenv=True)
def test_plan_without_runtime(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first = page(app.outdir, "sessions.html").select("div.sg-session-plan")[0]
    assert first.select_one("p.sg-plan-film").get_text(" ", strip=True) == (
        "Film : Part I, I - The Insurrection ( La insurrección , 1975)."
    )
    video = first.select_one("a.reference.external")
    assert video["href"] == "https://www.youtube.com/watch?v=CnTPJ6kmB0s"
    rows, total, notes = agenda(first, "together")
    # No runtime in the front matter: no invented screening time.
    assert ("Screening", "—") in rows
    assert total == ("Total", "45 minutes")
    assert notes == ["The chapter gives no running time: add the screening’s length to the total."]


@pytest.mark.sphinx("html", testroot="questions", freshenv=True, confoverrides={"language": "es"})
def test_session_plan_spanish(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first = page(app.outdir, "sessions.html").select("div.sg-session-plan")[0]
    assert first.select_one(".sg-agendas-intro").get_text() == (
        "Dos maneras de organizar una reunión de 90 minutos:"
    )
    rows, total, _notes = agenda(first, "beforehand")
    assert rows == [
        ("Bienvenida y contexto", "10 minutos"),
        ("Términos clave", "10 minutos"),
        ("Preguntas principales", "25 minutos"),
        ("Cierre", "5 minutos"),
    ]
    assert total == ("Total", "50 minutos")
    assert first.select_one(".sg-agenda-beforehand caption").get_text() == (
        "Vista antes de la reunión"
    )


# -- LaTeX and PDF -----------------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="sessions", freshenv=True)
def test_plan_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-test.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sgagendas}") == 2
    first = tex[tex.index(r"\begin{sgagendas}") :]
    assert first.startswith(
        "\\begin{sgagendas}\n"
        "\\begin{sgagenda}{Watched beforehand}\n"
        "\\sgagendarow{Welcome and context}{10 minutes}\n"
        "\\sgagendarow{Key terms}{10 minutes}\n"
        "\\sgagendarow{Core questions}{55 minutes}\n"
        "\\sgagendarow{Closing}{5 minutes}\n"
        "\\sgagendatotal{Total}{80 minutes}\n"
    )
    assert (
        "\\end{sgagenda}\n"
        "\\sgagendasep\n"
        "\\begin{sgagenda}{Watched together}\n"
        "\\sgagendarow{Welcome}{5 minutes}\n"
        "\\sgagendarow{Screening}{96 minutes}\n"
        "\\sgagendarow{Key terms}{10 minutes}\n"
        "\\sgagendarow{Core questions}{55 minutes}\n"
        "\\sgagendarow{Closing}{5 minutes}\n"
        "\\sgagendatotal{Total}{171 minutes}\n"
    ) in first
    assert "This format needs 171 minutes: plan a longer meeting" in first
    beforehand = first[: first.index(r"\end{sgagenda}")]
    assert "10 minutes of the 90\\sphinxhyphen{}minute meeting are left for reserve" in beforehand
    assert "\\sgagendatotal{Total}{102 minutes}" in tex
    # Reserve questions apart; notes only in the facilitator edition.
    reserve = first.index(r"\sphinxstylestrong{If time allows}")
    assert first.index("What would you ask the film") > reserve
    assert first.index("Who was surprised") < reserve
    assert "NOTE-" not in tex
    # The content note: in the chapter, before its text, and again in its plan.
    assert tex.count(r"\begin{sgcontentnote}{Content note}") == 2
    assert tex.index(r"\begin{sgcontentnote}") < tex.index("argue;")
    assert (
        "\\subsubsection*{Session plan}\n\n\\begin{sgcontentnote}{Content note}\n\n"
        "\\sphinxAtStartPar\nThis part ends with a WARNED\\sphinxhyphen{}SCENE"
    ) in tex
    # Key terms with the author's text.
    assert r"\sphinxstylestrong{Key terms}" in tex
    assert "AUTHOR\\sphinxhyphen{}TEXT\\sphinxhyphen{}PINOCHET why he matters here." in tex
    # A heading of the plan is kept with what follows it.
    assert (
        "\\needspace{5\\baselineskip}\n\n\\sphinxAtStartPar\n"
        "\\sphinxstylestrong{Core questions}\\DUrole{sg-plan-minutes}{ (55 minutes)}"
    ) in tex


@pytest.mark.sphinx(
    "latex",
    testroot="sessions",
    freshenv=True,
    confoverrides={"studyguide_edition": "facilitator"},
)
def test_facilitator_plan_latex(app: SphinxTestApp) -> None:
    """In print a plan gives each question's number, first words and page, no note:
    the question and its note are printed in full once, in the chapter."""
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-test-facilitator.tex").read_text(encoding="utf-8")
    plan = tex[tex.index(r"\begin{sgagendas}") :]
    hyphen = r"\sphinxhyphen{}"
    for question, note in [
        ("What did the election change?", f"NOTE{hyphen}ONE"),
        ("Who was surprised, and why?", f"NOTE{hyphen}TWO"),
        ("What would you ask the film", f"NOTE{hyphen}SPARE"),
    ]:
        assert question in plan
        assert note not in plan
        assert note in tex[: tex.index(r"\begin{sgagendas}")]  # in the chapter
    assert r"\begin{sgfacilitatornote}" not in plan
    assert plan.count(r"\sgquestionpageref") >= 3


@pytest.mark.sphinx("latex", testroot="sessions", freshenv=True)
def test_handout_takes_the_plans_key_terms(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "handout.tex").read_text(encoding="utf-8")
    hyphen = r"\sphinxhyphen{}"
    assert (
        rf"\sphinxstylestrong{{Augusto Pinochet}} AUTHOR{hyphen}TEXT{hyphen}PINOCHET why he "
        "matters here." in tex
    )
    assert r"\sphinxstylestrong{MIR}" not in tex
    # All three questions, each with room to write.
    assert tex.count(r"\sgwritinglines{3}") == 3


@pytest.mark.sphinx("latex", testroot="questions", freshenv=True)
def test_handout_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "handout.tex").read_text(encoding="utf-8")
    assert r"\begin{sphinxuseclass}{sg-handout-terms}" in tex
    assert r"\sphinxstylestrong{MIR} The Revolutionary Left Movement, founded in 1965." in tex
    # Each question, numbered as in the guide, then room to write.
    assert tex.count(r"\begin{sgquestion}") == 2
    assert tex.count(r"\sgwritinglines{3}") == 2
    assert r"\sgquestionnumber{Question 1.2}" in tex
    # The chapter is not in this PDF: no dangling \hyperref to it.
    assert r"\hyperref[\detokenize{chapter-a" not in tex


@pytest.mark.sphinx(
    "latex",
    testroot="questions",
    freshenv=True,
    confoverrides={"studyguide_edition": "facilitator"},
)
def test_facilitator_handout_latex(app: SphinxTestApp) -> None:
    """The facilitator's handout has the notes in place of the room to write."""
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "handout-facilitator.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sgquestion}") == 2
    assert tex.count(r"\begin{sgfacilitatornote}") == 2
    hyphen = r"\sphinxhyphen{}"
    assert f"SECRET{hyphen}NOTE{hyphen}A" in tex
    assert f"SECRET{hyphen}NOTE{hyphen}B" in tex
    assert r"\sgwritinglines" not in tex


@pytest.mark.tex
def test_plan_pdf(rootdir: Path, tmp_path: Path) -> None:
    from guidetest import sphinx_build

    outdir = tmp_path / "latex"
    result = sphinx_build("latex", outdir, srcdir=rootdir / "test-sessions")
    assert result.returncode == 0, result.stderr
    latexmk(outdir)
    text = " ".join(pdf_text(outdir / "sessions-test.pdf").split())
    assert "Content note This part ends with a WARNED-SCENE" in text
    assert "Watched beforehand" in text
    assert "Watched together" in text
    dots = r"(?: ?\.)+ "
    beforehand = ["Welcome and context", "10", "Key terms", "10", "Core questions", "55"]
    assert re.search(dots.join(beforehand[:2]), text)
    assert re.search(dots.join(["Closing", "5 minutes Total 80 minutes"]), text)
    assert re.search(dots.join(["Welcome", "5 minutes Screening", "96"]), text)
    assert "Total 171 minutes This format needs 171 minutes" in text
    assert "If time allows Reserve questions, not counted in the times above." in text


# -- Incremental and parallel builds ----------------------------------------------------


def test_plan_follows_content_notes_and_runtime(make_app, rootdir: Path, tmp_path: Path) -> None:
    srcdir = tmp_path / "rewrite"
    shutil.copytree(rootdir / "test-sessions", srcdir)
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert_no_warnings(app)
    app.cleanup()
    chapter = srcdir / "chapter-one.md"
    edit = "\n```{content-note}\nA SECOND-NOTE.\n```\n"
    assert "sessions" in written_after_edit(chapter, edit)
    shown = page(srcdir / "_build" / "html", "sessions.html").select("div.sg-content-note")
    assert [n.get_text(" ", strip=True) for n in shown][1] == "Content note A SECOND-NOTE."
    chapter.write_text(
        chapter.read_text(encoding="utf-8").replace("runtime: 96", "runtime: 100"),
        encoding="utf-8",
    )
    assert "sessions" in written_after_edit(chapter, "\n")
    plan = page(srcdir / "_build" / "html", "sessions.html").select("div.sg-session-plan")[0]
    assert agenda(plan, "together")[1] == ("Total", "175 minutes")


def test_parallel_equals_serial(make_app, rootdir: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in (1, 2):
        srcdir = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-sessions", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=jobs, freshenv=True)
        app.build()
        assert_no_warnings(app)
        domain = app.env.domains["sessions"]
        outputs.append(
            (
                (app.outdir / "sessions.html").read_text(encoding="utf-8"),
                {doc: len(notes) for doc, notes in domain.notes.items()},
                {doc: [p["chapter"] for p in found] for doc, found in domain.plans.items()},
            )
        )
        app.cleanup()
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == {"chapter-one": 1}
    assert outputs[0][2] == {"sessions": ["chapter-one", "chapter-two"]}


# -- The guide ------------------------------------------------------------------------------


def test_guide_sessions(guide_html: Path) -> None:
    sessions = page(guide_html, "sessions.html")
    found = sessions.select("div.sg-session-plan")
    assert len(found) == 3
    for plan, runtime in zip(found, (96, 88, 78), strict=True):
        assert f", {runtime} minutes." in plan.select_one("p.sg-plan-film").get_text()
        for key in ("beforehand", "together"):
            rows, total, _notes = agenda(plan, key)
            assert sum(minutes(m) for _label, m in rows) == minutes(total[1])
        # The core questions fit a 90-minute meeting watched beforehand, and
        # the plan says what is left of it.
        _rows, (_label, total), notes = agenda(plan, "beforehand")
        assert minutes(total) <= 90
        assert notes == [
            f"{90 - minutes(total)} minutes of the 90-minute meeting are left for reserve "
            "questions."
        ]
        assert ("Screening", f"{runtime} minutes") in agenda(plan, "together")[0]
        terms = [dt.get_text() for dt in plan.select("dl.sg-session-terms dt")]
        assert 1 <= len(terms) <= 8
        assert all(dd.get_text(strip=True) for dd in plan.select("dl.sg-session-terms dd"))
    session_2 = [dt.get_text() for dt in found[1].select("dl.sg-session-terms dt")]
    assert {"Augusto Pinochet", "Tanquetazo"} <= set(session_2)
    assert "Running times as given by the film's distributor, Icarus Films." in (
        " ".join(sessions.get_text(" ").split()).replace("’", "'")
    )
    # Content notes: parts I and II, at the top, and in their plans.
    for name, plan in [
        ("part-1-insurrection.html", found[0]),
        ("part-2-coup.html", found[1]),
    ]:
        chapter = page(guide_html, name)
        note = chapter.select_one("section div.sg-content-note")
        assert note is chapter.select_one("section").find(["div", "p"])
        assert plan.select_one("div.sg-content-note").get_text() == note.get_text()
    assert page(guide_html, "part-3-peoples-power.html").select("div.sg-content-note") == []
    assert found[2].select("div.sg-content-note") == []
