"""The extension's documentation (``extensions/docs/``) cannot drift from the code.

* It builds strictly, and documents every directive, directive option, role
  and setting the extension registers (read from a Sphinx app that loads the
  extension and its opt-in parts), and every field of the glossary schema:
  no more, no fewer.
* Its examples are two small guides, ``examples/myst`` and ``examples/rst``,
  which the pages include: each builds strictly in both editions, in HTML and
  LaTeX, and the two syntaxes give the same pages.
"""

from __future__ import annotations

import inspect
import json
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils.parsers.rst import directives as docutils_directives
from guidetest import ROOT
from sphinx.application import Sphinx
from sphinx.testing.util import SphinxTestApp

DOCS = ROOT / "extensions" / "docs"
EXAMPLES = DOCS / "examples"
#: The extension and its opt-in parts.
EXTENSIONS = ["myst_parser", "studyguide", "studyguide.mystchecks", "studyguide.video"]
#: Roles of Sphinx's the extension gives a meaning of its own (and documents).
SPHINX_ROLES = {"term"}


def quiet(builder: str, srcdir: Path, **kwargs: object) -> SphinxTestApp:
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)  # type: ignore[arg-type]
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def warnings(app: SphinxTestApp) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """What the extension's modules register, recorded as a Sphinx app sets them up."""
    found: dict[str, set[str]] = {"directive": set(), "role": set(), "confval": set()}
    originals = {}

    def recorder(kind: str, name: str):  # type: ignore[no-untyped-def]
        original = getattr(Sphinx, name)
        originals[name] = original

        def record(self: Sphinx, key: str, *args: object, **kwargs: object) -> object:
            caller = inspect.currentframe().f_back.f_globals.get("__name__", "")  # type: ignore[union-attr]
            if caller.startswith("studyguide"):
                found[kind].add(key)
            return original(self, key, *args, **kwargs)

        return record

    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(Sphinx, "add_directive", recorder("directive", "add_directive"))
        mp.setattr(Sphinx, "add_role", recorder("role", "add_role"))
        mp.setattr(Sphinx, "add_config_value", recorder("confval", "add_config_value"))
        srcdir = tmp_path_factory.mktemp("registered")
        (srcdir / "conf.py").write_text(
            f"extensions = {EXTENSIONS!r}\nstudyguide_glossary = None\n"
        )
        (srcdir / "index.rst").write_text("Index\n=====\n")
        app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
        try:
            # Read before cleanup(), which unregisters the directives from docutils.
            found["option"] = {
                f"{name}:{option}"
                for name in found["directive"]
                for option in (docutils_directives.directive(name, None, None)[0].option_spec or {})  # type: ignore[arg-type, union-attr]
            }
        finally:
            app.cleanup()
    finally:
        mp.undo()
    found["role"] |= SPHINX_ROLES
    return found


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = tmp_path_factory.mktemp("extension-docs") / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = quiet("html", srcdir, confoverrides={"nitpicky": True})
    assert warnings(app) == ""
    return app


def documented(app: SphinxTestApp) -> dict[str, set[str]]:
    rst = app.env.domains["rst"].objects  # (objtype, name) -> (docname, node_id)
    std = app.env.domains["std"].objects
    return {
        "directive": {name for kind, name in rst if kind == "directive"},
        "option": {name for kind, name in rst if kind == "directive:option"},
        "role": {name for kind, name in rst if kind == "role"},
        "confval": {name for kind, name in std if kind == "confval"},
    }


@pytest.mark.parametrize("kind", ["directive", "option", "role", "confval"])
def test_reference_documents_what_is_registered(
    docs: SphinxTestApp, registered: dict[str, set[str]], kind: str
) -> None:
    assert documented(docs)[kind] == registered[kind]


def test_reference_documents_every_glossary_field(docs: SphinxTestApp) -> None:
    from studyguide.glossary.data import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    fields = set(schema["$defs"]["entry"]["properties"])
    labels = {
        name.removeprefix("field-")
        for name in docs.env.domains["std"].labels
        if name.startswith("field-")
    }
    assert (
        labels == {name.replace("_", "-") for name in fields} | (labels & fields)
        or labels == fields
    )


def test_reference_shows_both_syntaxes(docs: SphinxTestApp) -> None:
    page = BeautifulSoup((Path(docs.outdir) / "reference.html").read_text(), "html.parser")
    captions = [c.get_text(strip=True) for c in page.select(".code-block-caption .caption-text")]
    assert captions.count("MyST") == captions.count("reStructuredText") >= 10
    text = page.get_text()
    assert "::::{discussion-question}" in text
    assert ".. discussion-question::" in text
    assert "example:" not in text  # the markers stay out of the pages


def example(tmp_path: Path, syntax: str, builder: str, tags: list[str]) -> SphinxTestApp:
    srcdir = tmp_path / syntax / builder / "-".join(tags or ["participant"])
    shutil.copytree(EXAMPLES / syntax, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = quiet(builder, srcdir, tags=tags)
    assert warnings(app) == "", (syntax, builder, tags)
    return app


@pytest.mark.parametrize("tags", [[], ["facilitator"]], ids=["participant", "facilitator"])
def test_examples_build_and_agree(tmp_path: Path, tags: list[str]) -> None:
    """Both example guides build strictly, and MyST and reST give the same pages."""
    texts = {}
    for syntax in ("myst", "rst"):
        app = example(tmp_path, syntax, "html", tags)
        pages = {}
        for name in (
            "part-1",
            "part-2",
            "glossary",
            "chronology",
            "sources",
            "questions",
            "sessions",
            "runsheet",
            "invitation",
            "cards",
        ):
            soup = BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text(), "html.parser")
            body = soup.select_one("div.body")
            assert body is not None
            pages[name] = " ".join(body.get_text(" ").split())
        # The invitation's plain-text copy, written beside its page.
        pages["invitation.txt"] = (Path(app.outdir) / "invitation.txt").read_text(encoding="utf-8")
        texts[syntax] = pages
    assert texts["myst"] == texts["rst"]
    note = "Start from ¶ 2 : her wish to be useful."
    assert (note in texts["myst"]["part-1"]) == bool(tags)
    assert "Question 1.1" in texts["myst"]["part-1"]
    assert "Read together" in texts["myst"]["sessions"]


@pytest.mark.parametrize("syntax", ["myst", "rst"])
def test_examples_latex(tmp_path: Path, syntax: str) -> None:
    app = example(tmp_path, syntax, "latex", [])
    tex = (Path(app.outdir) / "example.tex").read_text(encoding="utf-8")
    assert "Why does Dorothea accept Casaubon?" in tex
    assert "Start from" not in tex
    handout = (Path(app.outdir) / "handout-1.tex").read_text(encoding="utf-8")
    assert "Why does Dorothea accept Casaubon?" in handout
