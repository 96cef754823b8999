"""Session plans and handouts: agenda from the chapter, key terms, questions, totals."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp


def plans(app: SphinxTestApp) -> list[BeautifulSoup]:
    page = BeautifulSoup((app.outdir / "sessions.html").read_text(encoding="utf-8"), "html.parser")
    return page.select(".sg-session-plan")


@pytest.mark.sphinx("html", testroot="questions", freshenv=True)
def test_session_plan_html(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    first, second = plans(app)
    items = first.select("ol > li")
    assert [li.find("strong").get_text() for li in items] == [
        "Screening",
        "Reading",
        "Key terms",
        "Discussion",
        "Closing",
    ]
    # The film from the front matter, and the chapter's video.
    assert items[0].p.get_text(" ", strip=True) == (
        "Screening : Part I, I - The Insurrection ( La insurrección , 1975)."
    )
    video = items[0].select_one("a.reference.external")
    assert video["href"] == "https://www.youtube.com/watch?v=CnTPJ6kmB0s"
    assert items[1].a["href"] == "chapter-a.html"
    # Key terms: the questions' :terms:, with the glossary's short definitions.
    terms = [
        (dt.get_text(), dd.get_text(strip=True))
        for dt, dd in zip(items[2].select("dt"), items[2].select("dd"), strict=True)
    ]
    assert terms == [
        ("Popular Unity", "The coalition of the left that elected Salvador Allende."),
        ("MIR", "The Revolutionary Left Movement, founded in 1965."),
    ]
    questions = [li.get_text(" ", strip=True) for li in items[3].select("ul > li")]
    assert questions == [
        "Question 1.1 (10 minutes): Why did the March election surprise the Right?",
        "Question 1.2 (15 minutes): What did the families in the film want to keep?",
    ]
    assert items[3].select_one("a")["href"] == "chapter-a.html#q-elections"
    assert items[3].select_one(".sg-session-total").get_text() == "Total: 25 minutes"
    # No runtime in the front matter: no invented screening time.
    assert "Total with the screening" not in first.get_text()
    # The directive's body replaces the default closing.
    assert "NEXT-FILM" in second.select("ol > li")[-1].get_text()
    assert second.select_one(".sg-session-total").get_text() == "Total: 20 minutes"


@pytest.mark.sphinx("html", testroot="questions", freshenv=True, confoverrides={"language": "es"})
def test_session_plan_spanish(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    items = plans(app)[0].select("ol > li")
    assert [li.find("strong").get_text() for li in items] == [
        "Proyección",
        "Lectura",
        "Términos clave",
        "Debate",
        "Cierre",
    ]
    assert items[0].p.get_text(" ", strip=True).startswith("Proyección : Parte I,")
    assert items[3].select_one(".sg-session-total").get_text() == "Total: 25 minutos"


@pytest.mark.sphinx("latex", testroot="questions", freshenv=True)
def test_handout_latex(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
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
    assert app.warning.getvalue() == ""
    tex = (app.outdir / "handout-facilitator.tex").read_text(encoding="utf-8")
    assert tex.count(r"\begin{sgquestion}") == 2
    assert tex.count(r"\begin{sgfacilitatornote}") == 2
    hyphen = r"\sphinxhyphen{}"
    assert f"SECRET{hyphen}NOTE{hyphen}A" in tex
    assert f"SECRET{hyphen}NOTE{hyphen}B" in tex
    assert r"\sgwritinglines" not in tex
