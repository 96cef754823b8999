"""Sources: the glossary's ``sources:`` (schema, loader), in HTML and LaTeX, the Sources page."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from guidetest import latexmk, pdf_text, require_tools
from sphinx.testing.util import SphinxTestApp
from studyguide.glossary.data import (
    MAX_CITATION,
    MAX_SOURCES,
    SCHEMA_PATH,
    GlossaryDataError,
    load_glossary,
)
from studyguide.glossary.sources import citation_nodes

ROOT = Path(__file__).parent / "roots" / "test-sources"
CHURCH = (
    "US Senate, Church Committee, Covert Action in Chile 1963–1973, 1975, "
    "https://www.intelligence.senate.gov/sites/default/files/94chile.pdf"
)
CHURCH_URL = "https://www.intelligence.senate.gov/sites/default/files/94chile.pdf"


def build(srcdir: Path, builder: str = "html", **kwargs: object) -> SphinxTestApp:
    """Build a copy of the test root; clean up at once, so builds can follow each other."""
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)  # type: ignore[arg-type]
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def copy_root(destination: Path) -> Path:
    srcdir = destination / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def messages(app: SphinxTestApp) -> list[str]:
    """The build's warnings and errors, one per line, paths made relative."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    text = text.replace(str(app.srcdir) + os.sep, "")
    return [line for line in text.splitlines() if line.strip()]


def page(app: SphinxTestApp, docname: str) -> BeautifulSoup:
    text = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def entry(soup: BeautifulSoup, term: str) -> Tag:
    """The ``<dd>`` of a glossary entry."""
    found = soup.find("dt", id=f"term-{term.replace(' ', '-')}")
    assert isinstance(found, Tag), term
    definition = found.find_next_sibling("dd")
    assert isinstance(definition, Tag)
    return definition


def text(element: Tag) -> str:
    return " ".join(element.get_text().split())


# -- The data: schema and loader -------------------------------------------------------

BAD = [
    (
        "bad-type.yaml",
        4,
        "entry 1 ('MIR'): field 'sources' must be a list, not text; write each citation "
        "on a line of its own, starting with '- '",
    ),
    ("bad-empty.yaml", 6, "entry 1 ('MIR'): item 2 of field 'sources' must not be empty"),
    (
        "bad-number.yaml",
        5,
        "entry 1 ('MIR'): item 1 of field 'sources' must be text (a string), not the number "
        "2003; put the value in quotes",
    ),
    (
        "bad-colon.yaml",
        5,
        "entry 1 ('Carlos Prats'): item 1 of field 'sources' must be text (a string), not a "
        "mapping; put the value in quotes: YAML reads a colon and a space as a key and its value",
    ),
    (
        "bad-none.yaml",
        4,
        "entry 1 ('MIR'): field 'sources' is an empty list; give at least one citation "
        "(author, title, year, and a page or a URL), or remove the field",
    ),
    (
        "bad-long.yaml",
        6,
        "entry 1 ('MIR'): item 2 of field 'sources' is 519 characters long, more than 500; "
        "a citation is short: author, title, year, and a page or a URL",
    ),
    (
        "bad-many.yaml",
        4,
        "entry 1 ('MIR'): field 'sources' has 21 citations, more than 20; keep those the "
        "entry's claims rest on",
    ),
    (
        "bad-event.yaml",
        8,
        "entry 1 ('Carlos Prats'): field 'sources' of item 1 of field 'events' must be a "
        "list, not text; write each citation on a line of its own, starting with '- '",
    ),
    (
        "bad-invisible.yaml",
        5,
        "entry 1 ('MIR'): source 1 holds an invisible character U+200B (ZERO WIDTH SPACE); "
        "delete it",
    ),
]


@pytest.mark.parametrize(("data", "line", "expected"), BAD, ids=[name for name, *_ in BAD])
def test_bad_sources_are_refused_at_their_line(data: str, line: int, expected: str) -> None:
    with pytest.raises(GlossaryDataError) as caught:
        load_glossary(ROOT / data)
    assert (caught.value.line, caught.value.message) == (line, expected)


