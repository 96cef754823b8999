"""Glossary data: load ``glossary.yaml``, validate it, and say where it is wrong.

The YAML is composed to nodes first, so every value keeps the line it came
from: a JSON Schema error path (``terms/3/definition``) maps back to a line
of the file.  A syntax error or a schema violation becomes one
:class:`GlossaryDataError` with the line and a sentence a writer understands;
softer problems (two entries sharing a name, a ``see_also`` naming no entry)
are returned as :class:`Problem` s for the caller to log as warnings.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import yaml

from studyguide.glossary import bounds
from studyguide.i18n import _

if TYPE_CHECKING:
    from collections.abc import Iterable

    import jsonschema

    from studyguide.glossary.matcher import Matcher

SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "glossary.schema.json"
#: The schema's ``$id``: a name, not an address (no server publishes it).
SCHEMA_ID = "urn:sphinx-studyguide:glossary-schema:1"

#: The default categories (``studyguide_categories``) and the headings of their
#: groups on the glossary page, in the page's order.  The one definition: the
#: shipped schema's enum lists the same names (a test checks it) and is
#: replaced at load time by the configured categories.
CATEGORY_HEADINGS = {
    "party": _("Parties and coalitions"),
    "organisation": _("Organisations and movements"),
    "person": _("People"),
    "place": _("Places"),
    "event": _("Events"),
    "concept": _("Concepts"),
}
CATEGORIES = tuple(CATEGORY_HEADINGS)

OPTIONAL_TEXT_FIELDS = ("category", "spanish", "english", "abbreviation", "dates", "event")

#: An entry's ``date``: a day, a month or a year (checked as a real date as well).
#: ASCII digits only: ``\d`` would take ``١٩٧٣`` and ``１９７３`` as well.
ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY"

#: An entry's (or an event's) ``sources:``: at most this many citations, each
#: at most this many characters (the schema says the same; a test checks it).
MAX_SOURCES = 20
MAX_CITATION = 500
CITATION_FORM = "author, title, year, and a page or a URL"

JSON_TYPE_NAMES = {
    "string": "text (a string)",
    "array": "a list",
    "object": "a mapping (key: value lines)",
}


class GlossaryDataError(Exception):
    """The glossary file cannot be used; ``line`` is 1-based, or None."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class Problem:
    """A problem in the data that does not stop the build (logged as a warning)."""

    message: str
    line: int
    subtype: str


@dataclass
class Entry:
    """One glossary entry, with the lines its fields came from."""

    term: str
    definition: str
    line: int
    category: str | None = None
    spanish: str | None = None
    english: str | None = None
    abbreviation: str | None = None
    dates: str | None = None
    #: ISO date of the chronology: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    date: str | None = None
    #: What happened on ``date``, one line (else the chronology shows ``tip``).
    event: str | None = None
    #: More dated events: (ISO date, one line), from the entry's ``events:`` list.
    events: list[tuple[str, str]] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    see_also: list[str] = field(default_factory=list)
    #: Where the entry's facts come from: short citations, as written (spacing
    #: collapsed, NFC); they cover the entry's ``date`` and every event.
    sources: list[str] = field(default_factory=list)
    #: The ``sources:`` of each item of ``events:``, in the order of ``events``.
    event_sources: list[list[str]] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)
    #: The term as the glossary page shows it: its translation (see
    #: studyguide.glossary.translation), else None.
    headword: str | None = None

    @property
    def display(self) -> str:
        """The headword shown: the translated term, or the term."""
        return self.headword or self.term

    @property
    def names(self) -> list[str]:
        """The term, its translation and its aliases: every form that links to the entry."""
        return list(dict.fromkeys([self.term, self.display, *self.aliases]))

    @cached_property
    def tip(self) -> str:
        """The short definition shown in tooltips: the definition's first sentence."""
        return short_tip(self.definition)

    @property
    def all_sources(self) -> list[str]:
        """The entry's citations and then its events' ones, each once, in order."""
        return list(dict.fromkeys([*self.sources, *(c for s in self.event_sources for c in s)]))


# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket),
# then space, then something that starts a sentence.
_SENTENCE_END = re.compile(r"([.!?][\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9À-ÖØ-Þ])")
# Words ending in a full stop that do not end a sentence: initials (J., U.S.)
# and common abbreviations.
_ABBREVIATION = re.compile(
    r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Capt|Sen|Rep|Jr|Sr|No|Nos|vs|etc|"
    r"approx|ca|c|cf|e\.g|i\.e|viz)\.",
)


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, whitespace collapsed."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        before = text[: match.start(1) + 1]
        last_word = before.rsplit(" ", 1)[-1].lstrip('("“‘')
        if _ABBREVIATION.fullmatch(last_word):
            continue
        return text[: match.end(1)]
    return text


#: The longest tooltip: a long first sentence is cut at a word, with an ellipsis.
MAX_TIP = 300


def short_tip(text: str) -> str:
    """The first sentence of *text*, at most :data:`MAX_TIP` characters."""
    tip = first_sentence(text[: MAX_TIP * 4])
    if len(tip) <= MAX_TIP:
        return tip
    cut = tip[: MAX_TIP - 1].rsplit(" ", 1)[0] if " " in tip[: MAX_TIP - 1] else tip[: MAX_TIP - 1]
    return cut.rstrip(" ,;:") + "…"


def sort_key(name: str) -> str:
    """Alphabetical order that ignores case and accents (Cordón sorts as Cordon)."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return plain.casefold()


def name_key(name: str) -> str:
    """The key under which two names count as the same (case and spacing ignored)."""
    name = unicodedata.normalize("NFC", name)
    return " ".join(name.replace("’", "'").split()).casefold()


class Glossary:
    """The glossary's entries, looked up by term or alias."""

    def __init__(self, path: Path, entries: Iterable[Entry] = (), ok: bool = True) -> None:
        self.path = path
        self.entries = list(entries)
        #: False when the file could not be read: the build already failed with
        #: one message, and nothing else should add to it.
        self.ok = ok
        #: The catalog files that translated the entries (for dependencies).
        self.translations: list[Path] = []
        self.reindex()

    def reindex(self) -> None:
        """Index the entries by term and by every name (again, after a translation)."""
        self.by_term = {entry.term: entry for entry in self.entries}
        self._by_name: dict[str, Entry] = {}
        self._by_key: dict[str, Entry] = {}
        for entry in self.entries:
            for name in entry.names:
                self._by_name.setdefault(name, entry)
                self._by_key.setdefault(name_key(name), entry)
        self.__dict__.pop("matcher", None)

    def lookup(self, name: str) -> Entry | None:
        """The entry a ``{term}`` target names: exactly, else ignoring case."""
        return self._by_name.get(name) or self._by_key.get(name_key(name))

    def suggest(self, name: str) -> str | None:
        """The closest term or alias to a misspelt ``name``, for "did you mean"."""
        keys = {name_key(known): known for known in self._by_name}
        close = difflib.get_close_matches(name_key(name), list(keys), n=1, cutoff=0.6)
        return keys[close[0]] if close else None

    @cached_property
    def matcher(self) -> Matcher:
        """The auto-linker's matcher over every term and alias."""
        from studyguide.glossary.matcher import Matcher

        return Matcher((name, entry.term) for entry in self.entries for name in entry.names)


# -- Reading and validating ----------------------------------------------------


