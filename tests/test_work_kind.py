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
    ("kind", "language", "work", "segment", "when"),
    [
        (
            "film",
            "en",
            "Film",
            "Screening",
            "When the group watches together, before the screening.",
        ),
        ("book", "en", "Book", "Reading", "When the group reads together, before the reading."),
        (
            "other",
            "en",
            "Work",
            "Time with the work",
            "When the group studies the work together, before that time.",
        ),
        ("book", "es", "Libro", "Lectura", "Si el grupo lee en la reunión, antes de la lectura."),
    ],
)
def test_plan_words_html(
    tmp_path: Path, kind: str, language: str, work: str, segment: str, when: str
) -> None:
    app, warnings = build(tmp_path, "html", studyguide_work_kind=kind, language=language)
    assert warnings == ""
    line, agenda, _last = plan_words(app)
    assert line.startswith(work)
    assert any(cell.startswith(segment) for cell in agenda), agenda
    soup = BeautifulSoup((Path(app.outdir) / "sessions.html").read_text(), "html.parser")
    assert [p.get_text(" ", strip=True) for p in soup.select(".sg-plan-when")] == [when]


def test_default_is_neutral(tmp_path: Path) -> None:
    app, warnings = build(tmp_path, "html")
    assert warnings == ""
    line, _agenda, _last = plan_words(app)
    assert line.startswith("Work")
    soup = BeautifulSoup((Path(app.outdir) / "sessions.html").read_text(), "html.parser")
    text = soup.select_one(".sg-agendas").get_text(" ", strip=True)
    assert "Film" not in line
    assert "Screening" not in text
    assert "Studied beforehand (90-minute meeting)" in text


def test_plan_words_latex(tmp_path: Path) -> None:
    app, warnings = build(tmp_path, "latex", studyguide_work_kind="book")
    assert warnings == ""
    tex = (Path(app.outdir) / "installed.tex").read_text(encoding="utf-8")
    assert r"\begin{sgagenda}{Read beforehand (90\sphinxhyphen{}minute meeting)}" in tex
    assert r"\begin{sgagenda}{Read together, one long meeting with a break (2 h 45 min)}" in tex
    assert r"\begin{sgagenda}{Read together, two meetings: the reading and a short talk" in tex
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
    ("kind", "title"),
    [
        ("film", "Watched together, two meetings: screening and a short talk (1 h 20 min)"),
        ("book", "Read together, two meetings: the reading and a short talk (1 h 20 min)"),
        (
            "other",
            "Studied together, two meetings: time with the work and a short talk (1 h 20 min)",
        ),
    ],
)
def test_two_meetings_title_follows_the_kind(tmp_path: Path, kind: str, title: str) -> None:
    """The format's heading says what it gives, in the kind's words, with its first
    meeting's length (welcome 5, key terms 10, the part's 50 minutes, talk 15)."""
    app, warnings = build(tmp_path, "latex", studyguide_work_kind=kind)
    assert warnings == ""
    tex = (Path(app.outdir) / "installed.tex").read_text(encoding="utf-8")
    assert (
        "\\begin{sgagenda}{" + title + ", then the discussion (90\\sphinxhyphen{}minute meeting)}"
        in tex
    )
