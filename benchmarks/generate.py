"""Synthetic study guides for the benchmarks: many chapters, many terms, many questions.

``generate(dest, chapters, terms)`` writes two Sphinx projects from the same
random seed:

* ``dest/ext``: the guide as the toolkit builds it: ``glossary.yaml``, a
  glossary page, chapters of prose that mention the terms (the auto-linker
  finds them), six ``discussion-question`` directives a chapter (labels,
  minutes, terms, some with a facilitator note), a page listing all questions.
* ``dest/plain``: the same chapter files, byte for byte, built by plain Sphinx
  (myst-parser and furo only).  A five-line local extension in its ``conf.py``
  registers stand-ins for the question directives that parse their body like
  any other block, so both builds read and render the same prose; the
  glossary page is Sphinx's own ``glossary`` directive with the same
  definitions.

The prose is made of the sentences of the guide's three real reviews,
shuffled, with sentences naming the synthetic terms woven in (plural and
possessive forms included).  Each chapter names about ten terms of its own and
a few shared ones, so every term is used somewhere.

    python benchmarks/generate.py DEST --chapters 10 --terms 100
"""

from __future__ import annotations

import argparse
import random
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = sorted((ROOT / "docs").glob("part-*.md"))
CATEGORIES = ["party", "organisation", "person", "place", "event", "concept"]
QUESTIONS_PER_CHAPTER = 6
#: The sizes of the issue: (chapters, glossary terms).
SIZES = [(10, 100), (50, 500), (200, 2000)]

SYLLABLES = [
    "ta",
    "ren",
    "gol",
    "mi",
    "sa",
    "co",
    "lu",
    "ve",
    "dra",
    "pin",
    "quel",
    "ba",
    "rro",
    "no",
    "tu",
    "cha",
    "lla",
    "mon",
    "ser",
    "vi",
    "ca",
    "ñu",
    "dor",
    "fe",
]
PATTERNS = {
    "party": ["Partido {W}", "{W} Party", "{W} Front", "Movimiento {W}"],
    "organisation": ["Cordón {W}", "{W} Union", "Comando {W}", "{W} Federation"],
    "person": ["{F} {W}"],
    "place": ["{W}", "Plaza {W}", "{W} Valley"],
    "event": ["{W} strike", "{W} massacre", "Battle of {W}"],
    "concept": ["{w} control", "{w} power", "{w} path"],
}
FIRST_NAMES = ["Rosa", "Luis", "Carmen", "Miguel", "Ana", "José", "Elena", "Jorge", "Inés"]
MENTIONS = [
    "The review returns to the {t} at this point.",
    "Several speakers in the debate compared it with the {t}.",
    "Nobody in Bolívar Hall had forgotten the {t}'s role in those months.",
    "Here the film shows supporters of the {t} in the street.",
    "As in other {plural}, the leadership hesitated.",
    "A member of the audience asked what the {t} had done the week before.",
    "The {t}, the film suggests, was not prepared for what followed.",
    "According to the narrator, the {t} had warned about this for months.",
]
QUESTION_STEMS = [
    "What did the {a} expect from the {b}, and why were they disappointed?",
    "How does the film show the {a}? Compare it with the {b}.",
    "Why did the {a} matter so much in these weeks?",
    "Would the events have turned out differently without the {a}?",
    "What does the review say about the {a}'s relation to the {b}?",
    "Which scene with the {a} stays with you, and why?",
]


@dataclass
class Term:
    term: str
    category: str
    definition: str
    aliases: list[str] = field(default_factory=list)
    word: str = ""


