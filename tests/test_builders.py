"""Every built-in builder builds the guide strictly (``-n -W``), with real output."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from guidetest import ROOT, sphinx_build

VIDEO = "Video: https://www.youtube.com/watch?v=CnTPJ6kmB0s"
#: The first numbered paragraph's number, for CSS to draw in the margin.
PARA_NUMBER = '<span class="sg-para-number" data-sg-para="1"></span>'


def only(outdir: Path, pattern: str) -> str:
    (found,) = outdir.glob(pattern)
    return found.read_text(encoding="utf-8", errors="replace")


def check_html(outdir: Path) -> None:
    assert 'class="reference internal sg-term"' in (outdir / "part-1-insurrection.html").read_text()


def check_dirhtml(outdir: Path) -> None:
    page = (outdir / "part-1-insurrection" / "index.html").read_text()
    assert 'href="../glossary/#term-' in page
    assert PARA_NUMBER in page


def check_singlehtml(outdir: Path) -> None:
    page = (outdir / "index.html").read_text()
    assert 'href="#term-Salvador-Allende"' in page
    # One fragment: "#document-glossary#term-..." leads nowhere.
    assert "#document-glossary#" not in page
    assert page.count(PARA_NUMBER) == 3  # one per chapter


def check_epub(outdir: Path) -> None:
    assert len(list(outdir.glob("*.epub"))) == 1


def check_latex(outdir: Path) -> None:
    assert r"\begin{sgquestion}" in (outdir / "battle-of-chile.tex").read_text()


def check_text(outdir: Path) -> None:
    text = (outdir / "part-1-insurrection.txt").read_text()
    assert VIDEO in text
    assert "Question 1.1 Core 5 minutes" in text
    assert "\n[1] " in text


def check_man(outdir: Path) -> None:
    page = only(outdir, "*.1")
    assert "Question 1.1 Core 5 minutes" in page
    assert "Video" in page
    assert r"Video: \X'tty: link https://www.youtube.com/watch?v=CnTPJ6kmB0s'" in page
    # Internal links are their text (docutils 0.22 printed "<#term-...>" after
    # each, Sphinx issue 14427); web addresses are printed (man_show_urls).
    assert r"\fI\%Popular Unity\fP" in page
    assert "<#" not in page
    assert r"\fI\%In Defence of Marxism\fP" in page
    assert "<\\fBhttp://www.marxist.com/\\fP>" in page


def check_texinfo(outdir: Path) -> None:
    info = only(outdir, "*.texi")
    assert "Question 1.1} Core 5 minutes" in info
    assert "Video: @indicateurl{https://www.youtube.com/watch?v=CnTPJ6kmB0s}" in info


def check_xml(outdir: Path) -> None:
    assert "<discussion_question" in (outdir / "part-1-insurrection.xml").read_text()


def check_gettext(outdir: Path) -> None:
    assert 'msgid "Questions for discussion"' in (outdir / "part-1-insurrection.pot").read_text()


CHECKS = {
    "html": check_html,
    "dirhtml": check_dirhtml,
    "singlehtml": check_singlehtml,
    "epub": check_epub,
    "latex": check_latex,
    "text": check_text,
    "man": check_man,
    "texinfo": check_texinfo,
    "xml": check_xml,
    "gettext": check_gettext,
}

#: Builders whose strict build of the guide is a session fixture (conftest.py).
SHARED_BUILDS = {"html": "guide_html", "latex": "guide_latex", "epub": "guide_epub"}


@pytest.mark.slow
@pytest.mark.parametrize("builder", list(CHECKS))
def test_guide_builds_with_every_builder(
    builder: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if builder in SHARED_BUILDS:
        # The same strict build, made once per run for every test that reads it.
        outdir: Path = request.getfixturevalue(SHARED_BUILDS[builder])
    else:
        outdir = tmp_path / builder
        result = sphinx_build(builder, outdir, "-d", str(tmp_path / "doctrees"))
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
    CHECKS[builder](outdir)


@pytest.mark.parametrize("target", ["dirhtml", "gettext", "latexpdf", "man"])
def test_makefile_forwards_other_targets_strictly(target: str) -> None:
    """Sphinx's catch-all rule: any other target is ``sphinx-build -M`` with the strict flags."""
    result = subprocess.run(
        ["make", "-n", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"sphinx-build -M {target} docs _build -c . -n -W --keep-going" in result.stdout
