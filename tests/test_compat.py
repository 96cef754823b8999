"""Canaries for ``studyguide._compat``: each fails once Sphinx no longer needs the workaround.

When one fails after an upgrade, read the entry in ``_compat.py``: the upstream
defect is fixed or the private name changed, and the workaround it serves is
removed or adapted.
"""

from __future__ import annotations

import inspect
import json
import re
import shutil
import tomllib
from collections.abc import MutableMapping
from io import StringIO
from pathlib import Path
from typing import Any

import docutils
import pytest
import sphinx
from docutils import nodes
from guidetest import ROOT, sphinx_build
from sphinx.builders.gettext import Catalog, MessageCatalogBuilder, MsgOrigin
from sphinx.testing.util import SphinxTestApp
from sphinx.writers.latex import LaTeXTranslator
from studyguide import _compat


def oldest_sphinx() -> tuple[int, ...]:
    """The oldest Sphinx the package declares (``sphinx>=X.Y`` in pyproject.toml)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (floor,) = [
        match.group(1)
        for requirement in project["dependencies"]
        if (match := re.fullmatch(r"sphinx>=([0-9.]+)", requirement.replace(" ", "").lower()))
    ]
    return tuple(int(part) for part in floor.split("."))


# -- current_document ---------------------------------------------------------------


def test_current_document_fallback_still_needed() -> None:
    """``env.temp_data`` is read only for Sphinx 8.1: once the floor is 8.2, drop it."""
    assert oldest_sphinx() < (8, 2), (
        "Sphinx 8.2 is the oldest supported version: remove the env.temp_data fallback "
        "from _compat.current_document (sphinx-doc/sphinx#13151)"
    )


class _Env:
    """A stand-in environment with only what ``current_document`` reads."""

    def __init__(self, **attributes: Any) -> None:
        self.__dict__.update(attributes)


def test_current_document_prefers_the_public_attribute() -> None:
    public: dict[str, Any] = {}
    old: dict[str, Any] = {}
    assert _compat.current_document(_Env(current_document=public, temp_data=old)) is public  # type: ignore[arg-type]
    assert _compat.current_document(_Env(temp_data=old)) is old  # type: ignore[arg-type]


@pytest.mark.sphinx("html", testroot="questions", srcdir="compat-html", freshenv=True)
def test_current_document_keeps_extension_keys(app: SphinxTestApp) -> None:
    """Sphinx's own object keeps a key the extension sets, and forgets it per document."""
    document = _compat.current_document(app.env)
    assert document is app.env.current_document
    document["studyguide_canary"] = ("discussion-question", 3)
    assert document.get("studyguide_canary") == ("discussion-question", 3)
    assert document.pop("studyguide_canary", None) == ("discussion-question", 3)
    assert document.get("studyguide_canary") is None
    app.env.prepare_settings("index")
    assert "studyguide_canary" not in _compat.current_document(app.env)


# -- gettext_catalog ------------------------------------------------------------------


@pytest.mark.sphinx("gettext", testroot="questions", srcdir="compat-gettext", freshenv=True)
def test_gettext_catalogs_shape(app: SphinxTestApp) -> None:
    """``builder.catalogs`` is still a mapping of text domain to a Catalog made on first use."""
    builder = app.builder
    assert isinstance(builder, MessageCatalogBuilder)
    assert isinstance(builder.catalogs, MutableMapping)
    catalog = _compat.gettext_catalog(builder, "canary")
    assert isinstance(catalog, Catalog)
    assert builder.catalogs["canary"] is catalog
    catalog.add("A message", MsgOrigin("glossary.yaml", 3))
    assert [message.text for message in catalog] == ["A message"]
    assert [message.locations for message in catalog] == [[("glossary.yaml", 3)]]


# -- latex_reference_label ------------------------------------------------------------


class _LaTeXStub:
    """What ``LaTeXTranslator.visit_reference`` reads, recording the label it links."""

    in_title = False
    in_caption = False
    in_production_list = False

    def __init__(self) -> None:
        self.body: list[str] = []
        self.context: list[str] = []
        self.curfilestack = ["chapters/one"]
        self.linked: list[str] = []
        self.config = type("Config", (), {"latex_show_pagerefs": False})()

    def is_inline(self, node: nodes.Node) -> bool:
        return True

    def hypertarget(self, id: str, anchor: bool = True) -> str:
        return ""

    def hyperlink(self, id: str) -> str:
        self.linked.append(id)
        return ""

    def encode_uri(self, uri: str) -> str:
        return uri


@pytest.mark.parametrize(
    "attributes",
    [
        {"refuri": "%chapters/two#mir"},
        {"refuri": "%chapters/two"},
        {"refuri": "#mir"},
        {"refid": "mir"},
        {"refuri": "https://example.org/"},
        {},
    ],
    ids=["other-page-label", "other-page", "same-page-uri", "same-page-refid", "url", "none"],
)
def test_latex_label_matches_visit_reference(attributes: dict[str, str]) -> None:
    """The copy gives the label Sphinx's own ``visit_reference`` links to (None: no label)."""
    node = nodes.reference("", "", nodes.Text("MIR"), **attributes)
    stub = _LaTeXStub()
    LaTeXTranslator.visit_reference(stub, node)  # type: ignore[arg-type]
    upstream = stub.linked[0] if stub.linked else None
    assert _compat.latex_reference_label(stub, node) == upstream  # type: ignore[arg-type]


