"""The chronology: dated glossary entries in date order, with their links, in every output."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from guidetest import build, latexmk, messages, pdf_text, require_tools, written_after_edit
from sphinx.testing.util import SphinxTestApp
from studyguide.glossary.chronology import date_key, format_for_readers, in_range
from studyguide.glossary.data import is_iso_date

ROOT = Path(__file__).parent / "roots" / "test-chronology"

#: The rows of chronology.html: the test glossary lists these entries shuffled.
ORDER = [
    ("October 1972", "October 1972 lockout"),
    ("1973", "crisis of 1973"),
    ("4 March 1973", "March 1973 election"),
    ("29 June 1973", "Tanquetazo"),
    ("July 1973", "truckers’ strike"),
    ("27 July 1973", "Arturo Araya"),
    ("11 September 1973", "1973 coup"),
    ("11 September 1973", "La Moneda"),
    ("1974", "Carlos Prats"),
]


def copy_root(destination: Path) -> Path:
    srcdir = destination / "src"
    shutil.copytree(ROOT, srcdir)
    return srcdir


def page(app: SphinxTestApp, docname: str, suffix: str = "html") -> BeautifulSoup:
    text = (Path(app.outdir) / f"{docname}.{suffix}").read_text(encoding="utf-8")
    return BeautifulSoup(text, "html.parser")


def rows(soup: BeautifulSoup) -> list[tuple[str, Tag]]:
    """(date, definition) of each row of the page's chronology."""
    chronology = soup.select_one("dl.sg-chronology")
    assert chronology is not None
    return [(dt.get_text(), dt.find_next_sibling("dd")) for dt in chronology.find_all("dt")]