def test_sources_are_loaded_for_entries_and_events() -> None:
    glossary, problems = load_glossary(ROOT / "glossary.yaml")
    assert problems == []
    prats = glossary.by_term["Carlos Prats"]
    assert prats.sources == ["Carlos Prats, *Memorias: testimonio de un soldado*, 1985"]
    assert prats.events == [("1974-09-30", "Carlos Prats was killed in Buenos Aires.")]
    assert prats.event_sources == [["Rettig report, 1991, vol. 1 & 2 <p. 12>"]]
    assert prats.all_sources == [*prats.sources, "Rettig report, 1991, vol. 1 & 2 <p. 12>"]
    # A folded citation (>-) is one line.
    assert glossary.by_term["Popular Unity"].sources == [
        "US Senate, Church Committee, *Covert Action in Chile 1963-1973*, 1975, "
        "https://www.intelligence.senate.gov/sites/default/files/94chile.pdf"
    ]
    assert glossary.by_term["MIR"].sources == []


def test_a_repeated_citation_is_kept_once_with_a_warning() -> None:
    glossary, problems = load_glossary(ROOT / "bad-repeat.yaml")
    assert glossary.by_term["MIR"].sources == ["Peter Kornbluh, The Pinochet File, 2003"]
    assert [(p.line, p.subtype, p.message) for p in problems] == [
        (
            6,
            "glossary_data",
            "entry 1 ('MIR'): source 2 repeats source 1 of the same list; delete one",
        )
    ]


def test_schema_bounds_match_the_loader() -> None:
    """Editors validating with the schema see the loader's limits."""
    import jsonschema

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    sources = schema["$defs"]["sources"]
    assert sources["maxItems"] == MAX_SOURCES
    assert schema["$defs"]["citation"]["maxLength"] == MAX_CITATION
    entry = schema["$defs"]["entry"]["properties"]
    assert entry["sources"] == {
        "description": entry["sources"]["description"],
        "$ref": "#/$defs/sources",
    }
    assert entry["events"]["items"]["properties"]["sources"]["$ref"] == "#/$defs/sources"
    validator = jsonschema.Draft202012Validator(schema)
    good = yaml.safe_load((ROOT / "glossary.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(good)) == []


def test_a_bad_value_in_a_build_names_the_file_and_line(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), confoverrides={"studyguide_glossary": "bad-event.yaml"})
    assert messages(app) == [
        "bad-event.yaml:8: ERROR: entry 1 ('Carlos Prats'): field 'sources' of item 1 of field "
        "'events' must be a list, not text; write each citation on a line of its own, starting "
        "with '- ' [studyguide.glossary_data]"
    ]
    assert app.statuscode == 1


# -- A citation: URLs as links, *titles* in italics ---------------------------------------


def shape(found: list[nodes.Node]) -> list[tuple[str, str]]:
    return [
        (type(node).__name__, node.get("refuri", node.astext()))  # type: ignore[attr-defined]
        if isinstance(node, nodes.reference)
        else (type(node).__name__, node.astext())
        for node in found
    ]


def test_citation_urls_and_italics() -> None:
    assert shape(citation_nodes("A. Author, *A Title*, 1990, https://example.org/a_(b).")) == [
        ("Text", "A. Author, "),
        ("emphasis", "A Title"),
        ("Text", ", 1990, "),
        ("reference", "https://example.org/a_(b)"),
        ("Text", "."),
    ]
    # A closing bracket of the sentence is not the URL's; "*" alone is no italics.
    assert shape(citation_nodes("(online at http://example.org/x), 2 * 3")) == [
        ("Text", "(online at "),
        ("reference", "http://example.org/x"),
        ("Text", "), 2 * 3"),
    ]
    assert shape(citation_nodes("no address: https://")) == [("Text", "no address: https://")]
    # A range of numbers takes an en dash, as in the chapters; an address stays as written.
    assert shape(citation_nodes("*Chile 1970-1973*, pp. 12-15, https://example.org/1970-1973")) == [
        ("emphasis", "Chile 1970–1973"),
        ("Text", ", pp. 12–15, "),
        ("reference", "https://example.org/1970-1973"),
    ]


# -- The glossary page: sources under each entry ---------------------------------------------


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    app = build(copy_root(tmp_path_factory.mktemp("sources-html")))
    assert messages(app) == []
    return app


def test_sources_under_each_entry(guide: SphinxTestApp) -> None:
    soup = page(guide, "glossary")
    tanquetazo = entry(soup, "Tanquetazo").select_one("div.sg-sources")
    assert tanquetazo is not None
    assert text(tanquetazo) == f"Sources: Peter Kornbluh, The Pinochet File, 2003, p. 98; {CHURCH}"
    assert [em.get_text() for em in tanquetazo.select("span.sg-citation em")] == [
        "The Pinochet File",
        "Covert Action in Chile 1963–1973",
    ]
    assert [(a["href"], a.get_text()) for a in tanquetazo.select("a")] == [(CHURCH_URL, CHURCH_URL)]
    # An event's own sources follow the entry's; markup in a citation is text.
    prats = entry(soup, "Carlos Prats").select_one("div.sg-sources")
    assert prats is not None
    assert [text(span) for span in prats.select("span.sg-citation")] == [
        "Carlos Prats, Memorias: testimonio de un soldado, 1985",
        "Rettig report, 1991, vol. 1 & 2 <p. 12>",
    ]
    # Entries without sources have no line; the sources come last, after "Mentioned in".
    assert entry(soup, "MIR").select("div.sg-sources") == []
    children = entry(soup, "Tanquetazo").find_all(recursive=False)
    assert [child.get("class", [""])[0] for child in children][-2:] == [
        "sg-glossary-mentions",
        "sg-sources",
    ]


# -- The Sources page ---------------------------------------------------------------------


def test_sources_page_lists_each_citation_once_with_its_entries(guide: SphinxTestApp) -> None:
    items = page(guide, "sources").select("ul.sg-sources-list > li")
    found = [
        (
            text(item.select_one("span.sg-citation")),
            [(a["href"], a.get_text()) for a in item.select("div.sg-source-citers a.sg-term")],
        )
        for item in items
    ]
    assert found == [
        (
            "Carlos Prats, Memorias: testimonio de un soldado, 1985",
            [("glossary.html#term-Carlos-Prats", "Carlos Prats")],
        ),
        (
            "Peter Kornbluh, The Pinochet File, 2003, p. 98",
            [("glossary.html#term-Tanquetazo", "Tanquetazo")],
        ),
        (
            "Rettig report, 1991, vol. 1 & 2 <p. 12>",
            [("glossary.html#term-Carlos-Prats", "Carlos Prats")],
        ),
        (
            CHURCH,
            [
                ("glossary.html#term-Popular-Unity", "Popular Unity"),
                ("glossary.html#term-Tanquetazo", "Tanquetazo"),
            ],
        ),
    ]
    assert (
        text(items[3].select_one("div.sg-source-citers")) == "Cited in: Popular Unity, Tanquetazo"
    )
    # The links are the guide's glossary links (tooltips), and the titles are not auto-linked.
    assert (
        items[0].select_one("a.sg-term")["data-sg-tip"] == "The army’s commander until August 1973."
    )
    assert page(guide, "sources").select("ul.sg-sources-list span.sg-citation a.sg-term") == []


def test_sources_page_links_are_no_mentions(guide: SphinxTestApp) -> None:
    """The glossary's "Mentioned in" does not list the Sources page."""
    mentions = entry(page(guide, "glossary"), "Popular Unity").select_one("p.sg-glossary-mentions")
    assert mentions is not None
    assert [a["href"] for a in mentions.select("a")] == ["chapter.html"]


def test_spanish_labels(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), confoverrides={"language": "es"})
    assert messages(app) == []
    sources = entry(page(app, "glossary"), "Popular Unity").select_one("div.sg-sources")
    assert sources is not None
    assert text(sources) == f"Fuentes: {CHURCH}"
    citers = page(app, "sources").select("div.sg-source-citers")[0]
    assert text(citers) == "Citada en: Carlos Prats"


