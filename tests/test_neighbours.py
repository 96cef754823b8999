"""The extension beside other extensions a guide may use: each builds with no warning.

Small projects written in the test (a chapter with a question, a facilitator
note and a glossary term): with myst-nb (before and after the extension),
sphinx-design, sphinx-exercise, sphinx-copybutton, and an rST-only project with
a stray README.md.  The extension loads no parser, so each project's own
Markdown set-up (myst-parser, myst-nb or none) is what reads its files.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

GLOSSARY = """terms:
  - term: Narrator
    definition: The voice that tells the story.
    category: person
"""

CHAPTER_MD = """# Chapter

The {term}`Narrator` speaks.

::::{discussion-question}
:label: q-one
:minutes: 10

Whom does the narrator trust?

:::{facilitator-note}
NOTESECRET: start from the opening.
:::
::::
"""

CHAPTER_RST = """Chapter
=======

The :term:`Narrator` speaks.

.. discussion-question::
   :label: q-one
   :minutes: 10

   Whom does the narrator trust?

   .. facilitator-note::

      NOTESECRET: start from the opening.
"""


class Built:
    """A build's output folder and exit status (``sphinx-build -n -W`` in its own process)."""

    def __init__(self, outdir: Path, status: int) -> None:
        self.outdir = outdir
        self.statuscode = status


def build(
    tmp_path: Path, extensions: list[str], files: dict[str, str], tags: tuple[str, ...] = ()
) -> tuple[Built, str]:
    """Build in a process of its own, as a user does: myst-nb and myst-parser change
    Sphinx's registry defaults in the process that loads them (source suffixes), which
    would leak into every later build of the test run."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    conf = (
        f'project = "Neighbours"\nextensions = {extensions!r}\nnitpicky = True\n'
        'exclude_patterns = ["_build"]\nstudyguide_categories = ["person"]\n'
        "myst_enable_extensions = ['colon_fence']\n"
        "nb_execution_mode = 'off'\n"
    )
    (srcdir / "conf.py").write_text(conf)
    (srcdir / "glossary.yaml").write_text(GLOSSARY)
    if "index.rst" in files:
        files = {**files, "glossary.rst": "Glossary\n========\n\n.. studyguide-glossary::\n"}
        files["index.rst"] += "   glossary\n"
    else:
        files = {**files, "glossary.md": "# Glossary\n\n```{studyguide-glossary}\n```\n"}
        files["index.md"] = files["index.md"].replace("chapter\n", "chapter\nglossary\n")
    for name, text in files.items():
        (srcdir / name).write_text(text)
    outdir = tmp_path / "out"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-n", "-W", "--keep-going", "-q"]
    for tag in tags:
        command += ["-t", tag]
    result = subprocess.run(
        [*command, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_COLOR": "1"},
        cwd=tmp_path,
    )
    return Built(outdir, result.returncode), result.stderr.replace(str(srcdir) + "/", "")


def page(app: Built, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def index(kind: str) -> str:
    if kind == "rst":
        return "Guide\n=====\n\n.. toctree::\n\n   chapter\n"
    return "# Guide\n\n```{toctree}\nchapter\n```\n"


def assert_guide_works(app: Built, warnings: str) -> BeautifulSoup:
    assert warnings == ""
    assert app.statuscode == 0
    chapter = page(app, "chapter.html")
    assert chapter.select_one("a.reference.internal span.std-term") is not None or chapter.find(
        "a", href=re.compile("Narrator")
    )
    assert "Whom does the narrator trust?" in chapter.get_text()
    assert "NOTESECRET" not in chapter.get_text()
    return chapter


@pytest.mark.parametrize(
    "extensions",
    [["myst_nb", "studyguide"], ["studyguide", "myst_nb"]],
    ids=["myst-nb-first", "myst-nb-after"],
)
def test_beside_myst_nb(tmp_path: Path, extensions: list[str]) -> None:
    """myst-nb registers .md itself: the extension must not register or replace a parser."""
    notebook = (
        '{"cells": [{"cell_type": "markdown", "id": "c1", "metadata": {}, '
        '"source": ["# Notebook\\n", "The {term}`Narrator` again."]}], '
        '"metadata": {}, "nbformat": 4, "nbformat_minor": 5}'
    )
    app, warnings = build(
        tmp_path,
        extensions,
        {
            "index.md": "# Guide\n\n```{toctree}\nchapter\nnotebook\n```\n",
            "chapter.md": CHAPTER_MD,
            "notebook.ipynb": notebook,
        },
    )
    assert_guide_works(app, warnings)
    assert page(app, "notebook.html").find("a", href=re.compile("Narrator")) is not None


def test_beside_myst_nb_facilitator_edition(tmp_path: Path) -> None:
    app, warnings = build(
        tmp_path,
        ["myst_nb", "studyguide"],
        {"index.md": index("md"), "chapter.md": CHAPTER_MD},
        tags=("facilitator",),
    )
    assert warnings == ""
    assert "NOTESECRET" in page(app, "chapter.html").get_text()


def test_beside_sphinx_design(tmp_path: Path) -> None:
    chapter = CHAPTER_MD + (
        "\n::::{tab-set}\n\n:::{tab-item} First\nThe {term}`Narrator` in a tab.\n:::\n\n"
        ":::{tab-item} Second\nA second tab.\n:::\n::::\n"
    )
    app, warnings = build(
        tmp_path,
        ["myst_parser", "sphinx_design", "studyguide"],
        {"index.md": index("md"), "chapter.md": chapter},
    )
    soup = assert_guide_works(app, warnings)
    assert [label.get_text(strip=True) for label in soup.select(".sd-tab-label")] == [
        "First",
        "Second",
    ]


def test_beside_sphinx_exercise(tmp_path: Path) -> None:
    chapter = CHAPTER_MD + (
        "\n```{exercise}\n:label: ex-one\n\nRetell the story as the {term}`Narrator`.\n```\n\n"
        "```{solution} ex-one\nIn the first person.\n```\n"
    )
    app, warnings = build(
        tmp_path,
        ["myst_parser", "sphinx_exercise", "studyguide"],
        {"index.md": index("md"), "chapter.md": chapter},
    )
    soup = assert_guide_works(app, warnings)
    assert soup.select_one("div.exercise") is not None
    assert soup.select_one("div.solution") is not None


def test_beside_sphinx_copybutton(tmp_path: Path) -> None:
    chapter = CHAPTER_MD + "\n```python\nprint('hello')\n```\n"
    app, warnings = build(
        tmp_path,
        ["myst_parser", "sphinx_copybutton", "studyguide"],
        {"index.md": index("md"), "chapter.md": chapter},
    )
    soup = assert_guide_works(app, warnings)
    assert soup.find("script", src=re.compile(r"copybutton\.js")) is not None
    assert (Path(app.outdir) / "_static" / "copybutton.js").is_file()


def test_rst_project_with_a_stray_readme(tmp_path: Path) -> None:
    """No Markdown parser is loaded: README.md is no page, and no warning."""
    app, warnings = build(
        tmp_path,
        ["studyguide"],
        {
            "index.rst": index("rst"),
            "chapter.rst": CHAPTER_RST,
            "README.md": "# Read me\n\nHow to build these docs.\n",
        },
    )
    assert_guide_works(app, warnings)
    assert not (Path(app.outdir) / "README.html").exists()
    assert not (Path(app.outdir) / "_video_thumbnail").exists()
