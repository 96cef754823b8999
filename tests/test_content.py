"""The guide's own content (issue 21): corrections, breadth, chronology, in the built HTML."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from guidetest import sphinx_build

CHAPTERS = ["part-1-insurrection", "part-2-coup", "part-3-peoples-power"]
MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}


def soup_of(guide_html: Path, doc: str) -> BeautifulSoup:
    return BeautifulSoup((guide_html / f"{doc}.html").read_text("utf-8"), "html.parser")


def text_of(guide_html: Path, doc: str) -> str:
    article = soup_of(guide_html, doc).find("article")
    assert isinstance(article, Tag)
    return re.sub(r"\s+", " ", article.get_text(" ")).replace("’", "'")


def entry(guide_html: Path, term_id: str) -> str:
    """The text of a glossary entry's definition, by the id of its term."""
    dt = soup_of(guide_html, "glossary").find("dt", id=f"term-{term_id}")
    assert isinstance(dt, Tag), term_id
    dd = dt.find_next_sibling("dd")
    assert isinstance(dd, Tag)
    return re.sub(r"\s+", " ", dd.get_text(" ")).replace("’", "'")


def chronology_dates(guide_html: Path) -> list[str]:
    chronology = soup_of(guide_html, "chronology").select_one("dl.sg-chronology")
    assert chronology is not None
    return [dt.get_text().strip() for dt in chronology.find_all("dt")]


def start_of(shown: str) -> date:
    """The first day of a chronology date as shown: '4 March 1973', 'June 1972', '1997'."""
    parts = shown.split()
    year = int(parts[-1])
    month = MONTHS[parts[-2]] if len(parts) >= 2 else 1
    day = int(parts[0]) if len(parts) == 3 else 1
    return date(year, month, day)


