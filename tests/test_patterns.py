"""Every regular expression of the extension runs in linear time on hostile input.

Each case feeds one pattern, used as the extension uses it (``finditer``,
``search`` with its bounds, ``fullmatch``), the inputs that make a backtracking
pattern slow: long runs of the characters it repeats, its delimiters repeated
with no end, at 100,000 characters.  A pattern that backtracks polynomially
takes seconds to hours there (``\\S+@\\S+\\.\\w+`` on 5,000 ``@`` took 78 s); a
linear one takes milliseconds.  The limit is ten times the slowest time
measured on a loaded machine.

``test_every_pattern_is_timed`` fails when a ``re.compile`` is added to the
extension without a case here.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest
from guidetest import ROOT
from studyguide import checks, mystchecks, numbers, paragraphs, typography
from studyguide.book import MISSING_CHAR, OVERFULL, UNDEFINED, unwrap_log
from studyguide.glossary import autolink, bounds, data, fragments, matcher, output, sources
from studyguide.glossary.matcher import URL, Matcher, address_spans
from studyguide.questions import domain as questions_domain
from studyguide.questions import transforms as questions_transforms
from studyguide.sessions import meeting
from studyguide.video import VIDEO_ID

N = 100_000
#: Ten times the slowest times measured on the shared machine (load 7 on 2
#: cores): a pattern 0.27 s, the matcher's whole scan 0.26 s, first_sentence()
#: 0.41 s.  A quadratic pattern takes minutes at this length (the URL scheme's
#: took 0.06 s on 2,000 characters: 150 s here).
LIMIT = 3.0
SLOW_LIMIT = 4.0


def _run(text: str, pattern: re.Pattern[str], how: str) -> Callable[[], object]:
    if how == "finditer":
        return lambda: list(pattern.finditer(text))
    if how == "search":
        return lambda: pattern.search(text)
    if how == "match":
        return lambda: pattern.match(text)
    return lambda: pattern.fullmatch(text)


def _repeat(unit: str, tail: str = "") -> str:
    return unit * (N // len(unit)) + tail


MATCHER = Matcher([("MIR", "MIR"), ("Popular Unity", "Popular Unity")])

#: (name, pattern or None, the call to time).  The pattern names what is covered.
CASES: list[tuple[str, re.Pattern[str] | None, Callable[[], object]]] = [
    # The auto-linker's matcher, on whole paragraphs (the reported attack first).
    ("matcher: MIR and @", None, lambda: MATCHER.find("The MIR wrote " + _repeat("@"))),
    ("matcher: x@", None, lambda: MATCHER.find("MIR " + _repeat("x@"))),
    ("matcher: @.", None, lambda: MATCHER.find("MIR " + _repeat("@."))),
    ("matcher: a@a.", None, lambda: MATCHER.find("MIR " + _repeat("a@a."))),
    ("matcher: a.a/", None, lambda: MATCHER.find("MIR " + _repeat("a.", "/"))),
    ("matcher: MIR words", None, lambda: MATCHER.find(_repeat("MIR "))),
    ("URL: a.a", URL, _run(_repeat("a.", "/"), URL, "finditer")),
    ("URL: a+", URL, _run(_repeat("a+", "/"), URL, "finditer")),
    ("URL: http:/", URL, _run(_repeat("http:/"), URL, "finditer")),
    ("addresses: @", None, lambda: address_spans(_repeat("@"))),
    ("addresses: @.", None, lambda: address_spans(_repeat("a@."))),
    ("addresses: .", None, lambda: address_spans("a@" + _repeat("."))),
    ("_WORD_RUN", matcher._WORD_RUN, _run(_repeat("a "), matcher._WORD_RUN, "finditer")),
    ("_WORD_CHARS", matcher._WORD_CHARS, _run(_repeat("a"), matcher._WORD_CHARS, "match")),
    ("TOKEN", matcher.TOKEN, _run(_repeat("a-"), matcher.TOKEN, "finditer")),
    ("SPLIT", matcher.SPLIT, lambda: matcher.SPLIT.split(_repeat("a -"))),
    # Dates in the auto-linker: searched between two matches.
    ("_MONTH", autolink._MONTH, lambda: autolink._MONTH.match(_repeat("Septembe"), 0)),
    (
        "_DAY_BEFORE: spaces",
        autolink._DAY_BEFORE,
        lambda: autolink._DAY_BEFORE.search("1" + _repeat(" ", "x"), 0, N),
    ),
    (
        "_DAY_BEFORE: days",
        autolink._DAY_BEFORE,
        lambda: autolink._DAY_BEFORE.search(_repeat("11th  "), 0, N - 1),
    ),
    ("date_start", None, lambda: autolink.date_start(_repeat("1 ", "September"), 0, N)),
    # Glossary data.
    ("ISO_DATE", data.ISO_DATE, _run(_repeat("1"), data.ISO_DATE, "fullmatch")),
    ("_SENTENCE_END", data._SENTENCE_END, _run(_repeat(". "), data._SENTENCE_END, "finditer")),
    (
        "_SENTENCE_END: spaces",
        data._SENTENCE_END,
        _run("." + _repeat(" ", "a"), data._SENTENCE_END, "finditer"),
    ),
    ("first_sentence", None, lambda: data.first_sentence(_repeat("J. ") + ". End.")),
    (
        "_ABBREVIATION",
        data._ABBREVIATION,
        _run(_repeat("A.", "x"), data._ABBREVIATION, "fullmatch"),
    ),
    (
        "_NON_PRINTABLE",
        bounds._NON_PRINTABLE,
        _run(_repeat("a\x00"), bounds._NON_PRINTABLE, "finditer"),
    ),
    ("_NUMBER", bounds._NUMBER, _run(_repeat("1.", "e1x"), bounds._NUMBER, "fullmatch")),
    ("_NUMBER: e", bounds._NUMBER, _run("1e" + _repeat("1", "x"), bounds._NUMBER, "fullmatch")),
    # Numbers from user input.
    ("_WHOLE", numbers._WHOLE, _run(_repeat("1"), numbers._WHOLE, "fullmatch")),
    ("_DECIMAL", numbers._DECIMAL, _run(_repeat("1.1"), numbers._DECIMAL, "fullmatch")),
    # Sources: citations' URLs and italics.
    ("_URL", sources._URL, _run(_repeat("http://a "), sources._URL, "finditer")),
    ("_URL: long", sources._URL, _run("http://" + _repeat("a"), sources._URL, "finditer")),
    ("_ITALICS", sources._ITALICS, _run("*" + _repeat("a"), sources._ITALICS, "finditer")),
    (
        "_ITALICS: runs",
        sources._ITALICS,
        _run(_repeat("*a" + "b" * 400 + " "), sources._ITALICS, "finditer"),
    ),
    ("_ITALICS: stars", sources._ITALICS, _run(_repeat("*a"), sources._ITALICS, "finditer")),
    # Output: the glossary's HTML fragments, page references.
    ("_BOUNDARY", fragments._BOUNDARY, _run(_repeat("<dt"), fragments._BOUNDARY, "finditer")),
    (
        "_BOUNDARY: attr",
        fragments._BOUNDARY,
        _run(_repeat("<dt a"), fragments._BOUNDARY, "finditer"),
    ),
    ("_SIGNATURE", fragments._SIGNATURE, _run(_repeat("a"), fragments._SIGNATURE, "fullmatch")),
    ("_ID", fragments._ID, _run(_repeat(' id="'), fragments._ID, "search")),
    ("_ID: open", fragments._ID, _run(' id="' + _repeat("a"), fragments._ID, "search")),
    ("_PHRASE_END", output._PHRASE_END, _run(_repeat("’"), output._PHRASE_END, "match")),
    # Source checks and front matter.
    ("COMMENT", mystchecks.COMMENT, _run(_repeat("<!-- -->"), mystchecks.COMMENT, "fullmatch")),
    (
        "COMMENT: open",
        mystchecks.COMMENT,
        _run("<!--" + _repeat("-"), mystchecks.COMMENT, "fullmatch"),
    ),
    (
        "COMMENT: spaces",
        mystchecks.COMMENT,
        _run(_repeat(" ", "x"), mystchecks.COMMENT, "fullmatch"),
    ),
    ("PART", checks.PART, _run(_repeat("a"), checks.PART, "fullmatch")),
    # Meetings: a run sheet's start time.
    ("CLOCK", meeting.CLOCK, _run(_repeat("1"), meeting.CLOCK, "fullmatch")),
    ("CLOCK: colons", meeting.CLOCK, _run(_repeat("1:"), meeting.CLOCK, "fullmatch")),
    # Typography.
    (
        "NUMBER_RANGE",
        typography.NUMBER_RANGE,
        lambda: typography.number_ranges(_repeat("1-")),
    ),
    (
        "NUMBER_RANGE: digits",
        typography.NUMBER_RANGE,
        lambda: typography.number_ranges(_repeat("1") + "-" + _repeat("1", "-")),
    ),
    (
        "_UNEDUCATED",
        typography._UNEDUCATED,
        _run(_repeat("-."), typography._UNEDUCATED, "finditer"),
    ),
    # The LaTeX log checks of make pdf.
    ("OVERFULL", OVERFULL, _run("Overfull \\hbox (" + _repeat("1."), OVERFULL, "finditer")),
    ("UNDEFINED", UNDEFINED, _run(unwrap_log(_repeat("Reference `")), UNDEFINED, "finditer")),
    (
        "UNDEFINED: label",
        UNDEFINED,
        _run("Reference `" + _repeat("a' on page 1 "), UNDEFINED, "finditer"),
    ),
    (
        "MISSING_CHAR",
        MISSING_CHAR,
        _run(
            _repeat("Missing character: There is no x (U+0041) in font "),
            MISSING_CHAR,
            "finditer",
        ),
    ),
    # A facilitator note's lead-in ("Ask first:"), matched at a paragraph's start.
    (
        "NOTE_LABEL",
        questions_transforms.NOTE_LABEL,
        _run(_repeat("Aaaa aaaa "), questions_transforms.NOTE_LABEL, "match"),
    ),
    (
        "NOTE_LABEL: words",
        questions_transforms.NOTE_LABEL,
        _run("A" + _repeat("a"), questions_transforms.NOTE_LABEL, "match"),
    ),
    # Paragraph citations, ids and video ids.
    ("CITATION", paragraphs.CITATION, _run(_repeat("1", "x"), paragraphs.CITATION, "fullmatch")),
    (
        "CITATION: #",
        paragraphs.CITATION,
        _run(_repeat("1#", "x"), paragraphs.CITATION, "fullmatch"),
    ),
    (
        "SERIAL_ID",
        questions_domain.SERIAL_ID,
        lambda: questions_domain.SERIAL_ID.sub("index", _repeat("index-1")),
    ),
    ("VIDEO_ID", VIDEO_ID, _run(_repeat("a"), VIDEO_ID, "fullmatch")),
]


@pytest.mark.parametrize(("name", "call"), [(name, call) for name, _p, call in CASES])
def test_pattern_is_linear(name: str, call: Callable[[], object]) -> None:
    """The worst input of the pattern, at 100,000 characters, within the limit."""
    call()  # warm up (compiled pattern caches, lazily built tables)
    start = time.perf_counter()
    call()
    elapsed = time.perf_counter() - start
    limit = SLOW_LIMIT if name.startswith(("matcher", "first_sentence")) else LIMIT
    assert elapsed < limit, f"{name}: {elapsed:.2f} s on {N:,} characters (limit {limit} s)"


def test_every_pattern_is_timed() -> None:
    """Each module-level ``re.compile`` of the extension has a case above."""
    timed = {id(pattern) for _name, pattern, _call in CASES if pattern is not None}
    timed_names = {name.split(":")[0] for name, _p, _c in CASES}
    missing = []
    source_root = ROOT / "extensions" / "studyguide"
    for path in sorted(source_root.rglob("*.py")):
        for found in re.finditer(r"^(\w+) = re\.compile\(", path.read_text(), re.MULTILINE):
            if found[1] not in timed_names:
                missing.append(f"{path.relative_to(source_root)}: {found[1]}")
    assert not missing, f"patterns without a timing case: {missing}"
    assert len(timed) >= 20


#: The e-mail pattern that ``address_spans`` replaces (fine on short texts).
OLD_ADDRESS = re.compile(r"\S+@\S+\.\w+", re.IGNORECASE)


def test_address_spans_equal_the_old_pattern() -> None:
    """On random short texts, the linear scan finds what ``\\S+@\\S+\\.\\w+`` found."""
    rng = random.Random(24)
    alphabet = "a@.-_ x1é/"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        expected = [m.span() for m in OLD_ADDRESS.finditer(text)]
        assert address_spans(text) == expected, text


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Write to mir@example.org or the MIR.", ["MIR"]),
        ("The MIR@example.org list.", []),
        ("See https://example.org/MIR and the MIR.", ["MIR"]),
        ("See www.MIR.cl and MIR.", ["MIR"]),
        ("The MIR wrote " + "@" * 5000, ["MIR"]),
    ],
)
def test_urls_and_addresses_are_not_linked(text: str, linked: list[str]) -> None:
    """Names inside web and e-mail addresses stay plain; others link."""
    assert [text[m.start : m.end] for m in MATCHER.find(text)] == linked


#: Patterns the extension passes as strings: each with its worst input and its use.
INLINE = {
    r"\s+": (_repeat(" x"), "finditer"),  # whitespace collapsed (re.sub)
    r"{re.escape(key)}\s*:(.*)": ("part" + _repeat(" "), "match"),  # a front-matter key
    r"[,\s]+": (_repeat(", x"), "finditer"),  # a plan's :keep: labels
    r"[^a-z0-9]+": (_repeat("é-"), "finditer"),  # the quickstart's file names
    r"[0-9]{1,2}": (_repeat("1"), "fullmatch"),  # the quickstart's number of parts
}


def test_inline_patterns_are_linear() -> None:
    """Patterns written inline (``re.sub(r"...")``) are timed too, and listed."""
    source_root = ROOT / "extensions" / "studyguide"
    inline = re.compile(
        r"\bre\.(?:search|match|fullmatch|finditer|findall|sub|split)\(\s*r?f?r?\"([^\"]*)\""
    )
    found = {
        m[1]
        for path in sorted(source_root.rglob("*.py"))
        for m in inline.finditer(path.read_text())
    }
    assert found == set(INLINE), f"inline patterns: {found}; timed: {set(INLINE)}"
    for pattern, (text, how) in INLINE.items():
        call = _run(text, re.compile(pattern.replace("{re.escape(key)}", "part")), how)
        start = time.perf_counter()
        call()
        elapsed = time.perf_counter() - start
        assert elapsed < LIMIT, f"{pattern}: {elapsed:.2f} s on {N:,} characters"
