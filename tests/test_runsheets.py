"""The meeting's printed matter: run sheets, invitations and question cards.

A small project (``tests/roots/test-meeting``) for the exact output and the
warnings; the real guide for the PDFs: every run sheet on at most four A4
pages with every question and note in full, the invitations as HTML and
plain text, the cards four to a sheet with the notes behind their questions.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, latexmk, pdf_text, require_tools, sphinx_build, written_after_edit

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

SESSIONS = {1: "part-1-insurrection", 2: "part-2-coup", 3: "part-3-peoples-power"}
FACILITATOR = {"studyguide_edition": "facilitator"}


def page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squeeze(text: str) -> str:
    """Text compared across HTML and PDF: no whitespace, no hyphens (TeX breaks
    words at line ends), no paragraph citations (their form depends on the page),
    ligatures as letters (NFKC: "ﬀ" is "ff")."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(part\s+\d+,\s*)?¶\s*\d+(,\s*p\.\s*\d+)?", "", text)
    return re.sub(r"[\s\-‐‑\u00ad]", "", text)


def running_text(pdf: Path) -> str:
    """The PDF's text without what print adds between two pages: the running head
    (each page's first line), the page number, and the repeated title of a
    question box that runs on ("Question 2.3 (continued)", "10 minutes")."""
    kept = []
    for text in pdf_text(pdf).split("\f"):
        lines = [line for line in text.splitlines() if line.strip()][1:]
        if lines and lines[-1].strip().isdigit():
            lines.pop()
        kept.extend(
            line
            for line in lines
            if "(continued)" not in line and not re.fullmatch(r"\d+(\.\d+)? minutes?", line)
        )
    return "\n".join(kept)


def warnings(app: SphinxTestApp) -> list[str]:
    text = app.warning.getvalue().replace(str(app.srcdir) + "/", "")
    return [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in text.splitlines() if line]


