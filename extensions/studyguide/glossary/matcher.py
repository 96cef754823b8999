"""Find glossary names in running text: one pass per text, over every term at once.

The text is cut into tokens (words and single punctuation marks) once; a token
trie of all names and their plural forms is walked from each word, so a text
costs one scan however many terms the glossary has.  Two tries keep the case
rules apart: names written in capitals (MIR, MAPU-OC) match case-sensitively,
all others ignoring case.  At each position the longest name wins
("MAPU-OC" over "MAPU", "Cordón Cerrillos" over "Cordón").

Whole words only: tokens are whole ``\\w+`` runs, and a name glued to a word by
a hyphen ("pro-Allende") is left alone.  Possessives ("MIR's", "MIR’s",
"Christian Democrats’") join the link; curly apostrophes, which smartquotes
puts in the text, compare equal to straight ones.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable

TOKEN = re.compile(r"\w+|[^\w\s]")
# The same tokens, kept with what lies between them: [between, token, between, ...].
SPLIT = re.compile(r"(\w+|[^\w\s])")
# A web address.  The scheme is bounded: unbounded, a long "a.a.a.a..." was scanned
# again from each of its words (quadratic).  E-mail addresses: ``address_spans``.
URL = re.compile(r"(?:\b[a-z][a-z0-9+.-]{0,31}://|\bwww\.)\S+", re.IGNORECASE)
_WORD_RUN = re.compile(r"\S+")
_WORD_CHARS = re.compile(r"\w+")
# Same-length replacements, so positions in the normalised text are positions
# in the original.
NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-"})
END = ""  # the trie key that marks "a name ends here" (no token is empty)
ACCENTED = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


class Match(NamedTuple):
    """A name found in a text: ``text[start:end]`` links to entry ``target``."""

    start: int
    end: int
    target: str


def is_case_sensitive(name: str) -> bool:
    """Names in capitals (MIR, MAPU-OC, JAP) match only in capitals."""
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and not any(char.islower() for char in letters)


def plural_forms(name: str) -> list[str]:
    """Plural spellings of a name's last word, English and Spanish."""
    head, _sep, last = name.rpartition(" ")
    prefix = f"{head} " if head else ""
    if not last.isalpha():
        return []
    forms = []
    lower = last.lower()
    if is_case_sensitive(last):
        forms.append(last + "s")  # JAPs
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(last + "es")
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        forms.append(last[:-1] + "ies")
    else:
        forms.append(last + "s")
        # Spanish: cordón -> cordones, unión -> uniones
        if lower[-1] in "nlr" or unicodedata.normalize("NFD", lower[-3:]) != lower[-3:]:
            forms.append(last.translate(ACCENTED) + "es")
    return [prefix + form for form in forms]


def address_spans(text: str) -> list[tuple[int, int]]:
    """The spans of e-mail addresses in *text*, as ``\\S+@\\S+\\.\\w+`` finds them.

    That pattern backtracks on long runs of ``@`` (cubic: 5,000 took 78 s); this
    scan reads each character a bounded number of times.  In a run of non-space
    characters the pattern matches from the run's start to the end of the word
    after the run's last ``.`` followed by a word character, if an ``@`` lies
    between the run's second character and the character before that dot.
    """
    spans = []
    for run in _WORD_RUN.finditer(text):
        word = run.group()
        if "@" not in word:
            continue
        dot = word.rfind(".")
        while dot >= 0 and not _WORD_CHARS.match(word, dot + 1):
            dot = word.rfind(".", 0, dot)
        if dot < 2 or word.find("@", 1, dot - 1) < 0:
            continue
        end = _WORD_CHARS.match(word, dot + 1).end()  # type: ignore[union-attr]
        spans.append((run.start(), run.start() + end))
    return spans


class Spans:
    """``spans[k]``: the start and end of token *k*, from the pieces of a split text."""

    __slots__ = ("_ends",)

    def __init__(self, parts: list[str]) -> None:
        self._ends = list(accumulate(map(len, parts)))  # where each piece ends

    def __getitem__(self, k: int) -> tuple[int, int]:
        return self._ends[2 * k], self._ends[2 * k + 1]