def review_sentences() -> list[str]:
    """The sentences of the three real reviews, without markup that could misparse."""
    sentences: list[str] = []
    for path in REVIEWS:
        text = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        # Directive fences and option lines are markup, not prose: a fence
        # carried into the generated text would swallow what follows it.
        text = re.sub(r"^[ \t]*(?::{3,}|~{3,}|:\w[\w-]*:).*$", "", text, flags=re.M)
        for block in re.split(r"\n\s*\n", text):
            block = block.strip()
            if not block or block.startswith(("#", ">", "{", ":", "-", "*", "|")):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(block.split())):
                if 40 <= len(sentence) <= 400 and not re.search(r"[\[\]{}`<>*_\\|]", sentence):
                    sentences.append(sentence)
    return sentences


def plural(name: str) -> str:
    """The English plural a writer would use: "Parties", "strikes"; "Miristas" stays."""
    if name.endswith("s"):
        return name
    if name.endswith("y") and name[-2:-1] not in tuple("aeiou"):
        return name[:-1] + "ies"
    return name + "s"


def make_terms(count: int, rng: random.Random) -> list[Term]:
    """``count`` distinct, invented names, one in twenty an all-capitals abbreviation."""
    words: set[str] = set()
    acronyms: set[str] = set()
    terms: list[Term] = []
    while len(terms) < count:
        category = CATEGORIES[len(terms) % len(CATEGORIES)]
        word = ""
        if len(terms) % 20 == 7:
            name = "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(4))
            if name in acronyms:
                continue
            acronyms.add(name)
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((3, 4))))
            if word in words:
                continue
            words.add(word)
            name = rng.choice(PATTERNS[category]).format(
                W=word.capitalize(), w=word, F=rng.choice(FIRST_NAMES)
            )
        terms.append(Term(name, category, "", word=word))
    for i, term in enumerate(terms):
        other = terms[(i * 7 + 3) % len(terms)].term
        term.definition = (
            f"The {term.term} is one of the names the guide explains. "
            f"It appears in the chapters next to the {other}, and the film shows it "
            f"more than once. Groups that meet to discuss it should look at both."
        )
        if term.word and term.category in ("party", "organisation") and i % 3 == 0:
            # A Spanish-style name of the members, as "Miristas" for the MIR.
            term.aliases = [f"{term.word.capitalize()}istas"]
    return terms


def chapter_text(
    number: int,
    own: list[Term],
    shared: list[Term],
    sentences: list[str],
    rng: random.Random,
    labels: list[str],
    hand: list[str] | None = None,
) -> str:
    """A chapter: a title, ten paragraphs of prose, six questions.

    With ``hand``, the hand-written equivalent goes there, line by line: the
    first mention of each entry per section a ``{term}`` role, each question
    an ``{admonition}`` with a "Terms:" line of ``{term}`` roles (the same
    random choices: the prose is the same).
    """
    terms = [t.term for t in own] + [t.term for t in shared]
    names = terms + [alias for t in own for alias in t.aliases]
    entry_of = {t.term: t.term for t in own + shared}
    entry_of.update({alias: t.term for t in own for alias in t.aliases})
    lines = [f"# Chapter {number}: {own[0].term} and the {own[-1].term}", ""]
    hand_lines = list(lines)
    linked: set[str] = set()  # entries linked in the current section (hand-written)
    for paragraph in range(10):
        chosen = rng.sample(sentences, 5)
        marked = list(chosen)
        for k in range(2):
            name = names[(paragraph * 2 + k) % len(names)]
            template = rng.choice(MENTIONS)
            mention = template.format(t=name, plural=plural(name))
            position = rng.randrange(len(chosen) + 1)
            chosen.insert(position, mention)
            if entry_of[name] in linked:
                marked.insert(position, mention)
            else:
                linked.add(entry_of[name])
                form = plural(name)
                role = f"{{term}}`{form} <{name}>`" if form != name else f"{{term}}`{name}`"
                marked.insert(position, template.format(t=f"{{term}}`{name}`", plural=role))
        lines += [textwrap.fill(" ".join(chosen), 100), ""]
        # One line a paragraph: a wrapped line could split a role.
        hand_lines += [" ".join(marked), ""]
        if paragraph == 4:
            lines += ["## The debate after the screening", ""]
            hand_lines += ["## The debate after the screening", ""]
            linked = set()
    lines += ["## Questions for discussion", ""]
    hand_lines += ["## Questions for discussion", ""]
    for q in range(QUESTIONS_PER_CHAPTER):
        a, b = rng.sample(terms, 2)
        label = f"q-{number}-{q + 1}"
        labels.append(label)
        minutes = 5 + 5 * (q % 3)
        stem = rng.choice(QUESTION_STEMS).format(a=a, b=b)
        lines += [
            "::::{discussion-question}",
            f":label: {label}",
            f":minutes: {minutes}",
            f":terms: {a}, {b}",
            "",
            stem,
            "",
        ]
        hand_lines += [
            f"({label})=",
            *hand_question(f"Question {number}.{q + 1}", minutes, stem, a, b),
        ]
        if q % 2 == 0:
            # The participant edition leaves the note out; so does the hand-written page.
            lines += [":::{facilitator-note}", rng.choice(sentences), ":::"]
        lines += ["::::", ""]
    if hand is not None:
        hand.extend(hand_lines)
    return "\n".join(lines)


