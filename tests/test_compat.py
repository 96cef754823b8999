"""Canaries for ``studyguide._compat``: each fails once Sphinx no longer needs the workaround.

When one fails after an upgrade, read the entry in ``_compat.py``: the upstream
defect is fixed or the private name changed, and the workaround it serves is
removed or adapted.
"""

from __future__ import annotations

import inspect
import json
import shutil
from io import StringIO
from pathlib import Path

import docutils
import sphinx
from guidetest import sphinx_build
from sphinx.testing.util import SphinxTestApp
from studyguide import _compat

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
