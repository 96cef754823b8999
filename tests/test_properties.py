"""Property tests (hypothesis) of the glossary auto-linker.

Unit level, through the matcher (``studyguide.glossary.matcher.Matcher``):
random prose made of filler words and glossary names in random order, random
term sets.  Matches lie on word boundaries, never overlap, and each one is a
name (or its plural or possessive) of the entry it points to; every name put
into the prose is found, in the right case rule.

Build level, through a small Sphinx project: random prose with names, inline
code, literal blocks, titles and explicit references is auto-linked; the page's
text is the input text word for word, and no link lands inside a literal, a
title or an existing reference.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from guidetest import build as guide_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from studyguide.glossary.matcher import NORMALISE, Matcher, is_case_sensitive, plural_forms

# Filler words share no token with any name, so the expected matches are known.
FILLER = [
    "the",
    "film",
    "shows",
    "a",
    "crowd",
    "in",
    "street",
    "and",
    "then",
    "workers",
    "argued",
    "about",
    "it",
    "while",
    "soldiers",
    "waited",
    "outside",
    "hall",
]
NAME_WORDS = [
    "Tarengol",
    "Misaco",
    "Luvedra",
    "Pinquel",
    "Barrono",
    "Tucha",
    "Llamon",
    "Servica",
    "Ñudorfe",
    "Cordón",
    "Valdés",
    "Unión",
    "Front",
    "Party",
    "Plaza",
]
ACRONYMS = ["QZRX", "MIRX", "PDVX", "JAPQ", "HOVX", "MAPQ-OC"]
PUNCTUATION = [",", ".", ";", ":", "!", "?", ")", "("]

names_strategy = st.lists(
    st.one_of(
        st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=3, unique=True).map(" ".join),
        st.sampled_from(ACRONYMS),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda n: n.casefold(),
)


def disjoint(names: list[str]) -> list[str]:
    """Keep names that share no word with an earlier one (so none hides another)."""
    kept: list[str] = []
    used: set[str] = set()
    for name in names:
        words = {w.casefold() for w in re.findall(r"\w+", name)}
        if words & used:
            continue
        kept.append(name)
        used |= words
    return kept


def variant(name: str, draw: st.DrawFn) -> tuple[str, bool]:
    """A spelling of ``name`` in prose, and whether the auto-linker must link it."""
    form = draw(st.sampled_from(["plain", "plural", "possessive", "upper", "lower"]))
    if form == "plural":
        forms = plural_forms(name)
        return (forms[0], True) if forms else (name, True)
    if form == "possessive":
        return name + draw(st.sampled_from(["'s", "’s"])), True
    if form == "upper":
        return name.upper(), not is_case_sensitive(name) or name.upper() == name
    if form == "lower":
        lowered = name.lower()
        return lowered, not is_case_sensitive(name) or lowered == name
    return name, True


@st.composite
def prose(draw: st.DrawFn) -> tuple[list[str], str, list[tuple[int, int, str]]]:
    """Names, a text, and the spans of the names in it that must be linked."""
    names = disjoint(draw(names_strategy))
    pieces: list[tuple[str, str | None]] = []
    for _ in range(draw(st.integers(1, 25))):
        kind = draw(st.sampled_from(["filler", "filler", "name", "punct"]))
        if kind == "filler":
            pieces.append((draw(st.sampled_from(FILLER)), None))
        elif kind == "punct":
            pieces.append((draw(st.sampled_from(PUNCTUATION)), None))
        else:
            name = draw(st.sampled_from(names))
            spelling, linked = variant(name, draw)
            pieces.append((spelling, name if linked else None))
    text, expected = "", []
    for piece, name in pieces:
        if text and piece not in PUNCTUATION:
            text += " "
        start = len(text)
        text += piece
        if name is not None:
            expected.append((start, len(text), name))
    return names, text, expected


def test_matcher_example() -> None:
    """A fixed case, so the properties below rest on a known behaviour."""
    matcher = Matcher(
        [
            ("MIR", "MIR"),
            ("Popular Unity", "Popular Unity"),
            ("Cordón Cerrillos", "Cordón Cerrillos"),
        ]
    )
    text = "The MIR’s line, popular unity and the cordones; mir and pro-MIR never."
    found = [(text[m.start : m.end], m.target) for m in matcher.find(text)]
    assert found == [("MIR’s", "MIR"), ("popular unity", "Popular Unity")]


@settings(max_examples=50, deadline=None)
@given(prose())
def test_matcher_finds_exactly_the_names(case: tuple[list[str], str, list]) -> None:
    names, text, expected = case
    matcher = Matcher((name, name) for name in names)
    found = [(m.start, m.end, m.target) for m in matcher.find(text)]
    assert found == expected, text


@settings(max_examples=50, deadline=None)
@given(
    names_strategy,
    st.lists(
        st.sampled_from(
            list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáóñÑ -'’.,;()")
            + NAME_WORDS
            + [" ", "-", "s", "es", "'s"]
            + ACRONYMS
            + [w.upper() for w in NAME_WORDS]
        ),
        max_size=60,
    ).map("".join),
)
def test_matches_are_whole_words_and_names(names: list[str], text: str) -> None:
    """Whatever the text: matches in order, apart, on word boundaries, of a known name."""
    matcher = Matcher((name, name) for name in names)
    allowed: dict[str, set[str]] = {}
    for name in names:
        for form in [name, *plural_forms(name)]:
            key = form.translate(NORMALISE)
            allowed.setdefault(name, set()).add(key if is_case_sensitive(name) else key.casefold())
    previous_end = 0
    for match in matcher.find(text):
        assert previous_end <= match.start < match.end <= len(text)
        previous_end = match.end
        if match.start > 0:
            assert not text[match.start - 1].isalnum(), (text, match)
        if match.end < len(text):
            assert not text[match.end].isalnum(), (text, match)
        span = text[match.start : match.end].translate(NORMALISE)
        span = re.sub(r"'s?$", "", span) if span not in allowed[match.target] else span
        span = " ".join(span.split())
        key = span if is_case_sensitive(match.target) else span.casefold()
        assert key in allowed[match.target], (text, match)


# -- Build level -------------------------------------------------------------------

CONF = """\
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence", "smartquotes"]
html_theme = "basic"
studyguide_glossary = "glossary.yaml"
studyguide_autolink = "all"
suppress_warnings = ["studyguide.unused_term"]
"""


def visible(text: str) -> str:
    """Text as a reader compares it: straight quotes, single spaces."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], str, list[tuple[str, str]]]:
    """Names, a Markdown page, and its blocks as (kind, text a reader sees)."""
    names = disjoint(draw(names_strategy))
    lines = ["# Page", "", "```{toctree}", "glossary", "```", ""]
    blocks: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(2, 6))):
        kind = draw(st.sampled_from(["prose", "prose", "heading", "code", "mixed"]))
        text = draw(prose().filter(lambda case: case[1].strip()))[1]
        name = draw(st.sampled_from(names))
        if kind == "prose":
            lines += [text, ""]
            blocks.append(("p", text))
        elif kind == "heading":
            lines += [f"## About {text}", ""]
            blocks.append(("h2", f"About {text}"))
        elif kind == "code":
            lines += ["```", f"{name} {text}", "```", ""]
            blocks.append(("pre", f"{name} {text}"))
        else:
            lines += [f"Before `{name}` and [{name}](https://example.org/) then {text}", ""]
            blocks.append(("mixed", f"Before {name} and {name} then {text}"))
    return names, "\n".join(lines), blocks


