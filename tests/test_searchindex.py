"""The search index stays complete across incremental HTML builds (Sphinx 9.0 loses its entries).

Each test builds a copy of the bad-input corpus's base project twice or more in
the same output directory, as ``make html`` and ``make live`` do, and compares
``searchindex.js`` with the one a fresh build writes.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from guidetest import ROOT, sphinx_build

BASE = ROOT / "tests" / "bad_input" / "_base"
PREFIX = "Search.setIndex("


def read_index(outdir: Path) -> dict[str, Any]:
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith(PREFIX)
    assert text.endswith(")")
    data: dict[str, Any] = json.loads(text[len(PREFIX) : -1])
    return data


def build(srcdir: Path, outdir: Path) -> dict[str, Any]:
    result = sphinx_build("html", outdir, srcdir=srcdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return read_index(outdir)


def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(BASE, srcdir)
    return srcdir


def test_incremental_build_keeps_index_entries(tmp_path: Path) -> None:
    """Nothing changed, then one chapter changed: the same index entries as a fresh build."""
    srcdir, outdir = project(tmp_path), tmp_path / "html"
    fresh = build(srcdir, outdir)
    assert set(fresh["indexentries"]) >= {"mir", "popular unity"}
    written = (outdir / "searchindex.js").read_bytes()
    assert build(srcdir, outdir) == fresh
    assert (outdir / "searchindex.js").read_bytes() == written
    chapter = srcdir / "chapter.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    again = build(srcdir, outdir)
    assert again["indexentries"] == fresh["indexentries"]
    assert again["docnames"] == fresh["docnames"]


def test_broken_index_heals(tmp_path: Path) -> None:
    """An index left without entries or pages by an earlier build is complete after the next."""
    srcdir, outdir = project(tmp_path), tmp_path / "html"
    fresh = build(srcdir, outdir)
    broken = {**fresh, "indexentries": {}}
    (outdir / "searchindex.js").write_text(PREFIX + json.dumps(broken) + ")", encoding="utf-8")
    assert build(srcdir, outdir)["indexentries"] == fresh["indexentries"]
    (outdir / "searchindex.js").unlink()  # as after a build killed before writing it
    healed = build(srcdir, outdir)
    assert healed["docnames"] == fresh["docnames"]
    assert healed["indexentries"] == fresh["indexentries"]


def test_every_index_entry_points_at_an_anchor_of_its_page(guide_html: Path) -> None:
    """Copies (the page of all questions, the session plans) carry no index entries of their own.

    Their terms lines were copied with the index nodes of the original, whose
    anchors the copy does not have: the search offered "questions.html#index-3",
    a place that is not there.
    """
    index = read_index(guide_html)
    docnames = index["docnames"]
    pages = {name: (guide_html / f"{name}.html").read_text(encoding="utf-8") for name in docnames}
    dangling = [
        (term, docnames[doc], anchor)
        for term, places in index["indexentries"].items()
        for doc, anchor, *_ in places
        if anchor and f'id="{anchor}"' not in pages[docnames[doc]]
    ]
    assert dangling == []
    places = {docnames[doc] for entries in index["indexentries"].values() for doc, *_ in entries}
    assert {"part-1-insurrection", "glossary"} <= places
    assert not places & {"questions", "sessions"}