def hand_question(title: str, minutes: int, stem: str, a: str, b: str) -> list[str]:
    """A question as an author writes it without the extension: an admonition."""
    return [
        f":::{{admonition}} {title} · {minutes} minutes",
        ":class: sg-question",
        "",
        stem,
        "",
        f"**Terms:** {{term}}`{a}`, {{term}}`{b}`",
        ":::",
        "",
    ]


CONF_COMMON = """\
project = "Synthetic guide"
author = "Benchmark"
root_doc = "index"
language = "en"
exclude_patterns = ["_build"]
nitpicky = True
smartquotes = True
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3
html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
latex_engine = "xelatex"
"""

CONF_EXT = (
    CONF_COMMON
    + """
extensions = ["myst_parser", "studyguide"]
studyguide_glossary = "glossary.yaml"
studyguide_autolink = "first"
"""
)

# Stand-ins for the extension's directives: the body is parsed like any block
# (a facilitator note is dropped, as in the participant edition), lists are empty.
CONF_PLAIN = (
    CONF_COMMON
    + """
extensions = ["myst_parser"]

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class _Block(SphinxDirective):
    has_content = True
    option_spec = {"label": str, "minutes": str, "terms": str}

    def run(self):
        return [nodes.container("", *self.parse_content_to_nodes())]


class _Nothing(SphinxDirective):
    has_content = True
    option_spec = {"chapter": str}

    def run(self):
        return []


def setup(app):
    app.add_directive("discussion-question", _Block)
    for name in ("facilitator-note", "discussion-questions", "session-plan"):
        app.add_directive(name, _Nothing)
"""
)

# What an author writes without the extension: Sphinx's own glossary, {term}
# roles, admonitions; no local code.
CONF_HAND = (
    CONF_COMMON
    + """
extensions = ["myst_parser"]
"""
)

#: The glossary page of the extension's guide (the entries come from glossary.yaml).
GLOSSARY_PAGE_EXT = "# Glossary\n\n```{studyguide-glossary}\n```\n"


def glossary_page_plain(terms: list[Term]) -> str:
    """Sphinx's own glossary with the same entries, grouped like the extension's page."""
    lines = ["# Glossary", ""]
    for category in CATEGORIES:
        entries = sorted((t for t in terms if t.category == category), key=lambda t: t.term)
        lines += [f"## {category.capitalize()}", "", "```{glossary}"]
        for term in entries:
            lines += [term.term, *term.aliases, f"  {term.definition}", ""]
        lines += ["```", ""]
    return "\n".join(lines)


def index_page(chapters: int) -> str:
    toc = "\n".join(f"chapter-{n:03d}" for n in range(1, chapters + 1))
    return (
        "# Synthetic guide\n\nA generated study guide for the benchmarks.\n\n"
        f"```{{toctree}}\n:maxdepth: 2\n:caption: Chapters\n\n{toc}\n```\n\n"
        "```{toctree}\n:caption: Reference\n\nglossary\nquestions\n```\n"
    )


