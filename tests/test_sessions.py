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


Rows = list[tuple[str, str]]


def meetings(plan: Tag, key: str) -> list[tuple[str, Rows, tuple[str, str]]]:
    """One format's meetings as shown: (subtitle, lines, total)."""
    found = []
    for table in plan.select(f".sg-agenda-{key} table"):
        caption = table.select_one("caption")
        rows = [(tr.th.get_text(), tr.td.get_text()) for tr in table.select("tbody tr")]
        total = table.select_one("tfoot tr")
        subtitle = caption.get_text() if caption else ""
        found.append((subtitle, rows, (total.th.get_text(), total.td.get_text())))
    return found


def agenda(plan: Tag, key: str) -> tuple[Rows, tuple[str, str], list[str]]:
    """A format's (first) meeting: its lines, its total and the format's notes."""
    _subtitle, rows, total = meetings(plan, key)[0]
    return rows, total, agenda_notes(plan, key)


def agenda_notes(plan: Tag, key: str) -> list[str]:
    return [p.get_text() for p in plan.select(f".sg-agenda-{key} p.sg-agenda-note")]


def agenda_title(plan: Tag, key: str) -> str:
    return plan.select_one(f".sg-agenda-{key} .sg-agenda-title").get_text()


def minutes(text: str) -> int:
    """ "45 minutes" -> 45, "2 h 45 min" -> 165, "2 h" -> 120."""
    match = re.fullmatch(r"(\d+) minutes|(\d+) h(?: (\d+) min)?", text)
    assert match, text
    if match.group(1):
        return int(match.group(1))
    return 60 * int(match.group(2)) + int(match.group(3) or 0)


FORMATS = ("beforehand", "together-long", "together-two")


def assert_formats_add_up(plan: Tag) -> None:
    """Every meeting's lines add up to its total, and the total fits what the heading says."""
    title = agenda_title(plan, "beforehand")
    match = re.fullmatch(r"Watched beforehand \((\d+)-minute meeting\)", title)
    assert match, title
    ((_s, rows, total),) = meetings(plan, "beforehand")
    assert sum(minutes(m) for _label, m in rows) == minutes(total[1])
    assert minutes(total[1]) <= int(match.group(1))

    title = agenda_title(plan, "together-long")
    match = re.fullmatch(r"Watched together, one long meeting with a break \((.+)\)", title)
    assert match, title
    ((_s, rows, total),) = meetings(plan, "together-long")
    assert sum(minutes(m) for _label, m in rows) == minutes(total[1])
    assert minutes(total[1]) <= minutes(match.group(1))
    labels = [label for label, _m in rows]
    if "Key terms" in labels:
        assert labels.index("Key terms") < labels.index("Screening")

    title = agenda_title(plan, "together-two")
    match = re.fullmatch(
        r"Watched together, two meetings: screening and a short talk \((.+)\), "
        r"then the discussion \((\d+)-minute meeting\)",
        title,
    )
    assert match, title
    (_s1, first, total1), (_s2, second, total2) = meetings(plan, "together-two")
    assert sum(minutes(m) for _label, m in first) == minutes(total1[1]) == minutes(match.group(1))
    assert sum(minutes(m) for _label, m in second) == minutes(total2[1])
    assert minutes(total2[1]) <= int(match.group(2))
    labels = [label for label, _m in first]
    if "Key terms" in labels:
        assert labels.index("Key terms") < labels.index("Screening")


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

    assert first.select_one(".sg-agendas-intro").get_text() == (
        "Three ways to run the session; choose the one that suits the group:"
    )
    assert agenda_title(first, "beforehand") == "Watched beforehand (90-minute meeting)"
    rows, total, notes = agenda(first, "beforehand")
    assert rows == [
        ("Welcome and context", "10 minutes"),
        ("Key terms", "10 minutes"),
        ("Core questions", "55 minutes"),
        ("Closing", "5 minutes"),
    ]
    assert total == ("Total", "80 minutes")
    # What is left of the meeting, said outright, for the reserves.
    assert notes == ["10 minutes are left; choose from the reserve questions below."]

    # One long meeting: key terms before the screening, a break; the core
    # questions that do not fit are named, and the plan says which to keep.
    assert agenda_title(first, "together-long") == (
        "Watched together, one long meeting with a break (2 h 45 min)"
    )
    rows, total, notes = agenda(first, "together-long")
    assert rows == [
        ("Welcome and context", "5 minutes"),
        ("Key terms", "10 minutes"),
        ("Screening", "96 minutes"),
        ("Break", "10 minutes"),
        ("Core questions (1 of 2)", "30 minutes"),
        ("Closing", "5 minutes"),
    ]
    assert total == ("Total", "156 minutes")
    assert notes == [
        "Not all the core questions fit: discuss Question 1.1 (30 minutes), in this order, "
        "and leave out Question 1.2.",
        "9 minutes are left; choose from the reserve questions below.",
    ]

    # Two meetings: the screening and a short talk, then the discussion.
    assert agenda_title(first, "together-two") == (
        "Watched together, two meetings: screening and a short talk (2 h 6 min), "
        "then the discussion (90-minute meeting)"
    )
    assert meetings(first, "together-two") == [
        (
            "First meeting",
            [
                ("Welcome and context", "5 minutes"),
                ("Key terms", "10 minutes"),
                ("Screening", "96 minutes"),
                ("Short talk: first impressions", "15 minutes"),
            ],
            ("Total", "126 minutes"),
        ),
        (
            "Second meeting",
            [("Recap", "5 minutes"), ("Core questions", "55 minutes"), ("Closing", "5 minutes")],
            ("Total", "65 minutes"),
        ),
    ]
    assert agenda_notes(first, "together-two") == [
        "Second meeting: 25 minutes are left; choose from the reserve questions below."
    ]

    # The plan's own meeting and segment lengths; no reserve questions.
    assert agenda_title(second, "beforehand") == "Watched beforehand (120-minute meeting)"
    rows, total, notes = agenda(second, "beforehand")
    assert rows == [
        ("Welcome and context", "15 minutes"),
        ("Key terms", "12 minutes"),
        ("Core questions", "45 minutes"),
        ("Closing", "8 minutes"),
    ]
    assert total == ("Total", "80 minutes")
    assert notes == ["40 minutes are left for a longer discussion."]
    rows, total, notes = agenda(second, "together-long")
    assert [row[1] for row in rows] == [
        "7 minutes",
        "12 minutes",
        "30 minutes",
        "10 minutes",
        "45 minutes",
        "8 minutes",
    ]
    assert total == ("Total", "112 minutes")
    assert notes == ["53 minutes are left for a longer discussion."]

    # Every total is the sum of its lines and fits the format's heading.
    for plan in (first, second):
        assert_formats_add_up(plan)