# -- project_po_file ----------------------------------------------------------------


def test_project_po_file_found_as_sphinx_finds_it() -> None:
    """``CatalogRepository`` still lists the project's ``.po`` files by text domain."""
    srcdir = ROOT / "tests" / "roots" / "test-glossary-i18n"
    found = _compat.project_po_file(srcdir, ["locale"], "es", "utf-8-sig", "glossary")
    assert found == srcdir / "locale" / "es" / "LC_MESSAGES" / "glossary.po"
    assert _compat.project_po_file(srcdir, ["locale"], "es", "utf-8-sig", "chapter") is None
    assert _compat.project_po_file(srcdir, ["locale"], "fr", "utf-8-sig", "glossary") is None


# -- The search index and manual pages ---------------------------------------------

PREFIX = "Search.setIndex("


def index_entries(outdir: Path) -> dict[str, object]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[len(PREFIX) : -1])
    entries: dict[str, object] = data["indexentries"]
    return entries


def test_sphinx_still_loses_index_entries(tmp_path: Path) -> None:
    """sphinx-doc/sphinx#12599: an incremental build of plain Sphinx (no studyguide) drops
    the index entries of the pages it does not write again (searchindex.py repairs it)."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('project = "Canary"\n', encoding="utf-8")
    (srcdir / "index.rst").write_text(
        "Canary\n======\n\n.. toctree::\n\n   first\n   second\n", encoding="utf-8"
    )
    for name in ("first", "second"):
        (srcdir / f"{name}.rst").write_text(
            f"{name.title()}\n======\n\n.. index:: {name} entry\n\nText.\n", encoding="utf-8"
        )
    outdir = tmp_path / "html"
    assert sphinx_build("html", outdir, srcdir=srcdir).returncode == 0
    assert set(index_entries(outdir)) == {"first entry", "second entry"}
    second = srcdir / "second.rst"
    second.write_text(second.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    assert sphinx_build("html", outdir, srcdir=srcdir).returncode == 0
    # Fixed upstream, this would be both entries: remove the repair and this entry.
    assert set(index_entries(outdir)) == {"second entry"}


def test_private_search_index_table_still_exists() -> None:
    """The private table the repair fills is still where _compat says it is."""
    from sphinx.environment import BuildEnvironment

    env = BuildEnvironment.__new__(BuildEnvironment)
    env.__setstate__({_compat.SEARCH_INDEX_ENTRIES: {"page": []}})
    assert _compat.search_index_entries(env) == {"page": []}
    # Sphinx's own source names it: a renamed table fails here, not in a build.
    source = inspect.getsource(BuildEnvironment.__init__)
    assert f"self.{_compat.SEARCH_INDEX_ENTRIES}:" in source


# -- Manual pages (Sphinx issue 14427) ------------------------------------------

PROJECT = {
    "conf.py": 'project = "Links"\nextensions = [{extensions}]\n'
    'man_pages = [("index", "links", "Links", ["Tester"], 7)]\n',
    "index.rst": "Links\n=====\n\nSee :ref:`other` and :doc:`other`.\n\n.. toctree::\n\n   other\n",
    "other.rst": ".. _other:\n\nOther\n=====\n\nThe other page.\n",
}


def build_man(tmp_path: Path, extensions: str) -> str:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    for name, text in PROJECT.items():
        (srcdir / name).write_text(text.format(extensions=extensions))
    app = SphinxTestApp("man", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    text = (Path(app.outdir) / "links.7").read_text(encoding="utf-8")
    shutil.rmtree(srcdir)
    return text


def test_manpage_gate_matches_the_versions() -> None:
    affected = sphinx.version_info[:2] >= (9, 0) and tuple(
        int(part) for part in docutils.__version__.split(".")[:2]
    ) >= (0, 22)
    assert affected == _compat.MANPAGE_REFERENCES


def test_manpage_canary_upstream_still_broken(tmp_path: Path) -> None:
    """Plain Sphinx on the gated versions prints link fragments ("<#other>").

    When this fails, Sphinx is fixed (issue 14427, pull request 14436): give
    ``MANPAGE_REFERENCES`` an upper bound at the fixed release.
    """
    text = build_man(tmp_path, "")
    assert ("<#" in text) == _compat.MANPAGE_REFERENCES


def test_manpage_links_print_their_text_only(tmp_path: Path) -> None:
    text = build_man(tmp_path, '"studyguide"')
    assert "<#" not in text
    assert "<>" not in text
    assert "See \\fI\\%Other\\fP and \\fI\\%Other\\fP" in text


def test_event_listeners_shape(tmp_path: Path) -> None:
    """``app.events.listeners`` still maps an event to listeners with ``handler`` and ``id``,
    and ``disconnect_handler`` removes exactly the given handler."""
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "index.rst").write_text("Index\n=====\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, status=StringIO(), warning=StringIO())
    try:

        def kept(*_args: object) -> None:
            pass

        def dropped(*_args: object) -> None:
            pass

        app.connect("env-updated", kept)
        app.connect("env-updated", dropped)
        listeners = app.events.listeners["env-updated"]
        assert {listener.handler for listener in listeners} >= {kept, dropped}
        _compat.disconnect_handler(app, "env-updated", dropped)
        handlers = [listener.handler for listener in app.events.listeners["env-updated"]]
        assert kept in handlers
        assert dropped not in handlers
    finally:
        app.cleanup()