def load_glossary(
    path: Path, categories: Iterable[str] = CATEGORIES
) -> tuple[Glossary, list[Problem]]:
    """Read and validate the glossary file; raise GlossaryDataError if unusable.

    *categories* are the values the entries' ``category`` may take.
    """
    try:
        # Bounded before parsing: see studyguide.glossary.bounds.
        text = bounds.read_text(path)
        if text.strip():
            bounds.check_events(text)
    except FileNotFoundError:
        raise GlossaryDataError(
            f"glossary file {path} not found; create it or set studyguide_glossary "
            "in conf.py (a path relative to the source directory, or None for no glossary)"
        ) from None
    except bounds.BoundsError as exc:
        raise GlossaryDataError(exc.message, exc.line) from None
    except yaml.YAMLError:
        pass  # a syntax error: _parse_yaml explains it

    root, data = _parse_yaml(text)
    _check_duplicate_keys(root)
    _validate(root, data, tuple(categories))
    return _build(path, root, data)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """LibYAML's parser where PyYAML was built with it: the same nodes and marks,
    many times faster than the pure-Python one.  An unquoted date stays text:
    PyYAML would make it a ``datetime.date``, and stop at 1973-13-29 with a
    ValueError."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)


def is_iso_date(text: str) -> bool:
    """Whether *text* is a real date written YYYY-MM-DD, YYYY-MM or YYYY."""
    match = ISO_DATE.fullmatch(text)
    if match is None:
        return False
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def _parse_yaml(text: str) -> tuple[yaml.Node, Any]:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise GlossaryDataError(
                "the glossary file is empty; it needs a top-level 'terms:' list", 1
            )
        data = loader.construct_document(root)
    except ValueError as exc:  # a number PyYAML cannot convert
        raise GlossaryDataError(f"a value YAML cannot read: {exc}", None) from None
    except yaml.MarkedYAMLError as exc:
        # A scalar or bracket left open is noticed only at the end of the file;
        # where it opens (the context mark) is the line to fix.
        at_end = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        if any(word in f"{problem} {context}" for word in ("block", "indent")):
            context += "; check the indentation of this line and the lines above it"
        line = mark.line + 1 if mark else None
        column = f", column {mark.column + 1}" if mark else ""
        raise GlossaryDataError(f"YAML syntax error{column}: {problem}{context}", line) from None
    except yaml.YAMLError as exc:
        raise GlossaryDataError(f"YAML syntax error: {exc}") from None
    finally:
        loader.dispose()
    return root, data


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _check_duplicate_keys(node: yaml.Node) -> None:
    """YAML keeps the last of two equal keys silently; a writer wants to know."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise GlossaryDataError(
                        f"field '{key.value}' appears twice in the same mapping; keep one",
                        _line(key),
                    )
                seen.add(key.value)
            _check_duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item)


def _node_at(root: yaml.Node, path: Iterable[str | int]) -> tuple[yaml.Node, yaml.Node | None]:
    """The node at a JSON path, and the key node it hangs from (for mappings)."""
    node, key_node = root, None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                    node, key_node = value, key
                    break
            else:
                return node, key_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            if step >= len(node.value):
                return node, key_node
            node, key_node = node.value[step], None
        else:
            return node, key_node
    return node, key_node


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return f"the {type(value).__name__} {value}"


def editor_schema(categories: tuple[str, ...]) -> dict[str, Any]:
    """The schema for editors, for a project's categories (``python -m studyguide schema``).

    Its ``$id`` is a URN, not a web address: the schema is written for each
    project (its ``category`` values), and no address serves it.
    """
    schema = _schema(categories)
    schema["$id"] = SCHEMA_ID
    if categories:
        schema["description"] = (
            "glossary.yaml of a study guide (sphinx-studyguide), for the categories "
            + ", ".join(categories)
        )
    return schema


