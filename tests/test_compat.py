"""The workarounds of ``studyguide._compat``: each one's fix, and a canary that
fails once upstream is fixed (then the gate gets an upper bound)."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import docutils
import sphinx
from sphinx.testing.util import SphinxTestApp
from studyguide import _compat

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
