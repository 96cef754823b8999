"""singlehtml: every chapter on one page, so each numbered paragraph's id names its chapter.

``tests/roots/test-paragraphs``: two chapters that number their paragraphs from
1 and cite each other with ``{para}``.
"""

from __future__ import annotations

import shutil
from collections import Counter
from io import StringIO
from pathlib import Path

from bs4 import BeautifulSoup
from guidetest import ROOT
from sphinx.testing.util import SphinxTestApp

PROJECT = ROOT / "tests" / "roots" / "test-paragraphs"


def build(tmp_path: Path, builder: str, page: str = "index") -> BeautifulSoup:
    srcdir = tmp_path / "src"
    shutil.copytree(PROJECT, srcdir)
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    return BeautifulSoup((Path(app.outdir) / f"{page}.html").read_text(), "html.parser")


def test_singlehtml_ids_are_unique_and_para_links_resolve(tmp_path: Path) -> None:
    page = build(tmp_path, "singlehtml")
    ids = Counter(str(tag["id"]) for tag in page.find_all(id=True))
    assert [name for name, count in ids.items() if count > 1] == []
    numbered = [str(p["id"]) for p in page.select("p.sg-para")]
    assert numbered[:2] == ["chapter-a-para-1", "chapter-a-para-2"]
    assert "chapter-b-para-1" in numbered
    assert not any(name.startswith("para-") for name in ids)
    citations = page.select("a.reference.internal:has(.sg-para-ref)")
    assert citations
    for link in citations:
        href = str(link["href"])
        assert href.count("#") == 1, href
        assert href.removeprefix("#") in ids, href
    targets = {link.get_text(): str(link["href"]) for link in citations}
    assert targets["part 2, ¶\xa03"] == "#chapter-b-para-3"
    assert targets["part 1, ¶\xa05"] == "#chapter-a-para-5"
    # Each id is on the paragraph the chapter's own page numbers so.
    for chapter in ("chapter-a", "chapter-b"):
        own = build(tmp_path / chapter, "html", chapter)
        for paragraph in own.select("p.sg-para"):
            single = page.find(id=f"{chapter}-{paragraph['id']}")
            assert single is not None
            assert single.get_text() == paragraph.get_text()


def test_html_keeps_the_short_ids(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(PROJECT, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    page = BeautifulSoup((Path(app.outdir) / "chapter-b.html").read_text(), "html.parser")
    assert [str(p["id"]) for p in page.select("p.sg-para")][:2] == ["para-1", "para-2"]
    (link,) = [a for a in page.select("a.reference.internal") if "sg-para-ref" in str(a)]
    assert link["href"] == "chapter-a.html#para-5"
