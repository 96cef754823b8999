"""``python -m studyguide new``: a new guide that builds at once, strictly.

The project is written by the command as a user runs it (a subprocess, no
terminal: the flags and the defaults), then built with ``-n -W`` as its own
Makefile does: the web guide, the facilitator edition, and (with TeX) the PDF
of the guide and of the first session's handout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, latexmk, pdf_text, sphinx_build
from studyguide import quickstart

NOTE = "Only the facilitator edition shows this note"


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "extensions"), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "studyguide", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("quickstart")
    result = run_module(
        "new",
        "guide",
        "--title",
        "Reading Middlemarch",
        "--author",
        "A Reading Group",
        "--kind",
        "book",
        "--parts",
        "2",
        cwd=where,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Wrote 10 files" in result.stdout
    return where / "guide"


def page(outdir: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / name).read_text(encoding="utf-8"), "html.parser")


def test_files(project: Path) -> None:
    assert sorted(path.name for path in project.iterdir()) == [
        "Makefile",
        "conf.py",
        "glossary.md",
        "glossary.yaml",
        "handout.md",
        "index.md",
        "part-1.md",
        "part-2.md",
        "questions.md",
        "sessions.md",
    ]
    conf = (project / "conf.py").read_text()
    assert "project = 'Reading Middlemarch'" in conf
    assert "studyguide_work_kind = 'book'" in conf


def test_html_and_facilitator_html_build_strictly(project: Path, tmp_path: Path) -> None:
    participant = sphinx_build("html", tmp_path / "html", srcdir=project)
    assert participant.returncode == 0, participant.stderr
    assert participant.stderr == ""
    chapter = page(tmp_path / "html", "part-1.html")
    assert chapter.title.get_text().startswith("Part 1")
    assert "Which chapter of part 1 stays with you, and why?" in chapter.get_text()
    assert NOTE not in chapter.get_text()
    links = {a.get_text() for a in chapter.select("a.reference.internal") if a.find("span")}
    assert "Narrator" in " ".join(links)
    glossary = page(tmp_path / "html", "glossary.html")
    # Grouped: people (a category the extension knows) first, then the project's own.
    groups = [h2.get_text(strip=True).rstrip("¶") for h2 in glossary.select("h2")]
    assert groups == ["People", "Idea"]
    assert [dt.get_text(strip=True).rstrip("¶") for dt in glossary.select("dt")] == [
        "Narrator",
        "Idea",
    ]
    plans = page(tmp_path / "html", "sessions.html").select(".sg-session-plan")
    assert len(plans) == 2
    assert plans[0].select_one(".sg-plan-film").get_text(" ", strip=True).startswith("Book")
    assert not list((tmp_path / "html").rglob("_sources/part-1*"))

    facilitator = sphinx_build(
        "html", tmp_path / "facilitator", "-t", "facilitator", srcdir=project
    )
    assert facilitator.returncode == 0, facilitator.stderr
    assert facilitator.stderr == ""
    chapter = page(tmp_path / "facilitator", "part-1.html")
    assert NOTE in chapter.get_text(" ", strip=True).replace("\n", " ")
    assert "Facilitator edition" in chapter.title.get_text()


def test_spanish_and_film(tmp_path: Path) -> None:
    result = run_module(
        "new", "guia", "--title", "La batalla", "--kind", "film", "--language", "es", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    built = sphinx_build("html", tmp_path / "html", srcdir=tmp_path / "guia")
    assert built.returncode == 0, built.stderr
    plan = page(tmp_path / "html", "sessions.html").select_one(".sg-session-plan")
    assert plan.select_one(".sg-plan-film").get_text(" ", strip=True).startswith("Película")
    assert "Proyección" in plan.get_text()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "notes.txt").write_text("mine")
    result = run_module("new", "guide", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == ("studyguide new: guide is not empty; give a new or empty folder\n")
    assert (tmp_path / "guide" / "notes.txt").read_text() == "mine"


def test_bad_flag_is_refused(tmp_path: Path) -> None:
    result = run_module("new", "guide", "--parts", "²", cwd=tmp_path)
    assert result.returncode == 2
    assert "argument --parts: give a number of parts from 1 to 12" in result.stderr
    assert not (tmp_path / "guide").exists()


def test_prompts_ask_again_after_a_bad_answer(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(
        title=None, author="Me", kind=None, language=None, parts=None, directory=Path("x")
    )
    answers = iter(["My guide", "podcast", "other", "", "0", "3"])
    asked: list[str] = []

    def read(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    result = quickstart.ask(args, interactive=True, read=read)
    assert result == quickstart.Answers("My guide", "Me", "other", "en", 3)
    assert asked == [
        "Title of the guide [A study guide]: ",
        "Kind of work studied (film, book, other) [book]: ",
        "Kind of work studied (film, book, other) [book]: ",
        "Language (en, es) [en]: ",
        "Number of parts (1 to 12) [1]: ",
        "Number of parts (1 to 12) [1]: ",
    ]
    assert capsys.readouterr().err == (
        "  give one of film, book, other\n  give a number of parts from 1 to 12\n"
    )


@pytest.mark.tex
def test_pdf_of_the_guide_and_the_handout(project: Path, tmp_path: Path) -> None:
    built = sphinx_build("latex", tmp_path / "latex", srcdir=project)
    assert built.returncode == 0, built.stderr
    assert built.stderr == ""
    latexmk(tmp_path / "latex")
    guide = pdf_text(tmp_path / "latex" / "reading-middlemarch.pdf")
    assert "Which chapter of part 1 stays with you, and why?" in guide
    assert NOTE not in guide
    handout = pdf_text(tmp_path / "latex" / "reading-middlemarch-session-1.pdf")
    assert "Session 1" in handout
    assert "Which chapter of part 1 stays with you, and why?" in handout


def test_schema_command_follows_the_categories(tmp_path: Path) -> None:
    rst = run_module("schema", str(ROOT / "tests/roots/test-rst-project"), cwd=tmp_path)
    assert rst.returncode == 0, rst.stderr
    schema = json.loads(rst.stdout)
    assert schema["$id"] == "urn:sphinx-studyguide:glossary-schema:1"
    category = schema["$defs"]["entry"]["properties"]["category"]
    assert category["enum"] == ["instrument", "person"]
    guide = run_module("schema", str(ROOT), "-o", "out/glossary.schema.json", cwd=tmp_path)
    assert guide.returncode == 0, guide.stderr
    written = json.loads((tmp_path / "out/glossary.schema.json").read_text())
    assert written["$defs"]["entry"]["properties"]["category"]["enum"] == [
        "party",
        "organisation",
        "person",
        "place",
        "event",
        "concept",
    ]
    # No categories set: any category (no enum).
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "conf.py").write_text('project = "Plain"\n')
    plain = json.loads(run_module("schema", "plain", cwd=tmp_path).stdout)
    assert "enum" not in plain["$defs"]["entry"]["properties"]["category"]
