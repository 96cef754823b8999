"""Sources: the glossary's ``sources:`` (schema, loader), in HTML and LaTeX, the Sources page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from studyguide.glossary.data import (
    MAX_CITATION,
    MAX_SOURCES,
    SCHEMA_PATH,
    GlossaryDataError,
    load_glossary,
)

ROOT = Path(__file__).parent / "roots" / "test-sources"

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
