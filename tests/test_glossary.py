"""The glossary component: data errors, auto-linking, the glossary page, outputs."""

from __future__ import annotations

import json
import os
import posixpath
import re
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from guidetest import (
    build,
    copy_root,
    latexmk,
    messages,
    pdf_text,
    require_tools,
    written_after_edit,
)
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile
from studyguide.glossary.nodes import sg_glossary_fragment

ROOTS = Path(__file__).parent / "roots"


def html(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(), "html.parser")


def section(page: BeautifulSoup, section_id: str) -> Tag:
    found = page.find("section", id=section_id)
    assert isinstance(found, Tag), section_id
    return found


def linked(element: Tag) -> list[str]:
    """The texts of the glossary links directly in a section (not its subsections)."""
    return [
        a.get_text() for a in element.select("a.sg-term") if a.find_parent("section") is element
    ]


# -- Bad input: one clear message with file and line ------------------------------

BAD = [
    (
        "syntax.yaml",
        "syntax.yaml:4: ERROR: YAML syntax error, column 4: did not find expected '-' "
        "indicator (while parsing a block collection); check the indentation "
        "of this line and the lines above it [studyguide.glossary_data]",
    ),
    (
        "missing.yaml",
        "missing.yaml:4: ERROR: entry 2 ('MIR'): missing required field 'definition' "
        "[studyguide.glossary_data]",
    ),
    (
        "wrongtype.yaml",
        "wrongtype.yaml:4: ERROR: entry 1 ('MIR'): field 'aliases' must be a list, not text; "
        "write [Revolutionary Left Movement] [studyguide.glossary_data]",
    ),
    (
        "category.yaml",
        "category.yaml:4: ERROR: entry 1 ('MIR'): unknown category 'parties'; allowed: party, "
        "organisation, person, place, event, concept [studyguide.glossary_data]",
    ),
]


@pytest.mark.parametrize(("data", "expected"), BAD, ids=[name for name, _ in BAD])
def test_bad_data_fails_with_one_message(tmp_path: Path, data: str, expected: str) -> None:
    app = build(copy_root("glossary-bad", tmp_path), confoverrides={"studyguide_glossary": data})
    assert messages(app) == [expected]  # nothing else, and no traceback
    assert app.statuscode == 1


@pytest.mark.sphinx(
    "html",
    testroot="glossary-bad",
    confoverrides={"studyguide_glossary": "duplicates.yaml"},
    freshenv=True,
)
def test_duplicate_term_and_alias(app: SphinxTestApp) -> None:
    app.build()
    assert messages(app) == [
        "duplicates.yaml:6: WARNING: duplicate glossary alias 'mir' of 'MAPU': entry 'MIR' "
        "(line 2) already has this name; a name may link to one entry only "
        "[studyguide.duplicate_alias]",
        "duplicates.yaml:7: WARNING: duplicate glossary term 'MIR': entry 'MIR' (line 2) "
        "already has this name; merge the two entries [studyguide.duplicate_term]",
        "index.md:3: WARNING: unknown glossary term 'MIRR'; did you mean 'MIR'? "
        "[studyguide.unknown_term]",
    ]
    # The first entry keeps the name.
    assert html(app, "index").select_one("a.sg-term")["href"] == "glossary.html#term-MIR"


@pytest.mark.sphinx("html", testroot="glossary-bad", freshenv=True)
def test_unknown_term_and_unused_entry(app: SphinxTestApp) -> None:
    app.build()
    assert messages(app) == [
        "good.yaml:6: WARNING: glossary entry 'Tanquetazo' is mentioned nowhere: no document "
        "names it or one of its aliases; add the form the text uses as an alias, or remove "
        "the entry [studyguide.unused_term]",
        "index.md:3: WARNING: unknown glossary term 'MIRR'; did you mean 'MIR'? "
        "[studyguide.unknown_term]",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="glossary-bad",
    freshenv=True,
    confoverrides={"suppress_warnings": ["studyguide.unused_term", "studyguide.unknown_term"]},
)
def test_subtypes_can_be_suppressed(app: SphinxTestApp) -> None:
    app.build()
    assert messages(app) == []


@pytest.mark.sphinx(
    "html",
    testroot="glossary-bad",
    freshenv=True,
    confoverrides={"studyguide_autolink": "sometimes"},
)
def test_autolink_value_is_checked(app: SphinxTestApp) -> None:
    assert messages(app)[0] == (
        "ERROR: studyguide_autolink = 'sometimes' is not allowed; use one of 'first', "
        "'all', 'off' (in conf.py) [studyguide.config]"
    )
    assert app.statuscode == 1


