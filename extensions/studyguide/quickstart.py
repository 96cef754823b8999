"""A new study guide in one command: ``python -m studyguide new DIR``.

It writes a small project that builds at once, strictly (``-n -W``), as a web
site, as the facilitator edition and as a PDF: ``conf.py``, a ``Makefile``,
``glossary.yaml`` with two entries, one chapter per part (each with a
discussion question and a facilitator note), the glossary page, the list of
questions, a session plan per part and the handout of the first session.
The flags (``--title``, ``--author``, ``--kind``, ``--language``, ``--parts``)
answer the questions it otherwise asks when run in a terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from studyguide.config import WORK_KINDS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

LANGUAGES = ("en", "es")
MAX_PARTS = 12


class Answers(NamedTuple):
    """What the new guide is about."""

    title: str
    author: str
    kind: str
    language: str
    parts: int


def slug(text: str) -> str:
    """A file name from a title: ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40] or "guide"


# -- The files ---------------------------------------------------------------------

CONF = '''"""Sphinx configuration of the study guide {title!r} (made by studyguide quickstart)."""

project = {title!r}
author = {author!r}
copyright = {copyright!r}
version = release = "0.1"
language = {language!r}

extensions = [
    "myst_parser",
    "studyguide",
    # Warns about a code fence left open in Markdown (it would swallow the page).
    "studyguide.mystchecks",
]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True

# The extension (the settings are documented in the extension's reference).
studyguide_work_kind = {kind!r}  # "film", "book" or "other": the session plans' words
studyguide_glossary = "glossary.yaml"

html_theme = "alabaster"
# The participant edition publishes no source: a page's source holds the notes.
html_copy_source = False

# xelatex: Unicode text as written (any accent, any script its fonts hold).
latex_engine = "xelatex"
latex_documents = [
    ("index", "{slug}.tex", project, author, "manual", False),
    ("handout", "{slug}-session-1.tex", "Session 1", author, "howto", False),
]
epub_basename = "{slug}"
'''

MAKEFILE = """# The study guide's build (made by studyguide quickstart).  Every build is
# strict: a warning fails it.
PYTHON   ?= python3
SPHINX   := $(PYTHON) -m sphinx
STRICT   := -n -W --keep-going
BUILDDIR ?= _build

.PHONY: html facilitator pdf clean

# The participant edition, for the group.
html:
\t$(SPHINX) -b html $(STRICT) . $(BUILDDIR)/html

# The facilitator edition: the same pages with the facilitator notes.
facilitator:
\t$(SPHINX) -b html $(STRICT) -t facilitator -d $(BUILDDIR)/doctrees-facilitator \\
\t  . $(BUILDDIR)/facilitator/html

# The guide and the first session's handout as PDF (needs TeX Live and latexmk).
pdf:
\t$(SPHINX) -M latexpdf . $(BUILDDIR) $(STRICT)

clean:
\trm -rf $(BUILDDIR)
"""

GLOSSARY = """# The glossary: one entry per term.  Each mention of a term in the chapters
# links to its entry; {{term}}`Name` links one by hand.
terms:
  - term: {first}
    definition: {first_definition}
    category: {first_category}
  - term: {second}
    definition: {second_definition}
    category: idea
"""

WORDS = {
    "film": ("film", "scene", "Protagonist", "The person the film follows."),
    "book": ("book", "chapter", "Narrator", "The voice that tells the story."),
    "other": ("work", "passage", "Author", "The person who made the work."),
}

INDEX = """# {title}

A study guide by {author}.

```{{toctree}}
:maxdepth: 1

{chapters}
glossary
questions
sessions
```
"""

CHAPTER = """---
part: {part}
runtime: 45
---

# Part {part}

Write here what the group should know about part {part} of the {thing}: what
happens, who speaks, and the {theme} it turns on.  The {person} is linked to
the glossary wherever the text names them.

## Questions for discussion

::::{{discussion-question}}
:label: q-part-{part}
:minutes: 20
:terms: {person}

Which {moment} of part {part} stays with you, and why?

:::{{facilitator-note}}
Only the facilitator edition shows this note: ask each member for one
{moment} before the discussion opens.
:::
::::
"""

GLOSSARY_PAGE = """# Glossary

```{studyguide-glossary}
```
"""

QUESTIONS = """# All questions

```{discussion-questions}
```
"""

SESSIONS = """# Sessions

{plans}
"""

PLAN = """## Session {part}

```{{session-plan}} part-{part}
```
"""

HANDOUT = """---
orphan: true
---

```{session-handout} part-1
```
"""


