"""Fuzzing (hypothesis): generated and mutated glossaries and chapters never crash a build.

Glossary files and chapters are generated from the guide's grammar (entries
with terms, aliases, categories, see_also; front matter with the guide's keys
and values YAML reads as yes/no, nothing, lists or numbers, paragraphs naming
terms, ``discussion-question`` with its options, facilitator notes, lists of
questions, handouts, session plans with their minutes, ``{para}`` citations,
videos; numbers drawn from odd ones: other scripts' digits, 4,301 digits, 310
nines), then mutated (a hostile character inserted, a
character or line deleted, a line doubled or re-indented).  Each case is the
bad-input corpus's base project with these two files, built in-process with
a time limit, and must end in one of two ways:

* a clean build: no warning, status 0;
* messages, each naming its file and line (``chapter.md:7: WARNING: ...``).

Never a traceback, never a hang, never a changed source file.  The number of
cases built is printed in the terminal summary.  ``FUZZ_EXAMPLES`` sets how
many (default 40, about 15 s).  Locally each run draws new cases; under CI
(``CI`` set) the draw is fixed (hypothesis' ``derandomize``), so that a
submission is not failed by a case unrelated to it; run ``FUZZ_EXAMPLES=300
make test`` locally to search further.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import tempfile
from pathlib import Path
from types import FrameType

import yaml
from guidetest import ROOT, SUMMARY
from guidetest import build as guide_build
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

BASE = ROOT / "tests" / "bad_input" / "_base"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
#: Seconds a build of the small project may take before it counts as a hang.
TIME_LIMIT = 30
CRASH_MARKERS = ("Traceback", "Exception occurred", "Extension error", "full traceback")

WORDS = ["MIR", "Popular Unity", "Cordón", "Salvador Allende", "La Moneda", "CUT", "the left"]
HOSTILE = [
    "\u200b", "\u00ad", "\x07", "\x00", "; ", "&a ", "*a", "[", "]", "{", "}", ":", '"', "'",
    "\n", "  ", "\t", "²", "М", "#", "%", "\\", "`", ":::", "```", "-", "?", "|", "\ufeff",
    "9" * 40, "é", "e\u0301", "<script>", "{term}`", ":minutes: ", "part: ",
]  # fmt: skip
FRONT_MATTER = [
    "part: 2", 'part: "²"', "part: 0", "runtime: 97", "runtime: 1e+30", "runtime: .inf",
    "studyguide_autolink: off", "studyguide_autolink: of",
]  # fmt: skip
#: Numbers as a writer or an attacker types them: ASCII, other scripts' digits,
#: too long for int() or float(), signed, empty.
ODD_NUMBERS = [
    "10", "90", "7.5", "0", "-5", "+5", "1e+30", "nan", "inf", "", " ", "600", "601",
    "²", "①", "٩٠", "１２", "۹", "9" * 310, "1" * 4301, "0x10", "1_000", "10 minutes",
]  # fmt: skip
#: What YAML makes something else of: yes/no values, nothing, lists, mappings.
YAML_VALUES = ["true", "no", "off", "null", "~", "", "[1, 2]", "{a: 1}", '"2"', "'²'", "2.5"]
FRONT_MATTER_KEYS = ["part", "runtime", "title_en", "title_es", "film_year", "studyguide_autolink"]
PLAN_OPTIONS = [
    "meeting", "welcome-minutes", "welcome-together-minutes", "key-terms-minutes",
    "closing-minutes",
]  # fmt: skip
CATEGORIES = ["party", "organisation", "person", "place", "event", "concept", "coalition"]


class Hang(Exception):
    """The build took longer than TIME_LIMIT."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


names = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))
texts = st.one_of(
    st.sampled_from(["A party of the left.", "The coalition of 1970. It won.", ""]),
    st.text(max_size=40),
)
entries = st.fixed_dictionaries(
    {"term": names, "definition": texts},
    optional={
        "aliases": st.lists(names, max_size=3),
        "category": st.sampled_from(CATEGORIES),
        "see_also": st.lists(names, max_size=2),
        "dates": texts,
    },
)
mutations = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete", "double-line", "drop-line", "indent"]),
        st.integers(min_value=0, max_value=10_000),
        st.sampled_from(HOSTILE),
    ),
    max_size=3,
)


def mutate(text: str, changes: list[tuple[str, int, str]]) -> str:
    """Apply the changes, each at a position taken modulo the text's length."""
    for kind, position, piece in changes:
        lines = text.split("\n")
        line = position % len(lines)
        at = position % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete" and text:
            text = text[:at] + text[at + 1 :]
        elif kind == "double-line":
            text = "\n".join([*lines[: line + 1], lines[line], *lines[line + 1 :]])
        elif kind == "drop-line":
            text = "\n".join(lines[:line] + lines[line + 1 :])
        elif kind == "indent":
            text = "\n".join([*lines[:line], "  " + lines[line], *lines[line + 1 :]])
    return text


@st.composite
def glossaries(draw: st.DrawFn) -> str:
    terms = draw(st.lists(entries, min_size=0, max_size=4))
    base = [
        {"term": "MIR", "definition": "The Revolutionary Left Movement.", "category": "party"},
        {"term": "Popular Unity", "definition": "The coalition of 1970.", "category": "party"},
    ]
    text = yaml.safe_dump({"terms": base + terms}, allow_unicode=True, sort_keys=False)
    return mutate(text, draw(mutations))