def row(soup: BeautifulSoup, term: str) -> Tag:
    """The definition of the row whose glossary link names ``term``."""
    for _date, definition in rows(soup):
        link = definition.select_one(".sg-chronology-links a.sg-term")
        if link is not None and link.get_text() == term:
            return definition
    raise AssertionError(f"no row for {term!r}")


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The small guide with two chronologies, built once as HTML."""
    app = build(copy_root(tmp_path_factory.mktemp("chronology")))
    assert messages(app) == []
    return app


# -- Dates ------------------------------------------------------------------------


def test_dates_checked_as_real_dates() -> None:
    assert [is_iso_date(text) for text in ("1973-06-29", "1972-10", "1973", "1972-02-29")] == [
        True
    ] * 4
    bad = ("1973-13-29", "1973-02-30", "1973-6-29", "June 1973", "73", "1973-06-29T10:00", "")
    assert [is_iso_date(text) for text in bad] == [False] * len(bad)


def test_year_before_its_months_before_their_days() -> None:
    dates = ["1973-07-27", "1973", "1973-07", "1972-10", "1973-06-29"]
    assert sorted(dates, key=date_key) == ["1972-10", "1973", "1973-06-29", "1973-07", "1973-07-27"]


def test_range_holds_whole_dates_only() -> None:
    assert in_range("1973-07", "1973-06", "1973-07")
    assert in_range("1973-07-31", None, "1973-07")
    assert not in_range("1973", "1973-06", None)  # a year is not within its June
    assert not in_range("1973-06", "1973-06-15", None)


def test_dates_as_readers_write_them() -> None:
    assert format_for_readers("1973-06-29", "en") == "29 June 1973"
    assert format_for_readers("1973-09-01", "en") == "1 September 1973"
    assert format_for_readers("1972-10", "en") == "October 1972"
    assert format_for_readers("1974", "en") == "1974"


# -- HTML ---------------------------------------------------------------------------


def test_rows_in_date_order(guide: SphinxTestApp) -> None:
    found = [
        (date, definition.select_one(".sg-chronology-links a.sg-term").get_text())
        for date, definition in rows(page(guide, "chronology"))
    ]
    assert found == ORDER


def test_event_text_or_first_sentence(guide: SphinxTestApp) -> None:
    soup = page(guide, "chronology")
    events = {
        term: row(soup, term).select_one("p.sg-chronology-event").get_text()
        for term in ("Tanquetazo", "crisis of 1973", "October 1972 lockout")
    }
    assert events == {
        # Folded over two lines in the YAML: one line here.
        "Tanquetazo": "An armoured regiment attacked La Moneda and was put down within hours.",
        # No event: the definition's first sentence.
        "crisis of 1973": "The year in which the conflict came to a head.",
        # Typeset as the chapters are (smartquotes).
        "October 1972 lockout": "The truck owners’ confederation began a nationwide stoppage.",
    }


def test_links_to_entry_and_mentioning_chapters(guide: SphinxTestApp) -> None:
    soup = page(guide, "chronology")
    tanquetazo = row(soup, "Tanquetazo").select_one("p.sg-chronology-links")
    assert tanquetazo.get_text() == (
        "Glossary: Tanquetazo · Mentioned in: First chapter; Second chapter"
    )
    # The term's anchor, then the chapters in toctree order (b-first before a-second).
    assert [a["href"] for a in tanquetazo.select("a")] == [
        "glossary.html#term-Tanquetazo",
        "b-first.html",
        "a-second.html",
    ]
    term_link = tanquetazo.select_one("a")
    assert term_link["class"] == ["reference", "internal", "sg-term"]
    assert term_link["data-sg-tip"] == "The failed uprising of an armoured regiment."
    # The page's own introduction names the lockout: it is no chapter about it.
    lockout = row(soup, "October 1972 lockout").select("p.sg-chronology-links a")
    assert [a["href"] for a in lockout] == [
        "glossary.html#term-October-1972-lockout",
        "b-first.html",
    ]


def test_rows_are_no_mentions_and_not_autolinked(guide: SphinxTestApp) -> None:
    chronology = page(guide, "chronology")
    assert chronology.select("p.sg-chronology-event a") == []  # "La Moneda" stays text
    glossary = page(guide, "glossary")
    mentions = (
        glossary.find("dt", id="term-La-Moneda")
        .find_next_sibling("dd")
        .select_one(".sg-glossary-mentions")
    )
    # The chapter, then its section: the chronology's rows are not among them.
    assert [a["href"] for a in mentions.select("a")] == [
        "a-second.html",
        "a-second.html#september",
    ]


def test_from_and_to_limit_the_range(guide: SphinxTestApp) -> None:
    found = [
        (date, definition.select_one("a.sg-term").get_text())
        for date, definition in rows(page(guide, "winter"))
    ]
    # From June to July 1973: the year 1973 is not wholly within, so not listed.
    assert found == [
        ("29 June 1973", "Tanquetazo"),
        ("July 1973", "truckers’ strike"),
        ("27 July 1973", "Arturo Araya"),
    ]


def test_option_mistakes_are_reported(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    with (srcdir / "winter.md").open("a", encoding="utf-8") as handle:
        handle.write(
            "\n```{studyguide-chronology}\n:from: 1974\n:to: 1973\n```\n"
            "\n```{studyguide-chronology}\n:from: 1980\n```\n"
            "\n```{studyguide-chronology}\n:to: June 1973\n```\n"
        )
    app = build(srcdir)
    assert messages(app) == [
        "winter.md:8: WARNING: studyguide-chronology: :from: 1974 is after :to: 1973; "
        "swap the two dates [studyguide.chronology]",
        "winter.md:13: WARNING: studyguide-chronology: no glossary entry has a date from 1980 "
        "on; add 'date:' (YYYY-MM-DD, YYYY-MM or YYYY) to the entries of glossary.yaml "
        "[studyguide.chronology]",
        "winter.md:18: WARNING: 'studyguide-chronology': Invalid option value for 'to': "
        "June 1973: 'June 1973' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
        "[myst.directive_option]",
    ]


def test_text_and_epub(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    text = build(srcdir, "text")
    assert messages(text) == []
    output = (Path(text.outdir) / "chronology.txt").read_text(encoding="utf-8")
    assert (
        "29 June 1973\n"
        "   An armoured regiment attacked La Moneda and was put down within\n"
        "   hours.\n\n"
        "   **Glossary:** *Tanquetazo* · **Mentioned in:** First chapter;\n"
        "   Second chapter\n"
    ) in output
    epub = build(srcdir, "epub", builddir=tmp_path / "epub")
    assert messages(epub) == []
    soup = page(epub, "chronology", "xhtml")
    links = row(soup, "Tanquetazo").select("p.sg-chronology-links a")
    assert [a["href"] for a in links] == [
        "glossary.xhtml#term-Tanquetazo",
        "b-first.xhtml",
        "a-second.xhtml",
    ]


def test_spanish_dates_and_labels(tmp_path: Path) -> None:
    app = build(copy_root(tmp_path), confoverrides={"language": "es"})
    assert messages(app) == []
    found = rows(page(app, "chronology"))
    assert [date for date, _definition in found][:4] == [
        "octubre de 1972",
        "1973",
        "4 de marzo de 1973",
        "29 de junio de 1973",
    ]
    links = found[3][1].select_one("p.sg-chronology-links").get_text()
    assert links == "Glosario: Tanquetazo · Mencionado en: First chapter; Second chapter"


# -- LaTeX and PDF ------------------------------------------------------------------


@pytest.fixture(scope="module")
def tex(tmp_path_factory: pytest.TempPathFactory) -> str:
    app = build(copy_root(tmp_path_factory.mktemp("chronology-latex")), "latex")
    assert messages(app) == []
    return (Path(app.outdir) / "chronology-test.tex").read_text(encoding="utf-8")


def test_latex_rows_with_page_references(tex: str) -> None:
    chapter = tex[tex.index(r"\chapter{Chronology}") : tex.index(r"\chapter{Winter of 1973}")]
    dates = re.findall(r"\\sphinxlineitem\{\\DUrole\{sg-chronology-date\}\{([^}]*)\}\}", chapter)
    assert dates == [date for date, _term in ORDER]
    assert (
        r"\sphinxlineitem{\DUrole{sg-chronology-date}{29 June 1973}}"
        "\n"
        r"\sphinxAtStartPar"
        "\n"
        "An armoured regiment attacked La Moneda and was put down within hours.\n\n"
        r"\sphinxAtStartPar"
        "\n"
        r"\sphinxstylestrong{Glossary:} {\hyperref[\detokenize{glossary:term-Tanquetazo}]"
        r"{\sphinxtermref{\DUrole{xref}{\DUrole{std}{\DUrole{std-term}{Tanquetazo}}}}}}"
        r"\sgpageref{\detokenize{glossary:term-Tanquetazo}} · "
        r"\sphinxstylestrong{Mentioned in:} "
        r"{\hyperref[\detokenize{b-first::doc}]{\sphinxcrossref{First chapter}}}"
        r"\sgpagerefplain{\detokenize{b-first::doc}}; "
        r"{\hyperref[\detokenize{a-second::doc}]{\sphinxcrossref{Second chapter}}}"
        r"\sgpagerefplain{\detokenize{a-second::doc}}"
    ) in chapter


@pytest.mark.tex
def test_pdf_shows_rows_with_pages(tmp_path: Path) -> None:
    require_tools("xelatex", "latexmk", "pdftotext")
    app = build(copy_root(tmp_path), "latex")
    assert messages(app) == []
    latexmk(app.outdir)
    text = " ".join(pdf_text(Path(app.outdir) / "chronology-test.pdf").split())
    found = re.search(
        r"29 June 1973 An armoured regiment attacked La Moneda and was put down within hours\. "
        r"Glossary: TANQUETAZO \(p\. (\d+)\) · Mentioned in: First chapter, p\. (\d+); "
        r"Second chapter, p\. (\d+)",
        text,
    )
    assert found, text
    glossary, first, second = map(int, found.groups())
    assert first < second < glossary


# -- Bad dates: one error with file and line -------------------------------------------

BAD = [
    (
        "bad-month.yaml",
        "bad-month.yaml:6: ERROR: entry 2 ('Tanquetazo'): date '1973-13-29' is not a date; "
        "write YYYY-MM-DD, YYYY-MM or YYYY [studyguide.glossary_data]",
    ),
    (
        "bad-day.yaml",
        "bad-day.yaml:4: ERROR: entry 1 ('Popular Unity'): date '1973-02-30' is not a date; "
        "write YYYY-MM-DD, YYYY-MM or YYYY [studyguide.glossary_data]",
    ),
    (
        "bad-words.yaml",
        "bad-words.yaml:7: ERROR: entry 2 ('Tanquetazo'): date 'June 1973' is not a date; "
        "write YYYY-MM-DD, YYYY-MM or YYYY [studyguide.glossary_data]",
    ),
    (
        "bad-event.yaml",
        "bad-event.yaml:7: ERROR: entry 1 ('Carlos Prats'): item 2 of field 'events': date "
        "'1973-08-32' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY [studyguide.glossary_data]",
    ),
    (
        "bad-two.yaml",
        "bad-two.yaml:4: ERROR: entry 1 ('Popular Unity'): date must be one date, not a list; "
        "write YYYY-MM-DD, YYYY-MM or YYYY (and 1 more problem after fixing this) "
        "[studyguide.glossary_data]",
    ),
]


@pytest.mark.parametrize(("data", "expected"), BAD, ids=[name for name, _ in BAD])
def test_bad_date_fails_with_one_message(tmp_path: Path, data: str, expected: str) -> None:
    app = build(copy_root(tmp_path), confoverrides={"studyguide_glossary": data})
    assert messages(app) == [expected]  # nothing else, and no traceback
    assert app.statuscode == 1


def test_events_list_adds_rows_in_date_order(tmp_path: Path) -> None:
    """An entry's ``events:`` add rows of their own, sorted with the other dates."""
    srcdir = copy_root(tmp_path)
    data = (srcdir / "glossary.yaml").read_text(encoding="utf-8")
    data = data.replace(
        "    event: Carlos Prats was killed in exile in Buenos Aires.\n",
        "    event: Carlos Prats was killed in exile in Buenos Aires.\n"
        "    events:\n"
        "      - date: 1973-08-23\n"
        "        event: Prats resigned as Minister of Defence.\n"
        "      - date: '1972-11'\n"
        "        event: Prats joined the cabinet.\n",
    )
    (srcdir / "glossary.yaml").write_text(data, encoding="utf-8")
    app = build(srcdir)
    assert messages(app) == []
    found = [
        (date, definition.select_one(".sg-chronology-event").get_text())
        for date, definition in rows(page(app, "chronology"))
        if definition.select_one(".sg-chronology-links a.sg-term").get_text() == "Carlos Prats"
    ]
    assert found == [
        ("November 1972", "Prats joined the cabinet."),
        ("23 August 1973", "Prats resigned as Minister of Defence."),
        ("1974", "Carlos Prats was killed in exile in Buenos Aires."),
    ]
    dates = [date for date, _definition in rows(page(app, "chronology"))]
    assert dates.index("November 1972") == 1  # after October 1972, before 1973
    assert dates.index("23 August 1973") == dates.index("27 July 1973") + 1