# -- Auto-linking -------------------------------------------------------------------


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The small guide, built once as HTML (autolink="first")."""
    app = build(copy_root("glossary", tmp_path_factory.mktemp("glossary")))
    assert messages(app) == []
    return app


def test_no_link_in_title_code_link_url_or_other_words(guide: SphinxTestApp) -> None:
    page = html(guide, "ch1")
    top = section(page, "chapter-about-the-mir")
    assert top.h1.get_text() == "Chapter about the MIR¶"
    assert not top.h1.select("a.sg-term")
    assert linked(top) == []  # `MIR`, [MIR link], the URL, "mirror", "mir"
    assert top.select_one("code").get_text() == "MIR"


def test_possessive_with_curly_apostrophe(guide: SphinxTestApp) -> None:
    assert linked(section(html(guide, "ch1"), "possessive")) == ["MIR’s"]


def test_plurals(guide: SphinxTestApp) -> None:
    links = section(html(guide, "ch1"), "plural").select("a.sg-term")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("industrial belts", "glossary.html#term-cordones-industriales"),
    ]  # "cordones" is the same entry: only its first mention links


def test_case_rules(guide: SphinxTestApp) -> None:
    page = html(guide, "ch1")
    assert linked(section(page, "case")) == ["MIR"]  # not "mir"
    assert linked(section(page, "ignoring-case")) == ["popular unity"]


def test_longest_match_wins(guide: SphinxTestApp) -> None:
    links = section(html(guide, "ch1"), "longest").select("a.sg-term")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("MAPU-OC", "glossary.html#term-MAPU-OC"),
        ("Cordón Cerrillos", "glossary.html#term-Cordon-Cerrillos"),
    ]


def test_name_wrapped_over_two_lines(guide: SphinxTestApp) -> None:
    assert linked(section(html(guide, "ch1"), "wrapped")) == ["Cordón\nCerrillos"]


def test_explicit_term_counts_as_first_mention(guide: SphinxTestApp) -> None:
    explicit = section(html(guide, "ch1"), "explicit")
    links = explicit.select("a.sg-term")
    assert [a.get_text() for a in links] == ["MIR"]
    assert links[0]["data-sg-tip"] == "The Revolutionary Left Movement, founded in 1965."
    assert "the MIR plain" in explicit.get_text()


def test_nolink_role_and_front_matter_off(guide: SphinxTestApp) -> None:
    assert linked(section(html(guide, "ch1"), "nolink")) == []
    assert html(guide, "ch1").select_one("span.sg-nolink").get_text() == "MIR"
    assert linked(section(html(guide, "ch2"), "chapter-two")) == ["Popular Unity"]  # explicit only


def test_first_mention_per_section(guide: SphinxTestApp) -> None:
    assert linked(section(html(guide, "ch1"), "repeated")) == ["MAPU", "Allende", "Tanquetazo"]


@pytest.mark.sphinx(
    "html", testroot="glossary", freshenv=True, confoverrides={"studyguide_autolink": "all"}
)
def test_all_mentions(app: SphinxTestApp) -> None:
    app.build()
    assert messages(app) == []
    page = html(app, "ch1")
    assert linked(section(page, "repeated")) == ["MAPU", "MAPU", "Allende", "Tanquetazo"]
    assert linked(section(page, "explicit")) == ["MIR", "MIR"]


def test_link_markup_and_escaped_tip(guide: SphinxTestApp) -> None:
    source = (Path(guide.outdir) / "ch1.html").read_text()
    assert (
        '<a class="reference internal sg-term" data-sg-tip="The tank putsch '
        "&lt;script&gt;alert(1)&lt;/script&gt; and “ onmouseover=”alert(2)” "
        '&amp; co." href="glossary.html#term-Tanquetazo">' in source
    )
    assert "<script>alert" not in source
    link = html(guide, "ch1").find("a", string="Tanquetazo")
    # The chapters' typography: the tip's straight quotes are curly.
    assert link["data-sg-tip"] == (
        "The tank putsch <script>alert(1)</script> and “ onmouseover=”alert(2)” & co."
    )
    assert not link.has_attr("onmouseover")
    # The page loads the extension's own script and styles, no CDN.
    page = html(guide, "ch1")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert any(s.startswith("_static/studyguide-glossary.js") for s in scripts)
    assert not any("//" in s for s in scripts)
    assert (Path(guide.outdir) / "_static" / "studyguide-glossary.js").is_file()


# -- The glossary page -----------------------------------------------------------------


def test_glossary_page_groups_and_entries(guide: SphinxTestApp) -> None:
    page = html(guide, "glossary")
    groups = [s.h2.get_text().rstrip("¶") for s in page.select("section.sg-glossary-group")]
    assert groups == ["Parties and coalitions", "Organisations and movements", "People", "Events"]
    parties = section(page, "parties-and-coalitions")
    assert [dt["id"] for dt in parties.select("dt")] == [
        "term-MAPU",
        "term-MAPU-OC",
        "term-MIR",
        "term-Popular-Unity",
    ]
    organisations = section(page, "organisations-and-movements")
    assert [dt.get_text().rstrip("¶") for dt in organisations.select("dt")] == [
        "Cordón Cerrillos",
        "cordones industriales",  # accents and case ignored
    ]
    mir = page.find("dt", id="term-MIR").find_next_sibling("dd")
    assert mir.select_one(".sg-glossary-names").get_text() == (
        "Spanish: Movimiento de Izquierda Revolucionaria"
    )
    see_also = mir.select_one(".sg-glossary-see-also a")
    assert (see_also.get_text(), see_also["href"]) == ("MAPU", "#term-MAPU")
    unity = page.find("dt", id="term-Popular-Unity").find_next_sibling("dd")
    assert "Abbreviation: UP" in unity.select_one(".sg-glossary-names").get_text()
    assert not page.select("article a.sg-term:not(.sg-glossary-see-also a)")  # no auto-links


def test_mentioned_in_links_to_sections_in_toctree_order(guide: SphinxTestApp) -> None:
    page = html(guide, "glossary")
    mir = page.find("dt", id="term-MIR").find_next_sibling("dd").select_one(".sg-glossary-mentions")
    assert mir.get_text() == ("Mentioned in: Chapter about the MIR (Possessive, Case, Explicit)")
    # The chapter's title links too, when every mention is in its sections.
    assert [a["href"] for a in mir.select("a")] == [
        "ch1.html",
        "ch1.html#possessive",
        "ch1.html#case",
        "ch1.html#explicit",
    ]
    unity = (
        page.find("dt", id="term-Popular-Unity")
        .find_next_sibling("dd")
        .select_one(".sg-glossary-mentions")
    )
    assert [a["href"] for a in unity.select("a")] == [
        "ch1.html",
        "ch1.html#ignoring-case",
        "ch2.html",
    ]


def test_objects_inv_holds_terms_and_aliases(guide: SphinxTestApp) -> None:
    with (Path(guide.outdir) / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    terms = {name: item.uri for name, item in inventory["std:term"].items()}
    assert terms["MIR"] == "glossary.html#term-MIR"
    assert terms["Revolutionary Left Movement"] == "glossary.html#term-MIR"
    assert terms["Cordón Cerrillos"] == "glossary.html#term-Cordon-Cerrillos"
    assert len(terms) == 12  # 8 entries, 4 aliases


def test_genindex_has_entries_and_mentions(guide: SphinxTestApp) -> None:
    index = html(guide, "genindex")
    mir = index.find(string="MIR").find_parent("li")
    hrefs = [a["href"] for a in mir.find_all("a")]
    assert "glossary.html#term-MIR" in hrefs
    assert any(re.fullmatch(r"ch1\.html#index-\d+", href) for href in hrefs)
    assert index.find(string=re.compile("see MIR"))  # the alias points to the entry


# -- LaTeX --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The small guide's LaTeX source."""
    app = build(copy_root("glossary", tmp_path_factory.mktemp("glossary-latex")), "latex")
    assert messages(app) == []
    assert (Path(app.outdir) / "sgglossary.sty").is_file()
    return (Path(app.outdir) / "glossary-test.tex").read_text()