class Matcher:
    """Every glossary name and its plurals in two token tries."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self._sensitive: dict[str, Any] = {}
        self._insensitive: dict[str, Any] = {}
        names = list(names)
        # Names first, then plurals: a plural never hides another entry's name.
        for name, target in names:
            self._add(name, target, derived=False)
        for name, target in names:
            for form in plural_forms(name):
                self._add(form, target, derived=True)

    def _add(self, name: str, target: str, *, derived: bool) -> None:
        tokens = TOKEN.findall(name.translate(NORMALISE))
        if not tokens:
            return
        if is_case_sensitive(name):
            node = self._sensitive
        else:
            node = self._insensitive
            tokens = [token.casefold() for token in tokens]
        for token in tokens:
            node = node.setdefault(token, {})
        if END not in node or (node[END][1] and not derived):
            node[END] = (target, derived)

    @staticmethod
    def _walk(trie: dict[str, Any], keys: list[str], start: int) -> tuple[int, str] | None:
        node: dict[str, Any] | None = trie
        best = None
        for index in range(start, len(keys)):
            node = node.get(keys[index]) if node is not None else None
            if node is None:
                break
            if END in node:
                best = (index + 1, node[END][0])
        return best

    def find(self, text: str) -> list[Match]:
        """The names in ``text``, left to right, not overlapping."""
        norm = text.translate(NORMALISE)
        sensitive, insensitive = self._sensitive, self._insensitive
        # Tokens by scans in C: the split keeps what lies between the tokens, so
        # their positions cost no loop in Python.  Casefolding keeps the tokens
        # where it keeps the length (not for "ß" and a few others: folded one by one).
        parts = SPLIT.split(norm)
        raw = parts[1::2]
        folded_text = norm.casefold()
        folded = SPLIT.split(folded_text)[1::2] if len(folded_text) == len(norm) else []
        if len(folded) != len(raw):
            folded = [token.casefold() for token in raw]
        # Most texts name nothing: two set tests say so.
        if insensitive.keys().isdisjoint(folded) and sensitive.keys().isdisjoint(raw):
            return []
        # The positions where some name starts; the walk runs from those only.
        starts = [
            index
            for index, fold in enumerate(folded)
            if fold in insensitive or raw[index] in sensitive
        ]
        spans = Spans(parts)
        urls = [m.span() for m in URL.finditer(norm)] if ("/" in norm or "www." in norm) else []
        if "@" in norm:
            urls += address_spans(norm)
        matches: list[Match] = []
        after = 0  # the first token not yet part of a match
        for index in starts:
            if index < after:
                continue
            best = self._walk(sensitive, raw, index) if raw[index] in sensitive else None
            if folded[index] in insensitive:
                other = self._walk(insensitive, folded, index)
                if other is not None and (best is None or other[0] > best[0]):
                    best = other
            if best is None or not self._whole(raw, spans, index, best[0]):
                continue
            stop, target = best
            start, end = spans[index][0], spans[stop - 1][1]
            if any(u_start < end and start < u_end for u_start, u_end in urls):
                continue
            stop, end = self._possessive(raw, spans, stop, end)
            matches.append(Match(start, end, target))
            after = stop
        return matches

    @staticmethod
    def _whole(raw: list[str], spans: Spans, first: int, stop: int) -> bool:
        """False for a name glued by a hyphen to a word before or after it."""

        def glued(left: int, right: int) -> bool:
            return spans[left][1] == spans[right][0]

        if (
            first >= 2
            and raw[first - 1] == "-"
            and glued(first - 1, first)
            and glued(first - 2, first - 1)
            and raw[first - 2][-1].isalnum()
        ):
            return False
        return not (
            stop + 1 < len(raw)
            and raw[stop] == "-"
            and glued(stop - 1, stop)
            and glued(stop, stop + 1)
            and raw[stop + 1][0].isalnum()
        )

    @staticmethod
    def _possessive(raw: list[str], spans: Spans, stop: int, end: int) -> tuple[int, int]:
        """Extend a match over a following 's or s' (MIR's, Democrats’)."""
        if stop < len(raw) and raw[stop] == "'" and spans[stop][0] == end:
            after = stop + 1
            if after < len(raw) and raw[after] in {"s", "S"} and spans[after][0] == spans[stop][1]:
                return after + 1, spans[after][1]
            if raw[stop - 1][-1] in "sS" and (
                after >= len(raw) or spans[after][0] > spans[stop][1] or not raw[after][0].isalnum()
            ):
                return after, spans[stop][1]
        return stop, end