# -- LaTeX and PDF ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(tmp_path_factory: pytest.TempPathFactory) -> str:
    app = build(copy_root(tmp_path_factory.mktemp("sources-latex")), "latex")
    assert messages(app) == []
    return (Path(app.outdir) / "sources-test.tex").read_text(encoding="utf-8")


def test_latex_sources_in_small_print(tex: str) -> None:
    assert (
        "\\begin{sphinxuseclass}{sg-sources}\n"
        "\\sphinxAtStartPar\n"
        "\\sphinxstylestrong{Sources:} \\DUrole{sg-citation}{Peter Kornbluh, "
        "\\sphinxstyleemphasis{The Pinochet File}, 2003, p. 98}; \\DUrole{sg-citation}{US Senate, "
        "Church Committee, \\sphinxstyleemphasis{Covert Action in Chile 1963–1973}, "
        f"1975, \\sphinxurl{{{CHURCH_URL}}}}}\n"
        "\n"
        "\\end{sphinxuseclass}"
    ) in tex
    # TeX's special characters of a citation are escaped.
    assert "\\DUrole{sg-citation}{Rettig report, 1991, vol. 1 \\& 2 <p. 12>}" in tex


def test_latex_sources_page_with_page_references(tex: str) -> None:
    chapter = tex[tex.index(r"\chapter{Sources}") :]
    assert (
        "\\begin{sphinxuseclass}{sg-source-citers}\n"
        "\\sphinxAtStartPar\n"
        "\\sphinxstylestrong{Cited in:} "
        "{\\hyperref[\\detokenize{glossary:term-Popular-Unity}]{\\sphinxtermref{\\DUrole{xref}"
        "{\\DUrole{std}{\\DUrole{std-term}{Popular Unity}}}}}}"
        "\\sgpageref{\\detokenize{glossary:term-Popular-Unity}}, "
        "{\\hyperref[\\detokenize{glossary:term-Tanquetazo}]{\\sphinxtermref{\\DUrole{xref}"
        "{\\DUrole{std}{\\DUrole{std-term}{Tanquetazo}}}}}}"
        "\\sgpageref{\\detokenize{glossary:term-Tanquetazo}}\n"
    ) in chapter
    citations = re.findall(
        r"\\item \{\} \n\\sphinxAtStartPar\n\\DUrole\{sg-citation\}\{([^\n]*)\}\n", chapter
    )
    assert [c.split(",")[0] for c in citations] == [
        "Carlos Prats",
        "Peter Kornbluh",
        "Rettig report",
        "US Senate",
    ]


