"""Canaries for ``studyguide._compat``: each fails once Sphinx no longer needs the workaround.

When one fails after an upgrade, read the entry in ``_compat.py``: the upstream
defect is fixed or the private name changed, and the workaround it serves is
removed or adapted.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from guidetest import sphinx_build
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