@functools.cache
def _schema(categories: tuple[str, ...] = CATEGORIES) -> dict[str, Any]:
    """The schema file, with the project's categories as the enum of ``category``."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    category = schema["$defs"]["entry"]["properties"]["category"]
    if categories:
        category["enum"] = list(categories)
    else:  # studyguide_categories = None: any category
        category.pop("enum", None)
    return schema


@functools.cache
def _accepts(categories: tuple[str, ...] = CATEGORIES) -> Callable[[Any], Any]:
    """The schema compiled to Python by fastjsonschema: it says quickly that a file is valid."""
    return fastjsonschema.compile(_schema(categories))


def _validate(root: yaml.Node, data: Any, categories: tuple[str, ...] = CATEGORIES) -> None:
    """Check *data* against the schema; the first problem, explained, as a GlossaryDataError.

    A valid file (every build) is passed by the compiled validator, a few
    milliseconds for thousands of entries.  An invalid one is examined by
    jsonschema, which lists every problem, so the message names the first
    in the file and counts the rest.
    """
    try:
        _accepts(categories)(data)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return
    import jsonschema  # only for a file with problems: slow to import

    validator = jsonschema.Draft202012Validator(_schema(categories))
    errors = list(validator.iter_errors(data))
    if not errors:
        return

    def position(error: jsonschema.ValidationError) -> tuple[int, int]:
        node, _key = _node_at(root, error.absolute_path)
        return node.start_mark.line, node.start_mark.column

    error = min(errors, key=position)
    message, line = _explain(root, data, error)
    others = len(errors) - 1
    if others:
        message += f" (and {others} more problem{'s' if others > 1 else ''} after fixing this)"
    raise GlossaryDataError(message, line)


def _explain(root: yaml.Node, data: Any, error: jsonschema.ValidationError) -> tuple[str, int]:
    """One sentence for a schema error: which entry, which field, what to do."""
    path = list(error.absolute_path)
    node, key_node = _node_at(root, path)
    line = _line(key_node if key_node is not None else node)

    where = ""
    if len(path) >= 2 and path[0] == "terms" and isinstance(path[1], int):
        entry = data["terms"][path[1]]
        term = entry.get("term") if isinstance(entry, dict) else None
        where = f"entry {path[1] + 1}" + (f" ({term!r})" if isinstance(term, str) else "") + ": "
    field_name = path[2] if len(path) > 2 and isinstance(path[2], str) else None
    if field_name and len(path) > 4 and isinstance(path[3], int) and isinstance(path[4], str):
        # A field of an item of ``events:`` (its date, event or sources).
        owner = f"item {path[3] + 1} of field '{field_name}'"
        field_name = path[4]
        if len(path) > 5 and isinstance(path[5], int):
            subject = f"item {path[5] + 1} of field '{field_name}' of {owner}"
        else:
            subject = f"field '{field_name}' of {owner}"
    elif field_name and len(path) > 3 and isinstance(path[3], int):
        subject = f"item {path[3] + 1} of field '{field_name}'"
    elif field_name:
        subject = f"field '{field_name}'"
    elif not path:
        subject = "the file"
    elif path == ["terms"]:
        subject = "'terms'"
    else:
        subject = "the entry"

    # jsonschema types these loosely (``Unset``); they are plain JSON values here.
    validator: Any = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if validator == "required":
        missing = [name for name in expected if name not in instance]
        if not path:
            return "the glossary needs a top-level 'terms:' list of entries", line
        return f"{where}missing required field '{missing[0]}'", line
    if validator == "additionalProperties":
        fields = list(schema.get("properties", {}))
        extra = sorted(set(instance) - set(fields), key=str)
        name = extra[0]
        extra_node, extra_key = _node_at(root, [*path, name])
        line = _line(extra_key if extra_key is not None else extra_node)
        close = difflib.get_close_matches(str(name), fields, n=1)
        hint = (
            f"; did you mean '{close[0]}'?" if close else f"; allowed fields: {', '.join(fields)}"
        )
        return f"{where}unknown field '{name}'{hint}", line
    if validator == "enum":
        allowed = ", ".join(str(value) for value in expected)
        return f"{where}unknown {field_name or 'value'} {instance!r}; allowed: {allowed}", line
    if validator == "type":
        wanted = JSON_TYPE_NAMES.get(expected, expected)
        hint = (
            "; put the value in quotes"
            if expected == "string" and not isinstance(instance, list | dict)
            else ""
        )
        if expected == "string" and isinstance(instance, dict):
            hint = (
                "; put the value in quotes: YAML reads a colon and a space as a key and its value"
            )
        if expected == "array" and isinstance(instance, str):
            hint = f"; write [{instance}]"
            if field_name == "sources":
                hint = "; write each citation on a line of its own, starting with '- '"
        return f"{where}{subject} must be {wanted}, not {_describe(instance)}{hint}", line
    if validator in {"minLength", "pattern"}:
        return f"{where}{subject} must not be empty", line
    if validator == "maxLength":
        return (
            f"{where}{subject} is {len(instance)} characters long, more than {expected}; "
            f"a citation is short: {CITATION_FORM}"
        ), line
    if validator == "maxItems":
        return (
            f"{where}{subject} has {len(instance)} citations, more than {expected}; "
            "keep those the entry's claims rest on"
        ), line
    if validator == "minItems" and field_name == "sources":
        return (
            f"{where}{subject} is an empty list; give at least one citation "
            f"({CITATION_FORM}), or remove the field"
        ), line
    if validator == "minItems" and path == ["terms"]:
        return "the glossary has no entries; add at least one under 'terms:'", line
    return f"{where}{subject}: {error.message}", line


def _name(value: str, line: int, what: str) -> str:
    """A term, alias or see_also name, normalised (NFC); a GlossaryDataError if unusable."""
    name = bounds.normal(value)
    problem = bounds.name_problem(name)
    if problem:
        shown = name if len(name) <= 40 else name[:40] + "..."
        raise GlossaryDataError(f"{what} {shown!r} {problem}", line)
    return name


def _build(path: Path, root: yaml.Node, data: dict[str, Any]) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    entries: list[Entry] = []
    owner: dict[str, Entry] = {}  # name_key -> the entry that has that name
    bad_dates: list[GlossaryDataError] = []
    terms_node, _key = _node_at(root, ["terms"])
    for index, raw in enumerate(data["terms"]):
        entry_node = terms_node.value[index]
        lines = {}
        sources: list[str] = []
        date: str | None = None
        events: list[tuple[str, str]] = []
        event_sources: list[list[str]] = []
        for key, value in entry_node.value:
            lines[key.value] = _line(key)
            if isinstance(value, yaml.SequenceNode):
                for position, item in enumerate(value.value):
                    lines[f"{key.value}.{position}"] = _line(item)
            if key.value == "date":
                date = _check_date(index, raw, key, value, raw["date"], "date", bad_dates)
            elif key.value == "sources":
                sources = _citations(index, raw, value, problems)
            elif key.value == "events" and isinstance(value, yaml.SequenceNode):
                for number, (item_raw, item_node) in enumerate(
                    zip(raw["events"], value.value, strict=True), start=1
                ):
                    item_sources = [
                        citation
                        for item_key, item_value in item_node.value
                        if item_key.value == "sources"
                        for citation in _citations(index, raw, item_value, problems)
                    ]
                    for item_key, item_value in item_node.value:
                        if item_key.value != "date":
                            continue
                        item_date = _check_date(
                            index,
                            raw,
                            item_key,
                            item_value,
                            item_raw["date"],
                            f"item {number} of field 'events': date",
                            bad_dates,
                        )
                        if item_date:
                            events.append((item_date, " ".join(item_raw["event"].split())))
                            event_sources.append(item_sources)
        where = f"entry {index + 1}: "
        term = _name(raw["term"], lines.get("term", _line(entry_node)), f"{where}term")
        where = f"entry {index + 1} ({term!r}): "
        entry = Entry(
            term=term,
            definition=" ".join(raw["definition"].split()),
            line=_line(entry_node),
            date=date,
            events=events,
            aliases=[
                _name(alias, lines.get(f"aliases.{i}", 0), f"{where}alias")
                for i, alias in enumerate(raw.get("aliases", []))
            ],
            see_also=[
                _name(name, lines.get(f"see_also.{i}", 0), f"{where}see_also name")
                for i, name in enumerate(raw.get("see_also", []))
            ],
            sources=sources,
            event_sources=event_sources,
            field_lines=lines,
            **{name: raw[name].strip() for name in OPTIONAL_TEXT_FIELDS if name in raw},
        )
        term_key = name_key(entry.term)
        if term_key in owner:
            other = owner[term_key]
            problems.append(
                Problem(
                    f"duplicate glossary term {entry.term!r}: entry {other.term!r} (line "
                    f"{other.line}) already has this name; merge the two entries",
                    lines.get("term", entry.line),
                    "duplicate_term",
                )
            )
            continue
        aliases: list[str] = []
        for position, alias in enumerate(entry.aliases):
            key = name_key(alias)
            if key == term_key or alias in aliases:
                continue  # a spelling of the entry's own term: harmless
            if key in owner and owner[key] is not entry:
                other = owner[key]
                problems.append(
                    Problem(
                        f"duplicate glossary alias {alias!r} of {entry.term!r}: entry "
                        f"{other.term!r} (line {other.line}) already has this name; "
                        "a name may link to one entry only",
                        lines.get(f"aliases.{position}", entry.line),
                        "duplicate_alias",
                    )
                )
                continue
            aliases.append(alias)
        entry.aliases = aliases
        for name in entry.names:
            owner.setdefault(name_key(name), entry)
        entries.append(entry)

    if bad_dates:
        first, others = bad_dates[0], len(bad_dates) - 1
        if others:
            first.message += (
                f" (and {others} more problem{'s' if others > 1 else ''} after fixing this)"
            )
        raise first

    glossary = Glossary(path, entries)
    for entry in entries:
        kept = []
        for position, name in enumerate(entry.see_also):
            target = glossary.lookup(name)
            if target is None:
                close = glossary.suggest(name)
                hint = f"; did you mean {close!r}?" if close else ""
                problems.append(
                    Problem(
                        f"glossary entry {entry.term!r}: see_also names no entry: {name!r}{hint}",
                        entry.field_lines.get(f"see_also.{position}", entry.line),
                        "unknown_see_also",
                    )
                )
            elif target is not entry and target.term not in kept:
                kept.append(target.term)
        entry.see_also = kept
    return glossary, problems


def normal_citation(text: str) -> str:
    """A citation as shown and compared: NFC, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _citations(
    index: int, raw: dict[str, Any], value: yaml.Node, problems: list[Problem]
) -> list[str]:
    """The citations of a ``sources:`` list (the schema checked their type and length).

    A citation holding an invisible character (a zero-width space, a direction
    mark pasted with a URL) fails the build at its line; one listed twice is
    kept once, with a warning.
    """
    where = f"entry {index + 1} ({raw['term']!r})"
    found: dict[str, int] = {}
    for position, item in enumerate(value.value):
        citation = normal_citation(str(item.value))
        for char in citation:
            if unicodedata.category(char) in {"Cf", "Cc", "Co", "Zl", "Zp"}:
                raise GlossaryDataError(
                    f"{where}: source {position + 1} holds an invisible character "
                    f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')}); delete it",
                    _line(item),
                )
        if citation in found:
            problems.append(
                Problem(
                    f"{where}: source {position + 1} repeats source {found[citation] + 1} "
                    "of the same list; delete one",
                    _line(item),
                    "glossary_data",
                )
            )
            continue
        found[citation] = position
    return list(found)


def _check_date(
    index: int,
    raw: dict[str, Any],
    key: yaml.Node,
    value: yaml.Node,
    constructed: Any,
    subject: str,
    bad_dates: list[GlossaryDataError],
) -> str | None:
    """A ``date`` as written (quoted or not), if it is a real ISO date.

    The text of the YAML node is checked, not the constructed value: an
    unquoted year is a number there.  *constructed* is the value YAML made of
    it and *subject* names the field ("date", or an ``events`` item's).  A bad
    date is added to *bad_dates*.
    """
    where = f"entry {index + 1} ({raw['term']!r})"
    if isinstance(value, yaml.ScalarNode):
        text = str(value.value).strip()
        if is_iso_date(text):
            return text
        message = f"{where}: {subject} {text!r} is not a date; write {DATE_FORMS}"
    else:
        message = (
            f"{where}: {subject} must be one date, not {_describe(constructed)}; write {DATE_FORMS}"
        )
    bad_dates.append(GlossaryDataError(message, _line(key)))
    return None