# -- Parallel and incremental builds ---------------------------------------------------


def test_parallel_build_equals_serial(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    serial = build(srcdir, builddir=tmp_path / "j1")
    parallel = build(srcdir, builddir=tmp_path / "j2", parallel=2)
    assert messages(serial) == messages(parallel) == []
    for name in ("chronology", "winter"):
        assert (Path(parallel.outdir) / f"{name}.html").read_text() == (
            Path(serial.outdir) / f"{name}.html"
        ).read_text()


def test_chronology_is_written_again_only_when_its_mentions_change(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    assert messages(build(srcdir)) == []
    chapter = srcdir / "b-first.md"
    # A sentence that names no entry: the chronology shows the same.
    assert "chronology" not in written_after_edit(chapter, "\nA sentence naming nothing.\n")
    # The first chapter now mentions the coup: its row gains a link.
    written = written_after_edit(chapter, "\n## Later\n\nThen came the 1973 coup.\n")
    assert {"chronology", "winter", "glossary"} <= set(written)
    html = (srcdir / "_build" / "html" / "chronology.html").read_text(encoding="utf-8")
    coup = row(BeautifulSoup(html, "html.parser"), "1973 coup").select("p.sg-chronology-links a")
    assert [a["href"] for a in coup] == [
        "glossary.html#term-1973-coup",
        "b-first.html",
        "a-second.html",
    ]


def test_new_date_in_the_glossary_reaches_the_chronology(tmp_path: Path) -> None:
    srcdir = copy_root(tmp_path)
    assert messages(build(srcdir)) == []
    data = srcdir / "glossary.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "    definition: Allende's coalition.\n",
            "    definition: Allende's coalition.\n    date: 1969-12\n",
        ),
        encoding="utf-8",
    )
    later = os.stat(data).st_mtime + 5
    os.utime(data, (later, later))
    app = build(srcdir)
    assert messages(app) == []
    first_date, first = rows(page(app, "chronology"))[0]
    assert first_date == "December 1969"
    assert first.select_one("a.sg-term").get_text() == "Popular Unity"