@pytest.fixture(scope="module")
def facilitator_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's facilitator edition, where the chapters' notes are (a strict build)."""
    outdir = tmp_path_factory.mktemp("content-facilitator") / "html"
    result = sphinx_build("html", outdir, "-t", "facilitator")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


def test_the_notes_say_whose_phrase_the_invisible_blockade_is(facilitator_html: Path) -> None:
    notes = {doc: text_of(facilitator_html, doc) for doc in CHAPTERS}
    for doc, text in notes.items():
        assert "what historians call" not in text, doc
        assert "Allende" in text
        assert '"invisible"' in text.replace("“", '"').replace("”", '"')
    part_1 = notes["part-1-insurrection"]
    assert "at the United Nations on 4 December 1972" in part_1
    assert "Paul Sigmund ( Foreign Affairs , January 1974)" in part_1
    assert "about $8 million from 1970 to 1973" in part_1


def test_the_invisible_blockade_is_allendes_phrase_not_historians(guide_html: Path) -> None:
    for doc in ["glossary", "chronology", *CHAPTERS]:
        assert "what historians call" not in text_of(guide_html, doc), doc
    definition = entry(guide_html, "invisible-blockade")
    assert "Allende's own name, in his speech to the United Nations General Assembly" in definition
    assert "4 December 1972" in definition
    assert "Historians dispute the name: Paul Sigmund" in definition
    # The US side's case: the moratorium, the Paris Club, the compensation.
    assert "moratorium on its foreign debt (November 1971)" in definition
    assert "Paris Club in 1972" in definition
    assert "compensation for the copper mines" in definition


def test_the_corrected_facts(guide_html: Path) -> None:
    assert "kept 49 per cent until July 1971" in entry(guide_html, "El-Teniente")
    assert "51 per cent" in entry(guide_html, "Kennecott")
    coup = entry(guide_html, "Venezuelan-coup-of-April-2002")
    assert "11-14 April 2002" in coup.replace("–", "-")
    assert "14 April" in coup
    assert "Within two days" not in coup
    cia = entry(guide_html, "CIA")
    assert "about $8 million from 1970 to the coup of 1973" in cia
    assert "about $38,500 to Patria y Libertad in 1970 and small sums in 1971" in cia


def test_the_venezuela_entry_is_dated_and_gives_both_sides(guide_html: Path) -> None:
    definition = entry(guide_html, "Bolivarian-Revolution")
    assert "as of January 2026" in definition
    assert "UN Security Council on 5 January" in definition
    assert "law-enforcement operation" in definition  # the US case
    assert "condemned it as a violation of the UN Charter" in definition


def test_violence_on_both_sides_has_entries(guide_html: Path) -> None:
    vop = entry(guide_html, "VOP")
    assert "Edmundo Pérez Zujovic" in vop
    assert "8 June 1971" in entry(guide_html, "Edmundo-Perez-Zujovic")
    assert "robbed banks" in entry(guide_html, "MIR")
    assert "Patria y Libertad" in entry(guide_html, "CIA")


def test_the_glossary_has_at_least_125_entries(guide_html: Path) -> None:
    glossary = soup_of(guide_html, "glossary")
    terms = glossary.select("dt[id^='term-']")
    assert len(terms) >= 125
    ids = {dt["id"] for dt in terms}
    for term_id in [
        "Richard-Nixon",
        "Henry-Kissinger",
        "Track-I-and-Track-II",
        "ITT",
        "Edward-Korry",
        "Nathaniel-Davis",
        "Victor-Jara",
        "Estadio-Nacional",
        "DINA",
        "Manuel-Contreras",
        "Orlando-Letelier",
        "Operation-Condor",
        "Rettig-report",
        "Valech-reports",
        "1980-constitution",
        "1988-plebiscite",
        "Pinochet-s-arrest-in-London",
        "inquiry-into-Allende-s-death",
        "comandos-comunales",
        "Jaime-Guzman",
        "Equipo-Tercer-Ano",
        "Pedro-Chaskel",
        "ICAIC",
    ]:
        assert f"term-{term_id}" in ids, term_id


def test_figures_that_differ_between_sources_say_so(guide_html: Path) -> None:
    rettig = entry(guide_html, "Rettig-report")
    assert "2,279" in rettig
    assert "2,296" in rettig
    assert "differs between sources" in rettig
    valech = entry(guide_html, "Valech-reports")
    assert "27,255" in valech
    assert "28,459" in valech
    assert "38,254" in valech


def test_the_chronology_has_40_rows_in_date_order(guide_html: Path) -> None:
    shown = chronology_dates(guide_html)
    assert len(shown) >= 40
    starts = [start_of(text) for text in shown]
    assert starts == sorted(starts)
    for needed in [
        "18 April 1973",  # the El Teniente strike begins
        "3 July 1973",  # and ends
        "26 July 1973",  # the second truckers' strike
        "30 July 1973",  # the Allende-Aylwin talks
        "16 September 1973",
        "21 September 1976",
        "5 October 1988",
        "16 October 1998",
        "19 July 2011",
    ]:
        assert needed in shown, needed


def test_the_chronology_has_allendes_last_broadcast(guide_html: Path) -> None:
    chronology = soup_of(guide_html, "chronology").select_one("dl.sg-chronology")
    assert chronology is not None
    events = []
    for dt in chronology.find_all("dt"):
        if dt.get_text().strip() == "11 September 1973":
            dd = dt.find_next_sibling("dd")
            assert isinstance(dd, Tag)
            events.append(dd.get_text(" "))
    assert any("Radio Magallanes" in event for event in events)


@pytest.mark.parametrize("doc", CHAPTERS)
def test_new_names_do_not_link_common_words_in_the_reviews(guide_html: Path, doc: str) -> None:
    """An alias such as 'Chile' (a YAML list split at a comma) would link every mention."""
    for link in soup_of(guide_html, doc).select("a.sg-term"):
        assert link.get_text().strip() not in {"Chile", "Track", "Davis", "Club"}, link


def test_every_entry_of_the_chronology_shows_its_sources(guide_html: Path) -> None:
    """Each dated entry, linked from a chronology row, has the sources box under it."""
    chronology = soup_of(guide_html, "chronology")
    links = chronology.select("dl.sg-chronology p.sg-chronology-links a.sg-term")
    term_ids = list(dict.fromkeys(str(link["href"]).split("#")[1] for link in links))
    assert len(term_ids) >= 35
    glossary = soup_of(guide_html, "glossary")
    unsourced = []
    for term_id in term_ids:
        dt = glossary.find("dt", id=term_id)
        assert isinstance(dt, Tag), term_id
        dd = dt.find_next_sibling("dd")
        assert isinstance(dd, Tag)
        if not dd.select(".sg-sources .sg-citation"):
            unsourced.append(term_id)
    assert unsourced == []