minutes = st.one_of(
    st.sampled_from(["10", "7.5", "0", "-5", "1e+30", "ten", "", "600", "601", "0.0000001"]),
    st.sampled_from(ODD_NUMBERS),
)
numbers = st.one_of(st.sampled_from(ODD_NUMBERS), st.text(max_size=6))
#: A front-matter line: a key of the guide with a value drawn from what YAML reads.
front_matter_lines = st.one_of(
    st.sampled_from(FRONT_MATTER),
    st.builds(
        "{}: {}".format,
        st.sampled_from(FRONT_MATTER_KEYS),
        st.one_of(st.sampled_from(YAML_VALUES), st.sampled_from(ODD_NUMBERS)),
    ),
)


def one_line(value: str) -> str:
    """An option's value on one line (a line break would end the option block)."""
    return " ".join(value.split())


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(
        st.sampled_from(
            [
                "para", "term", "question", "nested", "list", "handout", "video", "note", "plan",
                "cite",
            ]
        )
    )  # fmt: skip
    word = draw(st.sampled_from(WORDS))
    if kind == "para":
        return f"The {word} and {draw(names)} argued about the legal path."
    if kind == "term":
        return f"See {{term}}`{draw(names)}`."
    if kind == "list":
        return "```{discussion-questions}\n```"
    if kind == "handout":
        lines = draw(st.one_of(st.sampled_from(["3", "30", "31", "2147483647", "x"]), numbers))
        return f"```{{session-handout}} chapter\n:lines: {one_line(lines)}\n```"
    if kind == "plan":
        # Option values only: the plan's body is another fuzz's.
        chosen = draw(st.lists(st.sampled_from(PLAN_OPTIONS), max_size=3, unique=True))
        options = "".join(f":{name}: {one_line(draw(numbers))}\n" for name in chosen)
        return f"```{{session-plan}} chapter\n{options}```"
    if kind == "cite":
        return f"As {{para}}`{draw(numbers)}` says."
    if kind == "video":
        width = draw(st.sampled_from(["100%", "560px", "wide", ""]))
        video = draw(st.sampled_from(["CnTPJ6kmB0s", "CnTPJ6km.0s", "short"]))
        return f"```{{youtube}} {video}\n:width: {width}\n```"
    if kind == "note":
        return ":::{facilitator-note}\nAsk what they saw.\n:::"
    terms = ", ".join(draw(st.lists(names, max_size=3)))
    options = f":minutes: {one_line(draw(minutes))}\n:terms: {terms}\n"
    inner = (
        "\n```{discussion-question}\nInside?\n```\n"
        if kind == "nested"
        else "\n```{facilitator-note}\nA note.\n```\n"
        if draw(st.booleans())
        else ""
    )
    body = draw(st.sampled_from(["Why did the March election surprise the Right?", ""]))
    return f"::::{{discussion-question}}\n{options}\n{body}\n{inner}::::"


@st.composite
def chapters(draw: st.DrawFn) -> str:
    front = draw(st.lists(front_matter_lines, max_size=3, unique=True))
    head = "---\n" + "\n".join(front) + "\n---\n\n" if front else ""
    body = "\n\n".join(draw(st.lists(blocks(), min_size=1, max_size=5)))
    text = f"{head}# A chapter\n\nThe MIR and Popular Unity argued.\n\n{body}\n"
    return mutate(text, draw(mutations))


def hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def build(srcdir: Path, builddir: Path) -> tuple[int, str]:
    """Build in-process within TIME_LIMIT; the status and the warning stream."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
    try:
        app = guide_build(srcdir, builddir=builddir)
        return app.statuscode, app.warning.getvalue()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


CASES = 0


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
    derandomize=bool(os.environ.get("CI")),
    # No shrinking: each step is a build; the failing case is printed as found.
    phases=[Phase.explicit, Phase.generate],
)
@given(glossary=glossaries(), chapter=chapters())
def test_generated_input_builds_or_is_reported(glossary: str, chapter: str) -> None:
    """A clean build, or messages with file and line; no traceback, hang or changed source."""
    global CASES
    CASES += 1
    with tempfile.TemporaryDirectory(prefix="sg-fuzz-") as tmp:
        srcdir = Path(tmp) / "src"
        shutil.copytree(BASE, srcdir)
        (srcdir / "glossary.yaml").write_text(glossary, encoding="utf-8", errors="surrogatepass")
        (srcdir / "chapter.md").write_text(chapter, encoding="utf-8", errors="surrogatepass")
        before = hashes(srcdir)
        try:
            status, output = build(srcdir, Path(tmp) / "build")
        except Hang:
            raise AssertionError(f"no result after {TIME_LIMIT} s") from None
        for marker in CRASH_MARKERS:
            assert marker not in output, output
        output = re.sub(r"\x1b\[[0-9;]*m", "", output)  # colours
        messages = [line for line in output.splitlines() if re.search(r"\b(WARNING|ERROR):", line)]
        located = re.compile(rf"^{re.escape(str(srcdir))}/[\w.-]+:\d+: (WARNING|ERROR): ")
        for message in messages:
            assert located.match(message), f"no file and line: {message}"
        assert status == 0 or messages, output
        assert hashes(srcdir) == before, "the build changed its sources"


def test_fuzz_cases_reported() -> None:
    """Runs after the fuzz test: its count goes into the terminal summary."""
    SUMMARY.append(f"fuzz: {CASES} generated cases built (FUZZ_EXAMPLES={EXAMPLES})")
    assert CASES > 0 or os.environ.get("PYTEST_XDIST_WORKER")