def test_latex_page_references_on_first_mention(tex: str) -> None:
    assert r"\usepackage{sgglossary}" in tex
    link = (
        r"\hyperref[\detokenize{glossary:term-MAPU}]{\sphinxtermref{\DUrole{xref}"
        r"{\DUrole{std}{\DUrole{std-term}{MAPU}}}}}}"
    )
    pageref = r"\sgpageref{\detokenize{glossary:term-MAPU}}"
    repeated = tex[tex.index(r"\section{Repeated}") :]
    assert f"{link}{pageref} and the MAPU again" in repeated
    assert repeated.count(pageref) == 1


def test_latex_index_entries(tex: str) -> None:
    # The entry (main), its alias (see) and each linked mention.
    assert r"\index{MIR@\spxentry{MIR}|spxpagem}" in tex
    alias = "Revolutionary Left Movement"
    assert rf"\index{{{alias}@\spxentry{{{alias}}}|see{{MIR}}}}" in tex
    mentions = re.findall(r"\\index\{MIR@\\spxentry\{MIR\}\}", tex)
    assert len(mentions) == 3  # Possessive, Case, Explicit


def test_latex_mentioned_in_with_pages(tex: str) -> None:
    assert (
        r"\sphinxstylestrong{Mentioned in:} "
        r"{\hyperref[\detokenize{ch1::doc}]{\sphinxcrossref{Chapter about the MIR}}}"
        r"\sgpagerefplain{\detokenize{ch1::doc}} ("
        r"{\hyperref[\detokenize{ch1:ignoring-case}]{\sphinxcrossref{Ignoring case}}}"
        r"\sgpagerefplain{\detokenize{ch1:ignoring-case}}); "
        r"{\hyperref[\detokenize{ch2::doc}]{\sphinxcrossref{Chapter two}}}"
        r"\sgpagerefplain{\detokenize{ch2::doc}}"
    ) in tex


