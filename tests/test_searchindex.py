"""The search index stays complete across incremental HTML builds (Sphinx 9.0 loses its entries).

Each test builds a copy of the bad-input corpus's base project twice or more in
the same output directory, as ``make html`` and ``make live`` do, and compares
``searchindex.js`` with the one a fresh build writes.
"""

from __future__ import annotations

import hashlib
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


def write_index(outdir: Path, data: object) -> None:
    (outdir / "searchindex.js").write_text(PREFIX + json.dumps(data) + ")", encoding="utf-8")


def forge_digest(outdir: Path, doctrees: Path) -> None:
    """Give the planted file the digest of a file the last build wrote (the worst case)."""
    written = (outdir / "searchindex.js").read_bytes()
    record = {"file": str(outdir / "searchindex.js"), "sha256": hashlib.sha256(written).hexdigest()}
    (doctrees / "studyguide-searchindex-html.json").write_text(json.dumps(record))


def test_injected_entries_do_not_reach_the_new_index(tmp_path: Path) -> None:
    """Entries, words and pages planted in the old index are gone after the next build."""
    srcdir, outdir = project(tmp_path), tmp_path / "html"
    fresh = build(srcdir, outdir)
    clean = (outdir / "searchindex.js").read_bytes()
    planted = json.loads(json.dumps(fresh))
    planted["indexentries"]["planted entry"] = [[0, "planted", True]]
    planted["indexentries"]["mir"].append([1, "elsewhere", False])
    planted["terms"]["plantedword"] = 0
    planted["titleterms"]["plantedtitle"] = [0, 1]
    write_index(outdir, planted)
    assert build(srcdir, outdir) == fresh
    assert (outdir / "searchindex.js").read_bytes() == clean
    # With a forged digest too (the doctrees written by the attacker, who could as
    # well write environment.pickle), the index entries are still the build's own.
    write_index(outdir, planted)
    forge_digest(outdir, outdir / ".doctrees")
    assert build(srcdir, outdir)["indexentries"] == fresh["indexentries"]


ODD_INDEXES: list[object] = [
    {"indexentries": {"mir": "not a list"}},
    {"indexentries": {"mir": [[99, "x", True]]}},
    {"indexentries": {"mir": [["0", "x", True]]}},
    {"indexentries": {"mir": [[0, 1]]}},
    {"indexentries": []},
    {"docnames": "index"},
    {"docnames": [1, 2, 3]},
    {"titles": []},
    {"terms": {"mir": [99]}},
    {"alltitles": {"A chapter": [[0]]}},
]


def test_odd_index_shapes_are_rebuilt(tmp_path: Path) -> None:
    """An old index of the wrong shape is replaced by a whole new one, without a warning,
    even with a digest that says the last build wrote it; not-JSON and deep nesting too."""
    srcdir, outdir = project(tmp_path), tmp_path / "html"
    fresh = build(srcdir, outdir)
    clean = (outdir / "searchindex.js").read_bytes()
    for odd in ODD_INDEXES:
        assert isinstance(odd, dict)
        write_index(outdir, {**fresh, **odd})
        forge_digest(outdir, outdir / ".doctrees")
        assert build(srcdir, outdir) == fresh, odd
        assert (outdir / "searchindex.js").read_bytes() == clean
    for text in ("Search.setIndex(garbage", PREFIX + "[" * 100_000 + "]" * 100_000 + ")", ""):
        (outdir / "searchindex.js").write_text(text, encoding="utf-8")
        forge_digest(outdir, outdir / ".doctrees")
        assert build(srcdir, outdir) == fresh
        assert (outdir / "searchindex.js").read_bytes() == clean
