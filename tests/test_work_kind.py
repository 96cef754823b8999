"""``studyguide_work_kind``: the words of the session plans follow the kind of work.

The small guide of ``tests/roots/test-installed`` (a chapter with a running
time, a session plan), in HTML and LaTeX, for a film, a book and the neutral
default, in English and Spanish.
"""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT
from sphinx.testing.util import SphinxTestApp

PROJECT = ROOT / "tests" / "roots" / "test-installed"


def build(tmp_path: Path, builder: str, **overrides: object) -> tuple[SphinxTestApp, str]:
    srcdir = tmp_path / "src"
    shutil.copytree(PROJECT, srcdir)
    app = SphinxTestApp(
        builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), confoverrides=overrides
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app, re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def plan_words(app: SphinxTestApp) -> tuple[str, list[str], str]:
    """The plan's line naming the work, the agendas' titles and segment names, its closing."""
    soup = BeautifulSoup((Path(app.outdir) / "sessions.html").read_text(), "html.parser")
    plan = soup.select_one(".sg-session-plan")
    assert plan is not None
    work = plan.select_one(".sg-plan-film").get_text(" ", strip=True)
    agenda = [
        cell.get_text(" ", strip=True)
        for cell in plan.select(".sg-agendas th, .sg-agendas td, .sg-agendas caption")
    ]
    closing = plan.find_all("p")[-1].get_text(" ", strip=True)
    return work, agenda, closing


@pytest.mark.parametrize(
    ("kind", "language", "work", "segment", "closing"),
    [
        ("film", "en", "Film", "Screening", "agree on the next part of the film."),
        ("book", "en", "Book", "Reading", "agree on the next part of the book."),
        ("other", "en", "Work", "Time with the work", "agree on what to study next."),
        ("book", "es", "Libro", "Lectura", "se acuerda la siguiente parte del libro."),
    ],
)
def test_plan_words_html(
    tmp_path: Path, kind: str, language: str, work: str, segment: str, closing: str
) -> None:
    app, warnings = build(tmp_path, "html", studyguide_work_kind=kind, language=language)
    assert warnings == ""
    line, agenda, last = plan_words(app)
    assert line.startswith(work)
    assert any(cell.startswith(segment) for cell in agenda), agenda
    assert last.endswith(closing)


def test_default_is_neutral(tmp_path: Path) -> None:
    app, warnings = build(tmp_path, "html")
    assert warnings == ""
    line, agenda, _last = plan_words(app)
    assert line.startswith("Work")
    text = " ".join(agenda)
    assert "Film" not in line
    assert "Screening" not in text
    assert "Studied beforehand" in text


def test_plan_words_latex(tmp_path: Path) -> None:
    app, warnings = build(tmp_path, "latex", studyguide_work_kind="book")
    assert warnings == ""
    tex = (Path(app.outdir) / "installed.tex").read_text(encoding="utf-8")
    assert r"\begin{sgagenda}{Read beforehand}" in tex
    assert r"\begin{sgagenda}{Read together}" in tex
    assert r"\sgagendarow{Reading}{50 minutes}" in tex
    assert "Screening" not in tex
    assert "film" not in tex


def test_unknown_kind_is_an_error(tmp_path: Path) -> None:
    app, warnings = build(tmp_path, "html", studyguide_work_kind="podcast")
    assert warnings.splitlines()[0] == (
        "ERROR: studyguide_work_kind = 'podcast' is not allowed; use one of 'film', "
        "'book', 'other' (in conf.py) [studyguide.config]"
    )
    assert app.statuscode == 1


@pytest.mark.parametrize(
    ("kind", "advice"),
    [
        ("film", "or ask the group to watch beforehand."),
        ("book", "or ask the group to read beforehand."),
        ("other", "or ask the group to study the part beforehand."),
    ],
)
def test_too_long_meeting_advice_follows_the_kind(tmp_path: Path, kind: str, advice: str) -> None:
    app, warnings = build(
        tmp_path, "html", studyguide_work_kind=kind, studyguide_meeting_minutes=60
    )
    soup = BeautifulSoup((Path(app.outdir) / "sessions.html").read_text(), "html.parser")
    notes = [
        p.get_text(" ", strip=True) for p in soup.select(".sg-agenda-together .sg-agenda-note")
    ]
    assert notes == [
        "This format needs 90 minutes: plan a longer meeting, split it over two meetings, " + advice
    ]
    # The core questions (20 minutes) fit the meeting watched or read beforehand.
    assert warnings == ""