@pytest.mark.tex
def test_pdf_shows_pages_of_entries(tmp_path: Path) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app = build(copy_root("glossary", tmp_path), "latex")
    assert messages(app) == []
    latexmk(app.outdir)
    text = " ".join(pdf_text(Path(app.outdir) / "glossary-test.pdf").split())
    # Terms in small capitals: pdftotext reads "MIR’S".
    page = re.search(r"The MIR’S \(p\. (\d+)\) leaders\.", text)
    assert page, text[:2000]
    assert re.search(rf"MIR, \d+, {page.group(1)}\b", text)  # the index: mention, entry
    assert "Revolutionary Left Movement, see MIR" in text
    assert re.search(r"Mentioned in: Chapter about the MIR, p\. \d+ \(Possessive, p\. \d+", text)


# -- Parallel and incremental builds -------------------------------------------------


def pages(outdir: Path) -> dict[str, str]:
    return {
        name: (outdir / f"{name}.html").read_text()
        for name in ("index", "ch1", "ch2", "glossary", "genindex")
    }


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root("glossary", tmp_path)
    serial = build(srcdir, builddir=tmp_path / "j1")
    parallel = build(srcdir, builddir=tmp_path / "j2", parallel=2)
    assert messages(serial) == messages(parallel) == []
    assert pages(Path(parallel.outdir)) == pages(Path(serial.outdir))


@pytest.mark.parametrize("jobs", [1, 2])
def test_incremental_rebuild(tmp_path: Path, jobs: int) -> None:
    srcdir = copy_root("glossary", tmp_path)
    first = build(srcdir, parallel=jobs)
    assert messages(first) == []

    chapter = srcdir / "ch2.md"
    chapter.write_text(chapter.read_text() + "\n## New\n\n{term}`MAPU-OC` split.\n")
    later = time.time() + 5
    os.utime(chapter, (later, later))
    read: list[str] = []
    second = build(
        srcdir,
        parallel=jobs,
        connect={"env-before-read-docs": lambda app, env, docnames: read.extend(docnames)},
    )
    assert read == ["ch2"]
    assert messages(second) == []
    mentions = (
        html(second, "glossary")
        .find("dt", id="term-MAPU-OC")
        .find_next_sibling("dd")
        .select_one(".sg-glossary-mentions")
    )
    assert [a["href"] for a in mentions.select("a")] == [
        "ch1.html",
        "ch1.html#longest",
        "ch2.html",
        "ch2.html#new",
    ]


def test_glossary_page_is_written_again_only_when_its_mentions_change(tmp_path: Path) -> None:
    srcdir = copy_root("glossary", tmp_path)
    assert messages(build(srcdir)) == []
    # A sentence that names no entry: the glossary page shows the same.
    assert written_after_edit(srcdir / "ch2.md", "\nA sentence that names nothing.\n") == [
        "ch2",
        "index",
    ]
    # A mention in a new section: "Mentioned in" gains a link.
    assert written_after_edit(srcdir / "ch2.md", "\n## Newer\n\n{term}`MIR` again.\n") == [
        "ch2",
        "glossary",
        "index",
    ]