def build_page(names: list[str], page: str) -> BeautifulSoup:
    """Build a one-page project with these glossary names (in-process, html)."""
    with tempfile.TemporaryDirectory(prefix="sg-prop-") as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        (src / "conf.py").write_text(CONF, encoding="utf-8")
        (src / "index.md").write_text(page, encoding="utf-8")
        (src / "glossary.md").write_text(
            "# Glossary\n\n```{studyguide-glossary}\n```\n", encoding="utf-8"
        )
        terms = [
            {"term": name, "definition": f"About {name}.", "category": "party"} for name in names
        ]
        (src / "glossary.yaml").write_text(
            yaml.safe_dump({"terms": terms}, allow_unicode=True), encoding="utf-8"
        )
        app = guide_build(src, builddir=Path(tmp) / "build")
        warnings = app.warning.getvalue()
        html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert warnings == "", warnings
    return BeautifulSoup(html, "html.parser")


def test_built_page_example() -> None:
    """A fixed page, so the property below rests on a known behaviour."""
    page = "# Page\n\n```{toctree}\nglossary\n```\n\nThe MIR's men met `MIR` in Plaza Tucha.\n"
    soup = build_page(["MIR", "Plaza Tucha"], page)
    paragraph = soup.select_one("div.body p")
    assert paragraph is not None
    assert [a.get_text() for a in paragraph.select("a.sg-term")] == ["MIR’s", "Plaza Tucha"]
    assert visible(paragraph.get_text()) == "The MIR's men met MIR in Plaza Tucha."


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_built_page_keeps_every_word_and_links_only_prose(
    case: tuple[list[str], str, list[tuple[str, str]]],
) -> None:
    names, page, blocks = case
    soup = build_page(names, page)
    body = soup.select_one("div.body")
    assert body is not None
    matcher = Matcher((name, name) for name in names)
    # The blocks in page order, as the reader sees them.
    shown = body.find_all(["p", "h2", "pre"])
    assert len(shown) == len(blocks), page
    for (kind, expected), element in zip(blocks, shown, strict=True):
        assert element.name == ("p" if kind == "mixed" else kind)
        text = element.get_text().removesuffix("¶")
        assert visible(text) == visible(expected)
        links = element.select("a.sg-term")
        if kind in ("h2", "pre"):
            assert links == [], element
            continue
        for literal in element.select("code, a.reference.external"):
            assert literal.select("a.sg-term") == []
            assert literal.find_parent("a", class_="sg-term") is None
            assert visible(literal.get_text()) in names or literal.name == "a"
        if kind == "prose":
            # Mode "all": exactly the matcher's mentions are links, whole words only.
            wanted = [text[m.start : m.end] for m in matcher.find(text)]
            assert [link.get_text() for link in links] == wanted, (text, page)