@pytest.mark.tex
def test_pdf_shows_sources_and_the_sources_page(tmp_path: Path) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app = build(copy_root(tmp_path), "latex")
    assert messages(app) == []
    latexmk(app.outdir)
    found = " ".join(pdf_text(Path(app.outdir) / "sources-test.pdf").split())
    assert (
        "Sources: Peter Kornbluh, The Pinochet File, 2003, p. 98; US Senate, Church Committee, "
        "Covert Action in Chile 1963–1973, 1975, https://www.intelligence.senate.gov/sites/"
    ) in found
    sources = found[found.index("CHAPTER THREE SOURCES") :]
    cited = re.search(
        r"• US Senate, Church Committee, Covert Action in Chile 1963–1973, 1975, "
        r"https://www\.intelligence\.senate\.gov/ ?sites/ ?default/ ?files/ ?94chile\.pdf "
        r"Cited in: POPULAR UNITY \(p\. (\d+)\), TANQUETAZO \(p\. (\d+)\)",
        sources,
    )
    assert cited, sources
    # The page of each entry: where the glossary's text shows it.
    glossary = found[found.index("CHAPTER TWO GLOSSARY") : found.index("CHAPTER THREE")]
    pages = re.findall(r"(\d+) Sources test \d+ Chapter 2\. Glossary", glossary)
    assert pages
    assert cited.group(1) == cited.group(2) == pages[-1]


# -- studyguide_require_sources -------------------------------------------------------------