def project_files(answers: Answers) -> dict[str, str]:
    """The new project's files, by name."""
    thing, moment, person, definition = WORDS[answers.kind]
    name = slug(answers.title)
    chapters = {
        f"part-{part}.md": CHAPTER.format(
            part=part, thing=thing, theme="idea", person=person, moment=moment
        )
        for part in range(1, answers.parts + 1)
    }
    return {
        "conf.py": CONF.format(
            title=answers.title,
            author=answers.author,
            copyright=answers.author,
            language=answers.language,
            kind=answers.kind,
            slug=name,
        ),
        "Makefile": MAKEFILE,
        "glossary.yaml": GLOSSARY.format(
            first=person,
            first_definition=definition,
            first_category="person",
            second="Idea",
            second_definition="What a part turns on; the questions come back to it.",
        ),
        "index.md": INDEX.format(
            title=answers.title,
            author=answers.author,
            chapters="\n".join(f"part-{part}" for part in range(1, answers.parts + 1)),
        ),
        **chapters,
        "glossary.md": GLOSSARY_PAGE,
        "questions.md": QUESTIONS,
        "sessions.md": SESSIONS.format(
            plans="\n".join(PLAN.format(part=part) for part in range(1, answers.parts + 1))
        ),
        "handout.md": HANDOUT,
    }


def write_project(directory: Path, answers: Answers) -> list[Path]:
    """Write the project into *directory* (new, or empty); return the files written."""
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} is not empty; give a new or empty folder")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in project_files(answers).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# -- The command -------------------------------------------------------------------


def _parts(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,2}", text.strip()) or not 1 <= int(text) <= MAX_PARTS:
        raise argparse.ArgumentTypeError(f"give a number of parts from 1 to {MAX_PARTS}")
    return int(text)


def _title(text: str) -> str:
    text = " ".join(text.split())
    if not text or len(text) > 200:
        raise argparse.ArgumentTypeError("give a title of 1 to 200 characters")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``new`` command's arguments."""
    parser.add_argument("directory", type=Path, help="the new guide's folder (new or empty)")
    parser.add_argument("--title", type=_title, help="the guide's title")
    parser.add_argument("--author", type=_title, help="who writes the guide")
    parser.add_argument(
        "--kind", choices=WORK_KINDS, help="what the group studies: film, book or other"
    )
    parser.add_argument("--language", choices=LANGUAGES, help="the guide's language")
    parser.add_argument("--parts", type=_parts, help=f"how many parts (1 to {MAX_PARTS})")


def ask(args: argparse.Namespace, interactive: bool, read: Callable[[str], str] = input) -> Answers:
    """The answers: from the flags, else asked (in a terminal), else the defaults."""
    defaults = {
        "title": "A study guide",
        "author": "The guide's authors",
        "kind": "book",
        "language": "en",
        "parts": "1",
    }
    checks: dict[str, Callable[[str], object]] = {
        "title": _title,
        "author": _title,
        "kind": lambda text: _choice(text, WORK_KINDS),
        "language": lambda text: _choice(text, LANGUAGES),
        "parts": _parts,
    }
    questions = {
        "title": "Title of the guide",
        "author": "Author",
        "kind": "Kind of work studied (film, book, other)",
        "language": "Language (en, es)",
        "parts": f"Number of parts (1 to {MAX_PARTS})",
    }
    values: dict[str, object] = {}
    for key, default in defaults.items():
        given = getattr(args, key)
        if given is not None:
            values[key] = given
            continue
        if not interactive:
            values[key] = checks[key](default)
            continue
        while True:
            text = read(f"{questions[key]} [{default}]: ").strip() or default
            try:
                values[key] = checks[key](text)
                break
            except argparse.ArgumentTypeError as exc:
                print(f"  {exc}", file=sys.stderr)
    return Answers(
        str(values["title"]),
        str(values["author"]),
        str(values["kind"]),
        str(values["language"]),
        int(str(values["parts"])),
    )


def _choice(text: str, choices: Sequence[str]) -> str:
    if text not in choices:
        raise argparse.ArgumentTypeError(f"give one of {', '.join(choices)}")
    return text


def run_new(args: argparse.Namespace) -> int:
    """``python -m studyguide new DIR``: write the project; say how to build it."""
    directory: Path = args.directory
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        print(
            f"studyguide new: {directory} is not empty; give a new or empty folder", file=sys.stderr
        )
        return 2
    answers = ask(args, interactive=sys.stdin.isatty())
    written = write_project(directory, answers)
    print(f"Wrote {len(written)} files into {directory}:")
    for path in written:
        print(f"  {path.name}")
    print(
        f"Next: cd {directory} && make html (the web guide), make facilitator "
        "(with the notes), make pdf (needs TeX)."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``studyguide-quickstart DIR``: the ``new`` command on its own."""
    parser = argparse.ArgumentParser(
        prog="studyguide-quickstart", description="Start a new study guide."
    )
    add_arguments(parser)
    return run_new(parser.parse_args(argv))