def test_plan_keep_order(make_app, rootdir: Path, tmp_path: Path) -> None:
    """``:keep:`` orders the core questions a format keeps when not all fit."""
    srcdir = tmp_path / "keep"
    shutil.copytree(rootdir / "test-sessions", srcdir)
    sessions = srcdir / "sessions.md"
    sessions.write_text(
        sessions.read_text(encoding="utf-8").replace(
            "```{session-plan} chapter-one\n---\n",
            "```{session-plan} chapter-one\n---\nkeep: q-two, q-nowhere\n",
        ),
        encoding="utf-8",
    )
    app = make_app(
        "html", srcdir=srcdir, freshenv=True, confoverrides={"studyguide_meeting_minutes": 75}
    )
    app.build()
    assert warnings(app) == [
        "sessions.md:5: WARNING: session plan for 'chapter-one': the core questions take "
        "55 minutes, but a 75-minute meeting leaves 50 minutes for them after welcome, "
        "key terms and closing (25 minutes); mark questions ':priority: reserve' or set "
        "':meeting:' [studyguide.session]",
        "sessions.md:5: WARNING: session plan for 'chapter-one': ':keep:' names 'q-nowhere', "
        "not the label of a core question of the chapter; give labels from: q-one, q-two "
        "[studyguide.session]",
    ]
    first, _second = plans(app)
    rows, _total, notes = agenda(first, "beforehand")
    assert ("Core questions (1 of 2)", "25 minutes") in rows
    assert notes == [
        "Not all the core questions fit: discuss Question 1.2 (25 minutes), in this order, "
        "and leave out Question 1.1.",
        "25 minutes are left; choose from the reserve questions below.",
    ]
    assert_formats_add_up(first)
    app.cleanup()


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
        "Question 1.1 Core (30 minutes): What did the election change?",
        "Question 1.2 Core (25 minutes): Who was surprised, and why?",
    ]
    # Reserve questions apart, with their minutes, not in the totals.
    assert "sg-plan-reserve" in reserve["class"]
    assert question_lines(reserve) == [
        "Question 1.3 Reserve (15 minutes): What would you ask the film-makers?"
    ]
    # The priority in words, not by colour alone.
    labels = [
        span.get_text() for span in first.select("ul.sg-plan-questions .sg-question-priority")
    ]
    assert labels == ["Core", "Core", "Reserve"]
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
def test_priority_labels_html(app: SphinxTestApp) -> None:
    """Core and reserve in words wherever a question appears, and a style of its own."""
    app.build()
    assert_no_warnings(app)
    chapter = page(app.outdir, "chapter-one.html")
    headers = [
        (h.select_one(".sg-question-number").get_text(), h.select_one(".sg-question-priority"))
        for h in chapter.select(".sg-question-header")
    ]
    assert [(number, label.get_text()) for number, label in headers] == [
        ("Question 1.1", "Core"),
        ("Question 1.2", "Core"),
        ("Question 1.3", "Reserve"),
    ]
    assert headers[2][1]["class"] == ["sg-question-priority", "sg-priority-reserve"]
    assert "sg-question-reserve" in chapter.select_one("#q-spare")["class"]
    css = (app.outdir / "_static" / "studyguide-questions.css").read_text(encoding="utf-8")
    assert ".sg-question.sg-question-reserve { border-style: dashed; }" in css
    reserve = plans(app)[0].select("ul.sg-plan-reserve .sg-question-priority")
    assert [label.get_text() for label in reserve] == ["Reserve"]