def search_terms(outdir: Path) -> dict[str, set[str]]:
    """The search index's words, each with the documents it is found in."""
    text = (outdir / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))
    names = data["docnames"]
    return {
        word: {names[i] for i in (found if isinstance(found, list) else [found])}
        for word, found in data["terms"].items()
    }


def rebuild(srcdir: Path, edits: dict[str, tuple[str, str]]) -> tuple[SphinxTestApp, list[str]]:
    """Apply *edits* (file: (old, new)) and build again; the ids of the entries put back."""
    for name, (old, new) in edits.items():
        source = srcdir / name
        text = source.read_text(encoding="utf-8")
        assert old in text
        source.write_text(text.replace(old, new), encoding="utf-8")
        later = time.time() + 5
        os.utime(source, (later, later))
    reused: list[str] = []

    def note(app: SphinxTestApp, doctree: nodes.document, docname: str) -> None:
        if docname == "glossary":
            for fragment in doctree.findall(sg_glossary_fragment):
                reused.extend(node_id for node_id, _stored in fragment["sg_entries"])

    app = build(srcdir, connect={"doctree-resolved": note})
    return app, reused


def test_glossary_page_from_stored_entries_equals_a_full_build(tmp_path: Path) -> None:
    """HTML keeps each entry as written; the next build puts back the unchanged ones.

    A mention added (MAPU-OC) and one removed (Popular Unity, still named in
    chapter 1): those entries are written in full, the others put back, and
    the page and its search words are those of a full build of the same
    sources.  Edited back, the page is the first build's again.
    """
    srcdir = copy_root("glossary", tmp_path)
    first = build(srcdir)
    assert messages(first) == []
    original = (Path(first.outdir) / "glossary.html").read_text(encoding="utf-8")
    edits = {
        "ch2.md": (
            "but {term}`Popular Unity` is.",
            "but Popular Unity is not.\n\n## New\n\n{term}`MAPU-OC` split.",
        )
    }
    second, reused = rebuild(srcdir, edits)
    assert messages(second) == []
    # Not the first entry (MAPU): a meta description may come from its paragraph.
    assert sorted(reused) == [
        "term-Cordon-Cerrillos",
        "term-MIR",
        "term-Salvador-Allende",
        "term-Tanquetazo",
        "term-cordones-industriales",
    ]
    fresh = build(srcdir, builddir=tmp_path / "fresh", freshenv=True)
    assert messages(fresh) == []
    page = (Path(second.outdir) / "glossary.html").read_text(encoding="utf-8")
    assert page == (Path(fresh.outdir) / "glossary.html").read_text(encoding="utf-8")
    assert page != original
    entry = BeautifulSoup(page, "html.parser").find("dt", id="term-Popular-Unity")
    mentions = entry.find_next_sibling("dd").select_one(".sg-glossary-mentions")
    assert [a["href"] for a in mentions.select("a")] == ["ch1.html", "ch1.html#ignoring-case"]
    assert search_terms(Path(second.outdir)) == search_terms(Path(fresh.outdir))
    assert "mapu" in search_terms(Path(second.outdir))

    third, reused = rebuild(srcdir, {"ch2.md": (edits["ch2.md"][1], edits["ch2.md"][0])})
    assert messages(third) == []
    assert reused
    assert (Path(third.outdir) / "glossary.html").read_text(encoding="utf-8") == original
    assert search_terms(Path(third.outdir)) == search_terms(Path(first.outdir))


def test_alias_in_another_case_links_to_its_entry(tmp_path: Path) -> None:
    """Sphinx ignores case for headwords only; the glossary resolves an alias's other case."""
    srcdir = copy_root("glossary", tmp_path)
    with (srcdir / "ch2.md").open("a", encoding="utf-8") as stream:
        stream.write(
            "\n## Alias case\n\nThe {term}`revolutionary left movement` and {term}`mapu`.\n"
        )
    app = build(srcdir)
    assert messages(app) == []
    links = section(html(app, "ch2"), "alias-case").select("p a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("revolutionary left movement", "glossary.html#term-MIR"),
        ("mapu", "glossary.html#term-MAPU"),
    ]