def hand_questions_page(chapters: dict[str, list[tuple[str, str]]]) -> str:
    """The page of all questions, written by hand: every question again, by chapter."""
    lines = ["# All questions", ""]
    for docname, questions in chapters.items():
        # A colon fence: a backtick fence's info string cannot hold a backtick.
        lines += [f":::{{rubric}} {{doc}}`{docname}`", ":::", ""]
        for label, block in questions:
            head, *rest = block.splitlines()
            title = head.split("} ", 1)[1]
            number, _, minutes = title.partition(" · ")
            lines += [f":::{{admonition}} {{ref}}`{number} <{label}>` · {minutes}", *rest, ""]
    return "\n".join(lines)


def generate(dest: Path, chapters: int, terms: int, seed: int = 1973) -> dict[str, Path]:
    """Write the ``ext``, ``plain`` and ``hand`` projects under ``dest``; return their
    directories."""
    rng = random.Random(seed)
    sentences = review_sentences()
    entries = make_terms(terms, rng)
    shared = entries[:5]
    per_chapter = max(1, len(entries) // chapters)
    labels: list[str] = []
    texts = {}
    hand_texts = {}
    for n in range(1, chapters + 1):
        own = entries[(n - 1) * per_chapter : n * per_chapter] or entries[-per_chapter:]
        if n == chapters:
            own = entries[(n - 1) * per_chapter :]
        hand: list[str] = []
        name = f"chapter-{n:03d}.md"
        texts[name] = chapter_text(n, own, shared, sentences, rng, labels, hand)
        hand_texts[name] = "\n".join(hand)
    questions = "# All questions\n\n```{discussion-questions}\n```\n"
    dirs = {"ext": dest / "ext", "plain": dest / "plain", "hand": dest / "hand"}
    for variant, srcdir in dirs.items():
        srcdir.mkdir(parents=True, exist_ok=True)
        for name, text in (hand_texts if variant == "hand" else texts).items():
            (srcdir / name).write_text(text, encoding="utf-8")
        (srcdir / "index.md").write_text(index_page(chapters), encoding="utf-8")
        (srcdir / "questions.md").write_text(questions, encoding="utf-8")
    data = {
        "terms": [
            {
                "term": t.term,
                "definition": t.definition,
                "category": t.category,
                **({"aliases": t.aliases} if t.aliases else {}),
            }
            for t in entries
        ]
    }
    ext, plain, hand_dir = dirs["ext"], dirs["plain"], dirs["hand"]
    (ext / "glossary.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    (ext / "glossary.md").write_text(GLOSSARY_PAGE_EXT, encoding="utf-8")
    (ext / "conf.py").write_text(CONF_EXT, encoding="utf-8")
    for srcdir in (plain, hand_dir):
        (srcdir / "glossary.md").write_text(glossary_page_plain(entries), encoding="utf-8")
    (plain / "conf.py").write_text(CONF_PLAIN, encoding="utf-8")
    (hand_dir / "conf.py").write_text(CONF_HAND, encoding="utf-8")
    by_chapter: dict[str, list[tuple[str, str]]] = {}
    for name, text in hand_texts.items():
        blocks = re.findall(r"^\((q-[\d-]+)\)=\n(:::\{admonition\}.*?\n:::)$", text, re.M | re.S)
        by_chapter[name.removesuffix(".md")] = blocks
    (hand_dir / "questions.md").write_text(hand_questions_page(by_chapter), encoding="utf-8")
    return dirs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("--chapters", type=int, default=10)
    parser.add_argument("--terms", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1973)
    args = parser.parse_args(argv)
    for variant, path in generate(args.dest, args.chapters, args.terms, args.seed).items():
        print(f"{variant}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