@pytest.mark.sphinx("latex", testroot="sessions", freshenv=True)
def test_priority_labels_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    reserve = r"\DUrole{sg-question-priority}{\DUrole{sg-priority-reserve}{Reserve}}"
    core = r"\DUrole{sg-question-priority}{\DUrole{sg-priority-core}{Core}}"
    tex = (app.outdir / "sessions-test.tex").read_text(encoding="utf-8")
    # In the chapter's boxes, the reserve one dashed; and in the plan's lists.
    assert tex.count(r"\sgquestionnumber{Question 1.3}" + reserve) == 1
    assert tex.count(r"\sgquestionnumber{Question 1.1}" + core) == 1
    assert re.search(r"\\begin\{sgquestion\}\[[^\n]*sgreserve[^\n]*chapter-one:q-spare", tex)
    assert tex.count(reserve) == 2
    handout = (app.outdir / "handout.tex").read_text(encoding="utf-8")
    assert handout.count(reserve) == 1
    assert handout.count(core) == 2


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
    # The plan says which core questions to keep, never only that they overflow.
    rows, total, notes = agenda(first, "beforehand")
    assert ("Core questions (1 of 2)", "30 minutes") in rows
    assert total == ("Total", "55 minutes")
    assert notes == [
        "Not all the core questions fit: discuss Question 1.1 (30 minutes), in this order, "
        "and leave out Question 1.2.",
        "5 minutes are left; choose from the reserve questions below.",
    ]
    assert agenda_title(first, "beforehand") == "Watched beforehand (60-minute meeting)"
    assert_formats_add_up(first)
    # The second plan's own :meeting: 120 wins over conf.py.
    assert agenda(second, "beforehand")[2] == ["40 minutes are left for a longer discussion."]


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
        "positive whole number of minutes, at most 600, e.g. 90; using 90 [studyguide.config]"
    ]
    title = agenda_title(plans(app)[0], "beforehand")
    assert title == "Watched beforehand (90-minute meeting)"
    app.cleanup()