# -- The small project -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="meeting", confoverrides={"studyguide_edition": "facilitator"})
def test_runsheet_html_in_the_order_of_the_meeting(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    sheet = page(app.outdir / "runsheet.html").select_one("div.sg-runsheet")
    steps = [p.get_text(" ", strip=True) for p in sheet.select("p.rubric.sg-runsheet-step")]
    # From :start: 18:45: welcome 10, key terms 10, core 30 + 25, the 10
    # minutes the 90-minute meeting leaves for reserves, closing 5.
    assert steps == [
        "18:45 Welcome and context (10 minutes)",
        "18:55 Key terms (10 minutes)",
        "19:05 Core questions (55 minutes)",
        "20:00 Reserve questions (10 minutes)",
        "20:10 Closing (5 minutes)",
    ]
    text = sheet.get_text(" ", strip=True)
    order = [
        "Format : Watched beforehand (90-minute meeting)",
        "WARNED-SCENE",
        "Meeting : 18:45 to 20:15",
        "CONTEXT-BRIEF to read out.",
        "29 June 1973 : DATED-EVENT",
        "AUTHOR-TEXT-PINOCHET",
        "19:05 Question 1.1",
        "What did the election change?",
        "NOTE-ONE",
        "19:35 Question 1.2",
        "NOTE-TWO",
        "10 minutes are left before the closing; together they would take 20 minutes.",
        "Question 1.3 Reserve",
        "NOTE-SPARE",
        "Question 1.4 Reserve",
        "NOTE-LATE",
        "Question 1.5 Reserve",
        "NOTE-LAST",
        # The plan's closing, as the plan says it.
        "Each member names one question the session left open; "
        "agree on what the group takes up next.",
        "End of the meeting: 20:15.",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions), text
    # The chronology's dates within :from: and :to: only.
    assert "OUT-OF-RANGE" not in text
    # The directive's body is the brief: the plan's is not read out as well.
    assert "PLAN-BRIEF" not in text
    # "Reserve" after the number of each reserve question, as on the chapter's page.
    labels = {
        q.select_one(".sg-question-number").get_text(strip=True): q.select_one(
            ".sg-question-priority"
        ).get_text(strip=True)
        for q in sheet.select("div.sg-question")
    }
    assert labels == {
        "Question 1.1": "Core",
        "Question 1.2": "Core",
        "Question 1.3": "Reserve",
        "Question 1.4": "Reserve",
        "Question 1.5": "Reserve",
    }
    assert "Reserve ·" not in text
    # The timetable, with its end.
    rows = [tr.get_text(" ", strip=True) for tr in sheet.select("table.sg-agenda-table tr")]
    assert rows[0] == "18:45 Welcome and context 10 minutes"
    assert rows[-1] == "End 20:15"
    # No fragment of a question anywhere.
    assert "…" not in text


@pytest.mark.sphinx(
    "html",
    testroot="meeting",
    confoverrides={"studyguide_edition": "facilitator", "studyguide_session_start": "18:30"},
)
def test_start_time_from_the_command_line(app: SphinxTestApp) -> None:
    """-D studyguide_session_start=18:30 wins over the sheet's :start:."""
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    sheet = page(app.outdir / "runsheet.html").select_one("div.sg-runsheet")
    steps = [p.get_text(" ", strip=True) for p in sheet.select("p.rubric.sg-runsheet-step")]
    assert steps[0] == "18:30 Welcome and context (10 minutes)"
    assert steps[-1] == "19:55 Closing (5 minutes)"


@pytest.mark.sphinx("html", testroot="meeting", confoverrides={"studyguide_session_start": "25:00"})
def test_bad_start_time_is_a_config_warning(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == [
        "WARNING: studyguide_session_start = '25:00': give the meeting's start as HH:MM, "
        "e.g. 18:30; using each run sheet's own :start: (default 19:00) [studyguide.config]"
    ]


@pytest.mark.sphinx("html", testroot="meeting")
def test_participant_runsheet_has_no_notes(app: SphinxTestApp) -> None:
    """Notes are removed at read time: a run sheet built for participants has none."""
    app.build()
    text = page(app.outdir / "runsheet.html").get_text(" ", strip=True)
    assert "What did the election change?" in text
    assert "NOTE-" not in text
    assert "Facilitator note" not in text


@pytest.mark.sphinx("html", testroot="meeting")
def test_invitation_html_and_text(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    invitation = page(app.outdir / "invitation.html").select_one("div.sg-invitation")
    paragraphs = [p.get_text() for p in invitation.select("p")]
    text = (app.outdir / "invitation.txt").read_text(encoding="utf-8")
    assert text.startswith("Dear all,\n\nOur next meeting: [date], [time], at [place].\n\n")
    flat = re.sub(r"[ \n]+", " ", text)  # not str.split(): it splits at no-break spaces
    for expected in [
        "please watch THE-FILM, Part I, The First Part (1975), 96 minutes.",
        "the film is distributed by DISTRIBUTOR-NAME (https://distributor.example/).",
        "Please read the chapter “I - The First Part” of the study guide: the review, ¶\u00a01–2.",
        "Content note: This part ends with a WARNED-SCENE",
        "1. Question 1.1: What did the election change?",
        "2. Question 1.2: Who was surprised, and why?",
        "[your name]",
    ]:
        assert expected in flat
        assert any(expected in re.sub(r"[ \n]+", " ", p) for p in paragraphs), expected
    assert all(len(line) <= 72 for line in text.splitlines())
    # The page links its plain-text copy.
    link = page(app.outdir / "invitation.html").select_one("p.sg-invitation-text-copy a")
    assert link["href"] == "invitation.txt"
    # Chosen questions, in the order given.
    chosen = (app.outdir / "invitation-chosen.txt").read_text(encoding="utf-8")
    assert "1. Question 1.3: What would you ask the film-makers?" in chosen
    assert "2. Question 1.1: What did the election change?" in chosen
    # Never a note, never in the sources.
    assert "NOTE-" not in text
    assert not [p for p in Path(app.srcdir).rglob("*.txt") if "_build" not in p.parts]


@pytest.mark.sphinx("html", testroot="meeting", confoverrides={"studyguide_edition": "facilitator"})
def test_facilitator_invitation_has_no_notes(app: SphinxTestApp) -> None:
    app.build()
    assert "NOTE-" not in (app.outdir / "invitation.txt").read_text(encoding="utf-8")
    assert "NOTE-" not in page(app.outdir / "invitation.html").get_text()


@pytest.mark.sphinx("html", testroot="meeting")
def test_unknown_question_label_is_warned(app: SphinxTestApp) -> None:
    source = Path(app.srcdir) / "invitation-chosen.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("q-spare", "q-missing"), encoding="utf-8"
    )
    app.build()
    assert warnings(app) == [
        "invitation-chosen.md:7: WARNING: session-invitation: no question labelled "
        "'q-missing' in chapter-one; the labels there are: q-last, q-late, q-one, q-spare, "
        "q-two [studyguide.session]"
    ]


@pytest.mark.sphinx(
    "latex", testroot="meeting", confoverrides={"studyguide_edition": "facilitator"}
)
def test_cards_latex_backs_mirrored(app: SphinxTestApp) -> None:
    """Five questions: two sheets of fronts, each followed by its backs, columns swapped."""
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    tex = (app.outdir / "cards-facilitator.tex").read_text(encoding="utf-8")
    sheets = re.findall(r"\\begin\{sgcardsheet\}\{(\w+)\}(.*?)\\end\{sgcardsheet\}", tex, re.S)
    assert [side for side, _body in sheets] == ["front", "back", "front", "back"]
    slots = [
        re.findall(
            r"\\sgcardsave\{(\d)\}\{.*?\}\{%\n\\begin\{sgcard\w+\}\{Question 1\.(\d)\}", body
        )
        for _side, body in sheets
    ]
    assert slots[0] == [("0", "1"), ("1", "2"), ("2", "3"), ("3", "4")]
    assert sorted(slots[1], key=lambda s: s[1]) == [("1", "1"), ("0", "2"), ("3", "3"), ("2", "4")]
    assert slots[2] == [("0", "5")]
    assert slots[3] == [("1", "5")]
    assert "{Reserve · 15 minutes}{sgcardreserve}" in tex
    # The note behind its card, with its lead-in, without the question's header.
    assert (
        "\\DUrole{sg-note-label}{NOTE\\sphinxhyphen{}SPARE:} only if time allows." in sheets[1][1]
    )
    assert "NOTE" not in sheets[0][1]
    assert "sg-question-priority" not in tex


@pytest.mark.sphinx("latex", testroot="meeting")
def test_participant_cards_have_no_backs(app: SphinxTestApp) -> None:
    app.build()
    tex = (app.outdir / "cards.tex").read_text(encoding="utf-8")
    assert re.findall(r"\\begin\{sgcardsheet\}\{(\w+)\}", tex) == ["front", "front"]
    assert "NOTE-" not in tex


# -- The real guide ------------------------------------------------------------------------


def _pdfs(factory: pytest.TempPathFactory, name: str, *tags: str) -> Path:
    outdir = factory.mktemp(name)
    result = sphinx_build("latex", outdir, *tags)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    latexmk(outdir)
    return outdir


@pytest.fixture(scope="module")
def guide_facilitator_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outdir = tmp_path_factory.mktemp("facilitator") / "html"
    result = sphinx_build("html", outdir, "-t", "facilitator")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


@pytest.fixture(scope="module")
def runsheet_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("xelatex", "latexmk", "pdftotext", "pdfinfo")
    return _pdfs(tmp_path_factory, "runsheets", "-t", "runsheets", "-t", "facilitator")


def chapter_questions(html: Path, chapter: str) -> list[tuple[str, str, bool]]:
    """(question text, note text, reserve) of each question of a chapter's page."""
    found = []
    for question in page(html / f"{chapter}.html").select("div.sg-question"):
        note = question.select_one(".sg-facilitator-note")
        note_text = ""
        if note is not None:
            note.extract()
            title = note.select_one(".sg-facilitator-note-title")
            if title is not None:
                title.extract()
            note_text = note.get_text(" ", strip=True)
        for part in question.select(".sg-question-header, .sg-question-terms"):
            part.extract()
        reserve = "sg-question-reserve" in question["class"]
        found.append((question.get_text(" ", strip=True), note_text, reserve))
    return found


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return dict(
        (key.strip(), value.strip())
        for key, _sep, value in (line.partition(":") for line in out.stdout.splitlines())
    )


@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_runsheet_pdf(session: int, runsheet_pdfs: Path, guide_facilitator_html: Path) -> None:
    """At most 4 A4 pages, with every question and note in full, clock times,
    the content note and the context brief."""
    pdf = runsheet_pdfs / f"runsheet-{session}-facilitator.pdf"
    info = pdf_info(pdf)
    assert int(info["Pages"]) <= 4
    assert info["Page size"].startswith("595.")  # A4: 595.276 x 841.89 pts
    text = running_text(pdf)
    flat = squeeze(text)
    questions = chapter_questions(guide_facilitator_html, SESSIONS[session])
    assert len(questions) >= 6
    for question, note, _reserve in questions:
        assert squeeze(question) in flat, question
        assert note, question
        assert squeeze(note) in flat, note[:80]
    reserves = sum(1 for _q, _n, reserve in questions if reserve)
    assert len(re.findall(r"Question \d\.\d\s+(?:RESERVE|Reserve)", text)) == reserves
    for clock in ("19:00 Welcome and context", "19:10 Key terms", "19:20 Core questions"):
        assert clock in text
    assert re.search(r"End\s+20:30", text)
    sheet = page(guide_facilitator_html / "runsheets" / f"session-{session}.html")
    content_note = sheet.select_one(".sg-content-note")
    if session in (1, 2):
        body = content_note.get_text(" ", strip=True).removeprefix("Content note")
        assert squeeze(body) in flat
    # The context brief: the plan's session-context, read out at the welcome.
    brief = sheet.select(".sg-session-context p")
    assert len(brief) >= 2
    assert all(squeeze(p.get_text(" ", strip=True)) in flat for p in brief)
    # No fragment: no line ends with an ellipsis.
    assert not [line for line in text.splitlines() if line.rstrip().endswith("…")]


def test_runsheets_only_in_the_facilitator_edition(guide_html: Path) -> None:
    """The participant site has no run sheet, and no page or index entry of one."""
    assert not (guide_html / "runsheets").exists()
    assert "runsheets/" not in (guide_html / "searchindex.js").read_text(encoding="utf-8")
    assert "Facilitator note" not in (guide_html / "invitations" / "session-1.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_guide_invitations(session: int, guide_html: Path) -> None:
    """HTML and text: the running time, where to watch, the paragraphs, the content note."""
    chapter = page(guide_html / f"{SESSIONS[session]}.html")
    paragraphs = len(chapter.select("span.sg-para-number"))
    runtime = {1: 96, 2: 88, 3: 78}[session]
    html = page(guide_html / "invitations" / f"session-{session}.html")
    html_text = re.sub(r"\s*\n\s*|  +", " ", html.select_one("div.sg-invitation").get_text())
    text = (guide_html / "invitations" / f"session-{session}.txt").read_text(encoding="utf-8")
    flat = re.sub(r"[ \n]+", " ", text)
    for content in (flat, html_text):
        assert f"{runtime} minutes" in content
        assert "Icarus Films" in content
        assert "https://icarusfilms.com/" in content
        assert f"¶\u00a01–{paragraphs}" in content
        assert "[date]" in content
        assert "[time]" in content
        assert "[place]" in content
        assert "…" not in content
    if session == 1:
        assert "https://www.youtube.com/watch?v=CnTPJ6kmB0s" in flat
    note = chapter.select_one(".sg-content-note")
    if note is not None:
        body = " ".join(note.get_text(" ", strip=True).removeprefix("Content note").split())
        assert body in flat
    assert len(re.findall(r"^\d\. Question \d\.\d: ", text, re.M)) == 2


@pytest.fixture(scope="module")
def invitation_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_tools("xelatex", "latexmk", "pdftotext", "pdfinfo")
    return _pdfs(tmp_path_factory, "handouts", "-t", "handouts")


@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_invitation_pdf(session: int, invitation_pdfs: Path) -> None:
    pdf = invitation_pdfs / f"invitation-{session}.pdf"
    assert pdf_info(pdf)["Pages"] == "1"
    text = " ".join(pdf_text(pdf).split())
    assert "Our next meeting: [date], [time], at [place]." in text
    assert "Icarus Films" in text
    assert "minutes" in text
    assert "…" not in text


@pytest.fixture(scope="module")
def card_pdfs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    require_tools("xelatex", "latexmk", "pdftotext", "pdfinfo")
    return (
        _pdfs(tmp_path_factory, "cards", "-t", "cards"),
        _pdfs(tmp_path_factory, "cards-facilitator", "-t", "cards", "-t", "facilitator"),
    )


def chapter_notes(html: Path, chapter: str) -> dict[str, str]:
    """Question number ("1.2") -> its note's text, as on the chapter's page."""
    numbers = [
        number.get_text(strip=True).removeprefix("Question").strip()
        for number in page(html / f"{chapter}.html").select(
            "div.sg-question .sg-question-header .sg-question-number"
        )
    ]
    notes = [note for _question, note, _reserve in chapter_questions(html, chapter)]
    return dict(zip(numbers, notes, strict=True))


def card_text(pdf: Path, number: int, column: int, row: int) -> str:
    """The text of one card (a quarter of an A4 sheet) of page *number*."""
    width, height = 595, 842
    crop = {"-x": column * width // 2, "-y": row * height // 2, "-W": width // 2, "-H": height // 2}
    args = [str(value) for pair in crop.items() for value in pair]
    return pdf_text(pdf, "-f", str(number), "-l", str(number), *args)


def card_titles(pdf: Path, number: int) -> list[dict[str, tuple[int, int]]]:
    """Per page: question number -> (column, row) of the card whose title names it."""
    root = pdf_text(pdf, "-bbox", "-f", "1", "-l", str(number))
    pages = []
    for chunk in root.split("<page ")[1:]:
        width = float(re.search(r'width="([\d.]+)"', chunk).group(1))
        height = float(re.search(r'height="([\d.]+)"', chunk).group(1))
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
            chunk,
        )
        found = {}
        for index, (x, y, word) in enumerate(words):
            if word == "Question" and index + 1 < len(words):
                found[words[index + 1][2]] = (
                    int(float(x) > width / 2),
                    int(float(y) > height / 2),
                )
        pages.append(found)
    return pages


@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_card_pdfs(
    session: int, card_pdfs: tuple[Path, Path], guide_facilitator_html: Path
) -> None:
    """Four cards a sheet, reserves marked; the facilitator's notes behind their cards."""
    participant, facilitator = card_pdfs
    questions = chapter_questions(guide_facilitator_html, SESSIONS[session])
    sheets = math.ceil(len(questions) / 4)
    fronts = participant / f"cards-{session}.pdf"
    backs = facilitator / f"cards-{session}-facilitator.pdf"
    assert int(pdf_info(fronts)["Pages"]) == sheets
    assert int(pdf_info(backs)["Pages"]) == 2 * sheets
    assert pdf_info(fronts)["Page size"].startswith("595.")
    # Each question's whole text on its card; "Reserve" on as many cards as there are reserves.
    text = pdf_text(fronts)
    for question, _note, _reserve in questions:
        assert squeeze(question) in squeeze(text)
    assert text.count("Reserve") == sum(1 for *_rest, reserve in questions if reserve)
    assert "Facilitator note" not in text
    # Facilitator: front sheet, then its backs; each note behind its card.
    pages = pdf_text(backs).split("\f")
    positions = card_titles(backs, 2 * sheets)
    for sheet in range(sheets):
        front, back = positions[2 * sheet], positions[2 * sheet + 1]
        assert front
        assert set(front) == set(back)
        for number, (column, row) in front.items():
            assert back[number] == (1 - column, row), number
        assert "Facilitator note" in pages[2 * sheet + 1]
        assert "Facilitator note" not in pages[2 * sheet]
    # Each note whole on the back of its own card (read card by card: the
    # columns' lines side by side are not one text).
    notes = chapter_notes(guide_facilitator_html, SESSIONS[session])
    assert len(notes) == len(questions)
    for sheet in range(sheets):
        for number, (column, row) in positions[2 * sheet + 1].items():
            back = squeeze(card_text(backs, 2 * sheet + 2, column, row))
            assert squeeze(notes[number]) in back, number


def test_makefile_names_the_targets() -> None:
    """`make help` and the README name every new target and what it writes."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target, output in [
        ("runsheets", "runsheets/session-N.pdf"),
        ("cards", "cards/session-N.pdf"),
        ("handouts", "invitation-N.pdf"),
    ]:
        assert re.search(rf"^{target}:", makefile, re.M)
        assert f"make {target}" in readme
        assert output in readme
        assert re.search(rf'@echo "make {target} .*', makefile)


@pytest.mark.sphinx("html", testroot="meeting", confoverrides=FACILITATOR)
def test_runsheet_watched_together(app: SphinxTestApp) -> None:
    """``:format: together``: the plan's long meeting with a break. The key terms
    come before the screening, the break after it; the core questions that do
    not fit are left out by name, the reserves get what is left."""
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    sheet = page(app.outdir / "runsheet-together.html").select_one("div.sg-runsheet")
    steps = [p.get_text(" ", strip=True) for p in sheet.select("p.rubric.sg-runsheet-step")]
    # 2 h 45 min: welcome 5, key terms 10, screening 96, break 10, one core
    # question of 30 (the second, 25, does not fit), 9 minutes for reserves, closing 5.
    assert steps == [
        "19:00 Welcome and context (5 minutes)",
        "19:05 Key terms (10 minutes)",
        "19:15 Screening (96 minutes)",
        "20:51 Break (10 minutes)",
        "21:01 Core questions (1 of 2) (30 minutes)",
        "21:31 Reserve questions (9 minutes)",
        "21:40 Closing (5 minutes)",
    ]
    text = sheet.get_text(" ", strip=True)
    for expected in [
        "Format : Watched together, one long meeting with a break (2 h 45 min)",
        "Meeting : 19:00 to 21:45",
        "End of the meeting: 21:45.",
        "Left out in this format, for lack of time: Question 1.2.",
        "9 minutes are left before the closing",
    ]:
        assert expected in text, expected
    # The key terms' text before the screening; only the kept core question in full.
    assert text.index("AUTHOR-TEXT-PINOCHET") < text.index("19:15 Screening (96 minutes)")
    assert "NOTE-ONE" in text
    assert "Who was surprised" not in text
    rows = [tr.get_text(" ", strip=True) for tr in sheet.select("table.sg-agenda-table tr")]
    assert rows == [
        "19:00 Welcome and context 5 minutes",
        "19:05 Key terms 10 minutes",
        "19:15 Screening 96 minutes",
        "20:51 Break 10 minutes",
        "21:01 Core questions (1 of 2) 30 minutes",
        "21:31 Reserve questions 9 minutes",
        "21:40 Closing 5 minutes",
        "End 21:45",
    ]


@pytest.mark.sphinx("html", testroot="meeting", confoverrides=FACILITATOR)
def test_runsheet_two_meetings(app: SphinxTestApp) -> None:
    """``:format: two-meetings``: each meeting with its own times from :start:,
    its timetable and its end; the questions and the closing in the second."""
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    sheet = page(app.outdir / "runsheet-two.html").select_one("div.sg-runsheet")
    tables = [
        [tr.get_text(" ", strip=True) for tr in table.select("tr")]
        for table in sheet.select("table.sg-agenda-table")
    ]
    assert tables == [
        [
            "18:30 Welcome and context 5 minutes",
            "18:35 Key terms 10 minutes",
            "18:45 Screening 96 minutes",
            "20:21 Short talk: first impressions 15 minutes",
            "End 20:36",
        ],
        [
            "18:30 Recap 5 minutes",
            "18:35 Core questions 55 minutes",
            "19:30 Reserve questions 25 minutes",
            "19:55 Closing 5 minutes",
            "End 20:00",
        ],
    ]
    text = sheet.get_text(" ", strip=True)
    order = [
        "Format : Watched together, two meetings: screening and a short talk (2 h 6 min), "
        "then the discussion (90-minute meeting)",
        "First meeting : 18:30 to 20:36",
        "18:30 Welcome and context (5 minutes)",
        "PLAN-BRIEF of the session, to read out.",
        "18:35 Key terms (10 minutes)",
        "AUTHOR-TEXT-PINOCHET",
        "18:45 Screening (96 minutes)",
        "20:21 Short talk: first impressions (15 minutes)",
        "End of the meeting: 20:36.",
        "Second meeting : 18:30 to 20:00",
        "18:35 Question 1.1",
        "NOTE-ONE",
        "19:05 Question 1.2",
        "19:30 Reserve questions (25 minutes)",
        "Question 1.5 Reserve",
        "19:55 Closing (5 minutes)",
        "End of the meeting: 20:00.",
    ]
    positions = [text.find(part) for part in order]
    assert -1 not in positions, [p for p, i in zip(order, positions, strict=True) if i < 0]
    assert positions == sorted(positions), text
    # Each question once, the brief and the key terms once (in the first meeting).
    assert text.count("What did the election change?") == 1
    assert text.count("PLAN-BRIEF") == 1
    assert text.count("AUTHOR-TEXT-PINOCHET") == 1


def test_edit_rewrites_the_meeting_pages(tmp_path: Path, rootdir: Path) -> None:
    """A question edited in its chapter reaches the run sheet, invitation and cards."""
    from sphinx.testing.util import SphinxTestApp

    srcdir = tmp_path / "meeting"
    shutil.copytree(rootdir / "test-meeting", srcdir)
    first = SphinxTestApp("html", srcdir=srcdir)
    try:
        first.build()
    finally:
        first.cleanup()
    written = written_after_edit(
        srcdir / "chapter-one.md",
        "\n::::{discussion-question}\n:priority: reserve\n\nEDITED-QUESTION?\n::::\n",
    )
    for name in ("runsheet", "invitation", "cards"):
        assert name in written, written
    assert "EDITED-QUESTION" in (srcdir / "_build" / "html" / "runsheet.html").read_text(
        encoding="utf-8"
    )


@pytest.mark.sphinx("html", testroot="meeting", confoverrides=FACILITATOR)
def test_context_brief_from_the_plan(app: SphinxTestApp) -> None:
    """Without a body, the run sheet reads out the plan's ``session-context``
    (under "Welcome and context"); the directive's own body replaces it."""
    app.build()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    together = page(app.outdir / "runsheet-together.html").select_one("div.sg-runsheet")
    subhead = together.select_one("p.sg-runsheet-subhead")
    assert subhead.get_text(strip=True) == "Context brief, to read out"
    brief = subhead.find_next_sibling()
    assert "sg-session-context" in brief["class"]
    assert brief.get_text(" ", strip=True) == "PLAN-BRIEF of the session, to read out."
    assert not brief.select("[id]")  # a copy: no id of the plan's page repeated
    welcome = together.select_one("p.rubric.sg-runsheet-step")
    assert welcome.get_text(" ", strip=True).endswith("Welcome and context (5 minutes)")
    assert welcome.find_next_sibling("p", class_="sg-runsheet-subhead") is subhead
    own = page(app.outdir / "runsheet.html").select_one("div.sg-runsheet")
    subhead = own.select_one("p.sg-runsheet-subhead")
    assert subhead.find_next_sibling().get_text(" ", strip=True) == "CONTEXT-BRIEF to read out."
    assert not own.select(".sg-session-context")
    assert "PLAN-BRIEF" not in own.get_text()
    # The plan's page keeps its brief.
    plan = page(app.outdir / "sessions.html").select_one(".sg-session-context")
    assert plan.get_text(" ", strip=True) == "PLAN-BRIEF of the session, to read out."