def test_require_sources(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    moneda = (
        "glossary.yaml:34: WARNING: glossary entry 'La Moneda' has a date (1973-09-11) but no "
        "source; add 'sources:' to the entry, a list of citations (author, title, year, and a "
        "page or a URL) [studyguide.sources]"
    )
    mir = (
        "glossary.yaml:31: WARNING: glossary entry 'MIR' has no source; add 'sources:' to the "
        "entry, a list of citations (author, title, year, and a page or a URL) [studyguide.sources]"
    )
    assert messages(build(srcdir)) == []  # "off" by default
    dated = build(srcdir, confoverrides={"studyguide_require_sources": "dated"}, freshenv=True)
    assert messages(dated) == [moneda]
    every = build(srcdir, confoverrides={"studyguide_require_sources": "all"}, freshenv=True)
    assert messages(every) == [mir, moneda]
    # An event without sources of its own, in an entry without any.
    data = srcdir / "glossary.yaml"
    data.write_text(
        data.read_text(encoding="utf-8")
        .replace(
            '    sources:\n      - "Carlos Prats, *Memorias: testimonio de un soldado*, 1985"\n', ""
        )
        .replace("        sources:\n          - Rettig report, 1991, vol. 1 & 2 <p. 12>\n", ""),
        encoding="utf-8",
    )
    app = build(srcdir, confoverrides={"studyguide_require_sources": "dated"}, freshenv=True)
    assert messages(app) == [
        "glossary.yaml:12: WARNING: glossary entry 'Carlos Prats' has a date (1973-08-23) but no "
        "source; add 'sources:' to the entry, a list of citations (author, title, year, and a "
        "page or a URL) [studyguide.sources]",
        "glossary.yaml:18: WARNING: glossary entry 'Carlos Prats': event 1 of 'events' "
        "(1974-09-30) has no source; add 'sources:' to the event or to the entry, a list of "
        "citations (author, title, year, and a page or a URL) [studyguide.sources]",
        "glossary.yaml:30: WARNING: glossary entry 'La Moneda' has a date (1973-09-11) but no "
        "source; add 'sources:' to the entry, a list of citations (author, title, year, and a "
        "page or a URL) [studyguide.sources]",
    ]


def test_require_sources_can_be_suppressed_and_is_checked(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    quiet = build(
        srcdir,
        confoverrides={
            "studyguide_require_sources": "all",
            "suppress_warnings": ["studyguide.sources"],
        },
    )
    assert messages(quiet) == []
    wrong = build(srcdir, confoverrides={"studyguide_require_sources": "yes"}, freshenv=True)
    assert messages(wrong) == [
        "ERROR: studyguide_require_sources = 'yes' is not allowed; use one of 'off', 'dated', "
        "'all' (in conf.py) [studyguide.config]"
    ]


# -- Parallel, incremental and gettext builds -------------------------------------------------


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    serial = build(srcdir, builddir=tmp_path / "j1")
    parallel = build(srcdir, builddir=tmp_path / "j2", parallel=2)
    assert messages(serial) == messages(parallel) == []
    for name in ("glossary", "sources"):
        assert (Path(parallel.outdir) / f"{name}.html").read_text() == (
            Path(serial.outdir) / f"{name}.html"
        ).read_text()


def edit(path: Path, old: str, new: str) -> None:
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new), encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def test_incremental_builds_equal_a_fresh_one(tmp_path: Path) -> None:
    """An edited citation reaches both pages; stored glossary entries keep their sources."""
    srcdir = copy_root(tmp_path)
    assert messages(build(srcdir)) == []
    # A new mention: the glossary page is written again, its other entries from the store.
    edit(srcdir / "chapter.md", "La Moneda was bombed", "La Moneda and the MIR were bombed")
    assert messages(build(srcdir)) == []
    edit(srcdir / "glossary.yaml", "p. 98", "pp. 98-99")
    assert messages(build(srcdir)) == []
    fresh = build(srcdir, builddir=tmp_path / "fresh")
    for name in ("glossary", "sources"):
        written = (srcdir / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8")
        assert "The Pinochet File</em>, 2003, pp. 98–99" in written
        assert written == (Path(fresh.outdir) / f"{name}.html").read_text(encoding="utf-8")


def test_gettext_leaves_citations_out(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), "gettext")
    assert messages(app) == []
    catalogs = {
        path.name: path.read_text(encoding="utf-8") for path in Path(app.outdir).glob("*.pot")
    }
    assert 'msgid "Sources"' in catalogs["sources.pot"]
    assert 'msgid "The army\'s commander until August 1973."' in catalogs["glossary.pot"]
    for catalog in catalogs.values():
        assert "Pinochet File" not in catalog
        assert "Rettig report" not in catalog


# -- The real guide ----------------------------------------------------------------------------


def test_guide_sources_page_and_further_reading(guide_html: Path) -> None:
    """The guide's Sources page lists the Church Committee report with the entries it backs."""
    sources = BeautifulSoup(
        (guide_html / "sources.html").read_text(encoding="utf-8"), "html.parser"
    )
    church = [
        item
        for item in sources.select("ul.sg-sources-list > li")
        if "Covert Action in Chile 1963–1973" in item.get_text()
    ]
    assert len(church) == 1
    citing = {a.get_text() for a in church[0].select("div.sg-source-citers a.sg-term")}
    assert {"CIA", "1964 presidential election", "René Schneider", "invisible blockade"} <= citing
    reading = (guide_html / "further-reading.html").read_text(encoding="utf-8")
    assert (
        "Select Committee to Study Governmental Operations with Respect to Intelligence Activities"
        in reading
    )
    assert "Select Committee on Intelligence Activities" not in reading


def test_sources_page_without_data_says_what_to_do(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    data = srcdir / "glossary.yaml"
    data.write_text(re.sub(r"(?m)^ +sources:\n( +- .*\n|  +[^- ].*\n)+", "", data.read_text()))
    app = build(srcdir)
    assert messages(app) == [
        "sources.md:5: WARNING: studyguide-sources: no glossary entry has a source; add "
        "'sources:' (author, title, year, and a page or a URL) to the entries of glossary.yaml "
        "[studyguide.sources]"
    ]
    none = build(copy_root(tmp_path / "none"), confoverrides={"studyguide_glossary": None})
    assert (
        "sources.md:5: WARNING: the studyguide-sources directive has no glossary to list the "
        "sources of: studyguide_glossary is None in conf.py; set it to the data file's path "
        "[studyguide.sources]"
    ) in messages(none)