@pytest.mark.sphinx("html", testroot="sessions-bad", freshenv=True)
def test_bad_session_input(app: SphinxTestApp) -> None:
    app.build()
    assert sorted(warnings(app)) == sorted(
        [
            "chapter.md:5: WARNING: discussion question: ':priority: optional' is not "
            "allowed; use 'core' (the default) or 'reserve' [studyguide.question]",
            "index.md:8: WARNING: session-plan: ':meeting: ninety' is not a whole number of "
            "minutes from 1 to 600; write e.g. ':meeting: 90' [studyguide.session]",
            "index.md:8: WARNING: session-plan: ':closing-minutes: 0' is not a whole number "
            "of minutes from 1 to 600; write e.g. ':closing-minutes: 5' [studyguide.session]",
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
    rows, total, notes = agenda(first, "together-long")
    # No runtime in the front matter: no invented screening time.
    assert ("Screening", "—") in rows
    assert total == ("Total", "55 minutes")
    assert notes == ["The chapter gives no running time: add the screening’s length to the total."]
    assert agenda_title(first, "together-two") == (
        "Watched together, two meetings: screening and a short talk, "
        "then the discussion (90-minute meeting)"
    )


@pytest.mark.sphinx("html", testroot="questions", freshenv=True, confoverrides={"language": "es"})
def test_session_plan_spanish(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    first = page(app.outdir, "sessions.html").select("div.sg-session-plan")[0]
    assert first.select_one(".sg-agendas-intro").get_text() == (
        "Tres maneras de organizar la sesión; elija la que convenga al grupo:"
    )
    rows, total, _notes = agenda(first, "beforehand")
    assert rows == [
        ("Bienvenida y contexto", "10 minutos"),
        ("Términos clave", "10 minutos"),
        ("Preguntas principales", "25 minutos"),
        ("Cierre", "5 minutos"),
    ]
    assert total == ("Total", "50 minutos")
    assert agenda_title(first, "beforehand") == "Vista antes de la reunión (reunión de 90 minutos)"
    assert agenda_title(first, "together-long") == (
        "Vista en grupo, una reunión larga con una pausa (2 h 45 min)"
    )


# -- LaTeX and PDF -----------------------------------------------------------------------


@pytest.mark.sphinx("latex", testroot="sessions", freshenv=True)
def test_plan_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-test.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sgagendas}") == 2
    first = tex[tex.index(r"\begin{sgagendas}") :]
    hyphen = r"\sphinxhyphen{}"
    assert first.startswith(
        "\\begin{sgagendas}\n"
        f"\\begin{{sgagenda}}{{Watched beforehand (90{hyphen}minute meeting)}}\n"
        "\\sgagendarow{Welcome and context}{10 minutes}\n"
        "\\sgagendarow{Key terms}{10 minutes}\n"
        "\\sgagendarow{Core questions}{55 minutes}\n"
        "\\sgagendarow{Closing}{5 minutes}\n"
        "\\sgagendatotal{Total}{80 minutes}\n"
        "\\sgagendanotes\n"
    )
    assert (
        "\\end{sgagenda}\n"
        "\\sgagendasep\n"
        "\\begin{sgagenda}{Watched together, one long meeting with a break (2 h 45 min)}\n"
        "\\sgagendarow{Welcome and context}{5 minutes}\n"
        "\\sgagendarow{Key terms}{10 minutes}\n"
        "\\sgagendarow{Screening}{96 minutes}\n"
        "\\sgagendarow{Break}{10 minutes}\n"
        "\\sgagendarow{Core questions (1 of 2)}{30 minutes}\n"
        "\\sgagendarow{Closing}{5 minutes}\n"
        "\\sgagendatotal{Total}{156 minutes}\n"
    ) in first
    assert (
        "\\end{sgagenda}\n"
        "\\sgagendabreak\n"
        "\\begin{sgagenda}{Watched together, two meetings: screening and a short talk "
        f"(2 h 6 min), then the discussion (90{hyphen}minute meeting)}}\n"
        "\\sgagendameeting{First meeting}\n"
        "\\sgagendarow{Welcome and context}{5 minutes}\n"
        "\\sgagendarow{Key terms}{10 minutes}\n"
        "\\sgagendarow{Screening}{96 minutes}\n"
        "\\sgagendarow{Short talk: first impressions}{15 minutes}\n"
        "\\sgagendatotal{Total}{126 minutes}\n"
        "\\sgagendameeting{Second meeting}\n"
        "\\sgagendarow{Recap}{5 minutes}\n"
        "\\sgagendarow{Core questions}{55 minutes}\n"
        "\\sgagendarow{Closing}{5 minutes}\n"
        "\\sgagendatotal{Total}{65 minutes}\n"
    ) in first
    assert "discuss Question 1.1 (30 minutes), in this order, and leave out Question 1.2." in first
    beforehand = first[: first.index(r"\end{sgagenda}")]
    assert "10 minutes are left; choose from the reserve questions below." in beforehand
    assert "\\sgagendatotal{Total}{112 minutes}" in tex
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
    """In print a plan gives each question in full, with its page and, in the
    facilitator edition, its note under it: the plan is enough to run the meeting."""
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-test-facilitator.tex").read_text(encoding="utf-8")
    plan = tex[tex.index(r"\begin{sgagendas}") :]
    plan = plan[: tex.index(r"\begin{sgagendas}", tex.index(r"\begin{sgagendas}") + 1)]
    hyphen = r"\sphinxhyphen{}"
    for question, note, label in [
        ("What did the election change?", f"NOTE{hyphen}ONE", "q-one"),
        ("Who was surprised, and why?", f"NOTE{hyphen}TWO", "q-two"),
        ("What would you ask the film", f"NOTE{hyphen}SPARE", "q-spare"),
    ]:
        at = plan.index(question)
        page = plan.index(r"\sgquestionpageref{\detokenize{chapter-one:" + label + "}}", at)
        after = plan[page:]
        assert after.index(r"\begin{sgfacilitatornote}") < after.index(note)
        assert note in tex[: tex.index(r"\begin{sgagendas}")]  # in the chapter too
    assert "\u2026" not in plan


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
    assert "Watched beforehand (90-minute meeting)" in text
    assert "Watched together, one long meeting with a break (2 h 45 min)" in text
    dots = r"(?: ?\.)+ "
    beforehand = ["Welcome and context", "10", "Key terms", "10", "Core questions", "55"]
    assert re.search(dots.join(beforehand[:2]), text)
    assert re.search(dots.join(["Closing", "5 minutes Total 80 minutes"]), text)
    assert re.search(dots.join(["Key terms", "10 minutes Screening", "96"]), text)
    assert "Total 156 minutes Not all the core questions fit" in text
    assert (
        "If time allows Reserve questions: a meeting watched beforehand leaves 10 minutes; "
        "choose from them (all of them would take 15 minutes)."
    ) in text


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
    assert meetings(plan, "together-two")[0][2] == ("Total", "130 minutes")


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


def test_participant_site_names_the_facilitator_edition(guide_html: Path) -> None:
    """The participant site says the facilitator edition exists and how to get it,
    with no link to its files."""
    index = page(guide_html, "index.html")
    text = " ".join(index.get_text(" ").split()).replace("’", "'")
    assert "Whoever leads a group's discussion can use the facilitator edition" in text
    assert "make site-facilitator" in text
    hrefs = [a["href"] for a in index.select("a[href]")]
    assert not [href for href in hrefs if "facilitator" in href]
    assert "make site" not in text.replace("make site-facilitator", "")


def test_guide_sessions(guide_html: Path) -> None:
    sessions = page(guide_html, "sessions.html")
    found = sessions.select("div.sg-session-plan")
    assert len(found) == 3
    for plan, runtime in zip(found, (96, 88, 78), strict=True):
        assert f", {runtime} minutes." in plan.select_one("p.sg-plan-film").get_text()
        # Every format adds up and fits what its heading says; key terms come
        # before the screening.
        assert_formats_add_up(plan)
        # The core questions fit a 90-minute meeting watched beforehand, and
        # the plan says what is left of it, for the reserves to choose from.
        rows, (_label, total), notes = agenda(plan, "beforehand")
        assert rows[2][0] == "Core questions"
        assert notes == [
            f"{90 - minutes(total)} minutes are left; choose from the reserve questions below."
        ]
        assert ("Screening", f"{runtime} minutes") in agenda(plan, "together-long")[0]
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


# -- A plan's body: in the doctree, resolved, its notes removed for participants --------

BODY_LINKS = [
    ("Popular Unity", "glossary.html#term-Popular-Unity"),
    ("the first question", "chapter-one.html#q-one"),
    ("II - The Second Part", "chapter-two.html"),
    ("part 1, ¶\xa01", "chapter-one.html#para-1"),
]


def closing_of(plan: Tag) -> list[Tag]:
    """What follows the plan's "Closing" heading."""
    heading = [p for p in plan.select("p.sg-plan-heading") if p.get_text().startswith("Closing")]
    assert len(heading) == 1, headings(plan)
    return [tag for tag in heading[0].find_next_siblings() if tag.name]


@pytest.mark.sphinx("html", testroot="sessions-body", freshenv=True)
def test_plan_body_cross_references_html(app: SphinxTestApp) -> None:
    """{term}, {ref}, {doc} and {para} in a plan's body are links (no crash), and a
    facilitator note in it reaches no participant page nor the search index."""
    app.build()
    assert_no_warnings(app)
    (plan,) = plans(app)
    closing = closing_of(plan)
    assert [tag.name for tag in closing] == ["p"]
    assert [(a.get_text(), a["href"]) for a in closing[0].select("a")] == BODY_LINKS
    assert closing[0].get_text(" ", strip=True) == (
        "Close on Popular Unity , on the first question , on II - The Second Part "
        "and on part 1, ¶\xa01 ."
    )
    for path in app.outdir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".js", ".txt"}:
            assert "secret" not in path.read_text(encoding="utf-8").lower(), path


@pytest.mark.sphinx(
    "html",
    testroot="sessions-body",
    freshenv=True,
    confoverrides={"studyguide_edition": "facilitator"},
)
def test_plan_body_note_in_facilitator_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    (plan,) = plans(app)
    closing = closing_of(plan)
    assert [tag.name for tag in closing] == ["p", "aside"]
    assert [(a.get_text(), a["href"]) for a in closing[0].select("a")] == BODY_LINKS
    assert closing[1]["class"] == ["sg-facilitator-note", "admonition"]
    # The note's lead-in is set apart.
    assert closing[1].select_one(".sg-note-label").get_text() == "PLAN-NOTE-SECRET:"
    assert closing[1].get_text(" ", strip=True) == (
        "Facilitator note PLAN-NOTE-SECRET: keep ten minutes for the vote."
    )


@pytest.mark.sphinx("latex", testroot="sessions-body", freshenv=True)
def test_plan_body_cross_references_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-body.tex").read_text(encoding="utf-8")
    closing = tex[tex.index("Close on") : tex.index("\\end{sphinxuseclass}", tex.index("Close on"))]
    assert "\\hyperref[\\detokenize{glossary:term-Popular-Unity}]" in closing
    assert "\\hyperref[\\detokenize{chapter-one:q-one}]" in closing
    assert "\\hyperref[\\detokenize{chapter-two::doc}]" in closing
    assert "\\hyperref[\\detokenize{chapter-one:para-1}]" in closing
    assert "\\sgparapageref{\\detokenize{chapter-one:para-1}}" in closing
    assert "SECRET" not in tex
    assert "sgfacilitatornote" not in closing


@pytest.mark.sphinx(
    "latex",
    testroot="sessions-body",
    freshenv=True,
    confoverrides={"studyguide_edition": "facilitator"},
)
def test_plan_body_note_in_facilitator_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-body-facilitator.tex").read_text(encoding="utf-8")
    start = tex.index("Close on")
    closing = tex[start : tex.index("\\end{document}")]
    assert "\\hyperref[\\detokenize{chapter-one:q-one}]" in closing
    note = closing[closing.index("\\begin{sgfacilitatornote}") :]
    # The note's lead-in, set apart.
    assert (
        "\\DUrole{sg-note-label}{PLAN\\sphinxhyphen{}NOTE\\sphinxhyphen{}SECRET:} "
        "keep ten minutes for the vote."
    ) in note


# -- The welcome: a context brief and the session's dates ----------------------------------


def welcome_of(plan: Tag) -> list[Tag]:
    """What stands between the "Welcome and context" heading and the next heading."""
    heading = plan.select_one("p.sg-plan-heading")
    assert heading.get_text() == "Welcome and context (10 minutes)"
    found = []
    for tag in heading.find_next_siblings():
        if "sg-plan-heading" in tag.get("class", []):
            break
        found.append(tag)
    return found


@pytest.mark.sphinx("html", testroot="sessions-body", freshenv=True)
def test_plan_context_and_dates_html(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    (plan,) = plans(app)
    welcome = welcome_of(plan)
    assert [(tag.name, tag.get("class")) for tag in welcome] == [
        ("p", ["sg-plan-when"]),
        ("div", ["sg-session-context", "sg-nolink"]),
        ("p", None),
        ("ul", ["sg-plan-dates", "simple"]),
    ]
    assert welcome[0].get_text() == "To read out:"
    context = welcome[1]
    assert [p.get_text() for p in context.select("p")] == [
        "CONTEXT-BRIEF on the MIR and the year.",
        "A second CONTEXT paragraph.",
    ]
    assert context.a["href"] == "glossary.html#term-MIR"
    assert welcome[2].get_text() == "Dates from the chronology"
    # The events of the chronology within :from: and :to:, and no other.
    assert [li.get_text() for li in welcome[3].select("li")] == [
        "29 June 1973: TANKS-EVENT an armoured regiment rose."
    ]
    # The welcome comes before the key terms, in the order of the meeting; the
    # brief is not repeated in the closing.
    assert headings(plan)[:2] == ["Welcome and context (10 minutes)", "Key terms (10 minutes)"]
    assert "CONTEXT" not in " ".join(tag.get_text() for tag in closing_of(plan))
    # The brief is data of the plan too (for run sheets), as plain text.
    domain = app.env.domains["sessions"]
    assert domain.context_of("chapter-one") == (
        "CONTEXT-BRIEF on the MIR and the year.\n\nA second CONTEXT paragraph."
    )
    (data,) = domain.plans["sessions"]
    assert (data["from"], data["to"]) == ("1973-06", "1973-08")


@pytest.mark.sphinx("latex", testroot="sessions-body", freshenv=True)
def test_plan_context_latex(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    tex = (app.outdir / "sessions-body.tex").read_text(encoding="utf-8")
    welcome = tex[tex.index(r"\sphinxstylestrong{Welcome and context}") :]
    hyphen = r"\sphinxhyphen{}"
    assert welcome.index(r"\begin{sgcontext}") < welcome.index(f"CONTEXT{hyphen}BRIEF on the")
    assert welcome.index(r"\end{sgcontext}") < welcome.index("Dates from the chronology")
    assert f"\\sphinxstylestrong{{29 June 1973}}: TANKS{hyphen}EVENT" in welcome
    assert "OUTSIDE" not in tex


# -- Print that serves the room: the guide's PDFs and handouts ---------------------------------


def _make(target: str, builddir: Path) -> None:
    """``make <target>`` of the guide into *builddir* (strict, as a user runs it)."""
    import subprocess

    from guidetest import ROOT, require_tools

    require_tools("xelatex", "latexmk", "pdftotext", "pdfinfo")
    result = subprocess.run(
        ["make", target, f"BUILDDIR={builddir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def guide_print(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PDF of the guide: both editions of the book and of the handouts."""
    builddir = tmp_path_factory.mktemp("print")
    _make("handouts", builddir)
    _make("site-facilitator", builddir)
    _make("pdf", builddir)
    pdfs = {
        "guide": builddir / "latex" / "battle-of-chile.pdf",
        "guide-facilitator": builddir / "facilitator" / "latex" / "battle-of-chile-facilitator.pdf",
    }
    for n in (1, 2, 3):
        pdfs[f"session-{n}"] = builddir / "handouts" / f"session-{n}.pdf"
        pdfs[f"session-{n}-facilitator"] = builddir / "handouts" / f"session-{n}-facilitator.pdf"
    return pdfs


@pytest.mark.tex
def test_site_facilitator_has_its_own_downloads(guide_print: dict[str, Path]) -> None:
    """``make site-facilitator``: the facilitator web edition, linking the facilitator's
    files, with no builder's note where the downloads are."""
    site = guide_print["guide"].parent.parent / "site-facilitator"
    index = page(site, "index.html")
    links = [(a.get_text(), a["href"].rsplit("/", 1)[-1]) for a in index.select(".sg-downloads a")]
    assert links == [
        ("The guide to print, facilitator edition (PDF, A4)", "battle-of-chile-facilitator.pdf"),
        ("The guide for e-readers, facilitator edition (EPUB)", "battle-of-chile.epub"),
        (
            "Facilitator’s handout of session 1: The Insurrection of the Bourgeoisie (PDF)",
            "session-1-facilitator.pdf",
        ),
        ("Facilitator’s handout of session 2: The Coup d’État (PDF)", "session-2-facilitator.pdf"),
        ("Facilitator’s handout of session 3: People’s Power (PDF)", "session-3-facilitator.pdf"),
        (
            "Run sheet of session 1: The Insurrection of the Bourgeoisie (PDF)",
            "session-1.pdf",
        ),
        ("Run sheet of session 2: The Coup d’État (PDF)", "session-2.pdf"),
        ("Run sheet of session 3: People’s Power (PDF)", "session-3.pdf"),
        *(
            (
                f"Question cards of session {n}, notes on the backs (PDF)",
                f"session-{n}-facilitator.pdf",
            )
            for n in (1, 2, 3)
        ),
    ]
    for a in index.select(".sg-downloads a"):
        assert (site / a["href"]).is_file()
    for html in site.glob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "sg-downloads-note" not in text, html.name
        assert "make site" not in text, html.name
        # The participants' sentence about the facilitator edition is not for this site.
        assert "It is not published with this site" not in text, html.name
    assert "Facilitator edition" in index.title.get_text()


def pdf_pages(pdf: Path) -> list[str]:
    return pdf_text(pdf, "-layout").split("\f")[:-1]


def pdf_title(pdf: Path) -> str:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(
        line.split(":", 1)[1].strip()
        for line in info.stdout.splitlines()
        if line.startswith("Title:")
    )


@pytest.mark.tex
def test_print_titles_are_distinct(guide_print: dict[str, Path]) -> None:
    titles = {name: pdf_title(pdf) for name, pdf in guide_print.items()}
    assert len(set(titles.values())) == len(titles), titles
    assert titles["session-1-facilitator"] == (
        "Session 1: The Insurrection of the Bourgeoisie (Facilitator edition)"
    )
    assert titles["guide-facilitator"].endswith("(Facilitator edition)")


#: Lines that introduce what follows: none may end a page.
LEAD_INS = re.compile(
    r"(:|^(Session plan|Key terms|Questions|If time allows|Closing|Core questions|"
    r"Welcome and context|Dates from the chronology|To read out)( \(\d+ minutes\))?)$"
)


@pytest.mark.tex
def test_print_no_page_ends_with_a_lead_in(guide_print: dict[str, Path]) -> None:
    ended = []
    for name, pdf in guide_print.items():
        for number, text in enumerate(pdf_pages(pdf), start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            # The last line of the page's text, above its page number.
            while lines and re.fullmatch(r"[0-9ivxl]+", lines[-1]):
                lines.pop()
            if lines and LEAD_INS.search(lines[-1]):
                ended.append((name, number, lines[-1]))
    assert ended == []


@pytest.mark.tex
def test_print_no_question_box_split(guide_print: dict[str, Path]) -> None:
    """No question box is shorter than a page, so none may split: a split box's second
    part is titled "Question N.M (continued)"."""
    for name, pdf in guide_print.items():
        assert "(continued)" not in pdf_text(pdf), name


@pytest.mark.tex
def test_print_no_question_cut_short(guide_print: dict[str, Path]) -> None:
    """Each question in full wherever it is printed: no line ends with "…" in any PDF,
    and the facilitator's session plan gives every question of its chapter whole."""
    for name, pdf in guide_print.items():
        text = pdf_text(pdf)
        cut = [line for line in text.splitlines() if line.rstrip().endswith("…")]
        assert cut == [], name
    # The running text only: a question that runs over a page break is read
    # without the page number and the next page's running head between its lines.
    text = " ".join(
        line
        for page in pdf_pages(guide_print["guide-facilitator"])
        for line in page.splitlines()
        if not re.fullmatch(r"\s*[0-9ivxl]+\s*", line) and "Facilitator edition" not in line
    )
    text = " ".join(text.split())
    # Words broken at a line's end joined again; glossary terms (small capitals)
    # and their pages "(p. 82)" as plain words.
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    plain = re.sub(r" \(p\. \d+\)", "", text).lower()
    # The full form "(10 minutes): ..." is that of the plan and the list of questions.
    whole = (
        "Question 2.2 CORE (10 minutes): The review says most of this part is about the "
        "debate among Allende’s supporters: a moderate wing that sought “dialogue” with the "
        "Christian Democrats and held to the constitutional path, and a radical wing that "
        "wanted to deepen the revolution and arm the workers. How would each wing’s own "
        "supporters have put its case in July and August 1973?"
    )
    assert plain.count(whole.lower()) == 2
    assert text.count("put its case in July and August 1973? (p. ") == 2


@pytest.mark.tex
def test_print_handout_key_terms_at_text_size(guide_print: dict[str, Path]) -> None:
    """The key terms, read out at the meeting, are set at the size of the questions'
    text (10 pt), not smaller: the height of their words in the PDF says so."""
    import subprocess

    from bs4 import BeautifulSoup

    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(guide_print["session-2"]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = [
        (w.get_text(), float(w["ymax"]) - float(w["ymin"]))
        for w in BeautifulSoup(bbox, "html.parser").select("word")
    ]
    texts = [text for text, _height in words]
    # "Tanquetazo" opens the key terms; "Reading" is a line of the handout's text.
    term = next(h for t, h in words if t == "Tanquetazo")
    body = next(h for t, h in words if t.startswith("Reading"))
    assert term >= body * 0.97, (term, body)
    assert "Tanquetazo" in texts


@pytest.mark.tex
def test_print_session_3_closes_the_series(guide_print: dict[str, Path]) -> None:
    for name in ("guide", "guide-facilitator"):
        text = " ".join(pdf_text(guide_print[name]).split())
        session_3 = text[text.index("Session 3: People") :]
        assert "next part of the film" not in session_3
        assert "agree whether the group will meet again" in session_3
    guide = " ".join(pdf_text(guide_print["guide"]).split())
    assert "linked under its heading" not in guide


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_handout_is_self_contained(make_app, rootdir: Path, tmp_path: Path, edition: str) -> None:
    """A handout carries the chapter's content note, and the glossary entries its
    text cites, with their definitions (the facilitator's notes cite one here)."""
    srcdir = tmp_path / edition
    shutil.copytree(rootdir / "test-sessions-body", srcdir)
    app = make_app(
        "latex", srcdir=srcdir, freshenv=True, confoverrides={"studyguide_edition": edition}
    )
    app.build()
    assert_no_warnings(app)
    name = "handout.tex" if edition == "participant" else "handout-facilitator.tex"
    tex = (app.outdir / name).read_text(encoding="utf-8")
    hyphen = r"\sphinxhyphen{}"
    note = tex.index(r"\begin{sgcontentnote}{Content note}")
    assert f"This part ends with a WARNED{hyphen}SCENE" in tex[note:]
    assert note < tex.index(r"\begin{sgquestion}")
    cited = "Glossary entries cited above"
    if edition == "participant":
        assert cited not in tex
    else:
        after = tex[tex.index(cited) :]
        assert (
            r"\sphinxstylestrong{La Moneda} The presidential palace in Santiago. "
            "It was bombed on 11 September 1973."
        ) in after
    app.cleanup()


@pytest.mark.sphinx("text", testroot="sessions", freshenv=True)
def test_plan_formats_text(app: SphinxTestApp) -> None:
    app.build()
    assert_no_warnings(app)
    text = (app.outdir / "sessions.txt").read_text(encoding="utf-8")
    assert (
        "Watched together, two meetings: screening and a short talk (2 h 6 min), "
        "then the discussion (90-minute meeting)\n"
        "  First meeting:\n"
        "    Welcome and context............ 5 minutes\n"
        "    Key terms...................... 10 minutes\n"
        "    Screening...................... 96 minutes\n"
        "    Short talk: first impressions.. 15 minutes\n"
        "    -------------------------------------------\n"
        "    Total                           126 minutes\n"
        "  Second meeting:\n"
        "    Recap........... 5 minutes\n"
        "    Core questions.. 55 minutes\n"
        "    Closing......... 5 minutes\n"
        "    ---------------------------\n"
        "    Total            65 minutes\n"
    ) in text
    assert "* **Question 1.3** Reserve (15 minutes): What would you ask the film-" in text
