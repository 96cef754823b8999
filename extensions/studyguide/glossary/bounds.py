"""Bounds on the glossary file, checked before the YAML is composed, and on its names.

PyYAML resolves anchors while composing, and libyaml's composer recurses: a
recursive alias (``&a [*a]``) or a "billion laughs" file of under 1 KB reaches
every later walk of the data as a cycle or an exponential tree, and nesting
about 60,000 deep crashes the interpreter.  So the file is bounded by design,
not case by case:

* only a regular file is read (a FIFO would block forever, ``/dev/zero`` never
  ends), and at most :data:`MAX_BYTES` of it;
* it must be UTF-8 with no control characters: a Latin-1 or UTF-16 file, or a
  stray control character, is reported at its line and column;
* the YAML events are streamed first (libyaml's parser is iterative): nesting
  beyond :data:`MAX_DEPTH`, more than :data:`MAX_ALIASES` aliases, an alias
  to a collection still open (recursive) and a number too long to be one are
  refused at their line before anything is composed.

Names (terms, aliases, see_also) are normalised to NFC and refused when they
hold an invisible character, no letter or digit, ``; `` (Sphinx's index-entry
separator), letters of two scripts in one word, or more than
:data:`MAX_NAME` characters.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from pathlib import Path

#: The guide's glossary is about 45 KB; a hundred times that is still a glossary.
MAX_BYTES = 4 * 1024 * 1024
#: The glossary is a mapping of a list of mappings of lists: depth 4.
MAX_DEPTH = 16
#: Anchors and aliases have no use in the glossary beyond a shared list or two.
MAX_ALIASES = 16
#: The longest term or alias: a name that fits on a line of the printed index.
MAX_NAME = 80
#: An unquoted number longer than this is a mistake (PyYAML would fail on 4,300 digits).
MAX_NUMBER_DIGITS = 30

# What YAML accepts in a file (its Reader's NON_PRINTABLE, inverted).
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_NUMBER = re.compile(r"[-+]?(?:0[xob])?[0-9_.]+(?:e[-+]?[0-9]+)?", re.IGNORECASE)


class BoundsError(Exception):
    """The file is outside the bounds; ``line`` (1-based) may be None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of *offset* in *text*."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path) -> str:
    """The glossary file's text: a regular file, bounded, UTF-8, printable."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise BoundsError(f"cannot read the glossary file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise BoundsError(
            f"the glossary file {path} is not a regular file (a directory, pipe or device); "
            "point studyguide_glossary at a YAML file"
        )
    if info.st_size > MAX_BYTES:
        raise BoundsError(
            f"the glossary file {path} is {info.st_size:,} bytes, more than the limit of "
            f"{MAX_BYTES:,}; is it the right file?"
        )
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BoundsError(f"cannot read the glossary file {path}: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise BoundsError(f"the glossary file {path} is larger than {MAX_BYTES:,} bytes")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise BoundsError(
            "the glossary file is UTF-16 (or holds NUL bytes), not UTF-8; save it as UTF-8", 1
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BoundsError(
            f"column {column}: byte 0x{data[exc.start]:02X} is not UTF-8 (the file looks "
            "Latin-1 or Windows-1252 encoded); save the file as UTF-8",
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, column = _position(text, bad.start())
        char = bad.group()
        raise BoundsError(
            f"column {column}: control character U+{ord(char):04X}, which YAML does not "
            "allow; delete it",
            line,
        )
    return text


def check_events(text: str) -> None:
    """Refuse deep nesting, too many or recursive aliases and huge numbers, before composing."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    open_anchors: list[str | None] = []
    aliases = 0
    for event in yaml.parse(text, Loader=loader_class):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.CollectionStartEvent):
            open_anchors.append(event.anchor)
            if len(open_anchors) > MAX_DEPTH:
                raise BoundsError(
                    f"lists and mappings nested more than {MAX_DEPTH} deep; the glossary "
                    "needs four levels (terms, entry, field, item)",
                    line,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            open_anchors.pop()
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise BoundsError(
                    f"the alias *{event.anchor} refers to the list or mapping that holds "
                    "it (a cycle); write the value out",
                    line,
                )
            aliases += 1
            if aliases > MAX_ALIASES:
                raise BoundsError(
                    f"more than {MAX_ALIASES} YAML aliases (*name); write the values out",
                    line,
                )
        elif isinstance(event, yaml.ScalarEvent):
            plain = event.implicit[0] and not event.style
            if plain and len(event.value) > MAX_NUMBER_DIGITS and _NUMBER.fullmatch(event.value):
                raise BoundsError(
                    f"a number of {len(event.value)} characters; put it in quotes if it is text",
                    line,
                )


# -- Names ------------------------------------------------------------------------


def _script(char: str) -> str | None:
    """LATIN, CYRILLIC, GREEK... for a letter, else None."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else None


def name_problem(name: str) -> str | None:
    """Why *name* cannot be a glossary name, or None.  *name* is NFC already."""
    for char in name:
        if unicodedata.category(char) in {"Cf", "Cc", "Zl", "Zp"} or (
            unicodedata.category(char) == "Zs" and char != " "
        ):
            return (
                f"holds an invisible character U+{ord(char):04X} "
                f"({unicodedata.name(char, 'unnamed')}); delete it"
            )
    if not any(char.isalnum() for char in name):
        return "has no letter or digit; a name is a word the text can mention"
    if ";" in name:
        # Sphinx splits an index entry at each ';' ("A;B" becomes B under A).
        return "holds ';', which separates index entries; use a comma or a dash"
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters long, more than {MAX_NAME}; shorten it"
    for word in name.split():
        scripts = {script for script in map(_script, word) if script}
        if len(scripts) > 1:
            return (
                f"mixes letters of different scripts ({', '.join(sorted(scripts)).lower()}) "
                f"in {word!r}; type it again in one script"
            )
    return None


def normal(name: str) -> str:
    """A name as compared and shown: NFC, surrounding space removed."""
    return unicodedata.normalize("NFC", name).strip()
