"""Parsing: ``session-plan`` and ``session-handout`` leave placeholders.

A plan's options are checked here, while its file and line are known: the
minutes of its segments and its ``:key-terms:``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from studyguide.glossary.autolink import NOLINK_CLASS
from studyguide.glossary.chronology import date_span, iso_date_option
from studyguide.numbers import shown, whole_number
from studyguide.questions.directives import docname_from, nested_in, open_directive, parse_body
from studyguide.questions.helpers import MAX_MINUTES, _warn, glossary_data, unknown_term_hint
from studyguide.sessions.agenda import TIMING_OPTIONS, Timings
from studyguide.sessions.nodes import session_context, session_handout, session_plan

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

DEFAULT_LINES = 3
#: At most this many key terms a session: the names a group needs first.
MAX_KEY_TERMS = 8


class _ChapterDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = False

    def chapter(self) -> str | None:
        if nested_in(self):  # a plan in a question would list the question itself
            return None
        docname = docname_from(self.env, self.arguments[0])
        if docname not in self.env.found_docs:
            _warn(
                "%s: unknown chapter %r; give the chapter's document name, "
                "e.g. 'part-1-insurrection'",
                (self.env.docname, self.lineno),
                "session",
                self.name,
                self.arguments[0],
            )
            return None
        return docname


class SessionPlan(_ChapterDirective):
    """``session-plan``: the agenda of the meeting on one chapter.

    Options: ``:meeting:`` (the meeting's length in minutes; default
    ``studyguide_meeting_minutes``), ``:welcome-minutes:``,
    ``:welcome-together-minutes:``, ``:key-terms-minutes:``,
    ``:closing-minutes:`` (the segments' lengths) and ``:key-terms:`` (one
    ``Name: why it matters for this session`` a line, at most eight),
    ``:long-meeting:``, ``:break-minutes:``, ``:talk-minutes:`` (the
    watched-together formats) and ``:keep:`` (labels of core questions, in
    the order a format that cannot hold them all keeps them).  The
    directive's body, if any, replaces the default closing; it stays in the
    doctree as the node's children (a facilitator note in it is kept only in
    the facilitator edition).
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        **{name: directives.unchanged for name in TIMING_OPTIONS},
        "key-terms": directives.unchanged,
        "keep": directives.unchanged,
        "from": directives.unchanged,
        "to": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_plan(chapter=docname, classes=["sg-session-plan"])
        self.set_source_info(node)
        node["timing_options"] = self.timing_options()
        node["key_terms"] = None
        if "key-terms" in self.options:
            node["key_terms"] = parse_key_terms(
                self.env, self.options["key-terms"] or "", (self.env.docname, self.lineno)
            )
        # The core questions' labels, in the order the formats keep them.
        node["keep"] = [
            nodes.fully_normalize_name(label)
            for label in (self.options.get("keep") or "").replace(",", " ").split()
        ]
        node["from"], node["to"] = self.date_range()
        if self.content:
            # The body stays in the doctree, as the plan's children: the
            # participant edition's removal of notes and the resolution of
            # references reach it as they reach any other content.
            node.extend(parse_body(self))
        return [node]

    def date_range(self) -> tuple[str | None, str | None]:
        """``:from:`` and ``:to:``: the session's dates in the chronology (ISO dates)."""
        found: list[str | None] = []
        for option in ("from", "to"):
            value = (self.options.get(option) or "").strip()
            if option not in self.options:
                found.append(None)
                continue
            try:
                found.append(iso_date_option(value))
            except ValueError:
                _warn(
                    "session-plan: ':%s: %s' is not a date; write an ISO date of a day, "
                    "a month or a year, e.g. ':%s: 1973-06-29'",
                    (self.env.docname, self.lineno),
                    "session",
                    option,
                    value,
                    option,
                )
                found.append(None)
        start, end = found
        if start and end and date_span(start)[0] > date_span(end)[1]:
            _warn(
                "session-plan: ':from: %s' is after ':to: %s'; swap the two dates",
                (self.env.docname, self.lineno),
                "session",
                start,
                end,
            )
            return None, None
        return start, end

    def timing_options(self) -> dict[str, int]:
        """The minutes the plan gives, by :class:`Timings` field; bad values warned and left out."""
        found: dict[str, int] = {}
        for option, field in TIMING_OPTIONS.items():
            if option not in self.options:
                continue
            value = (self.options[option] or "").strip()
            minutes = whole_number(value, 1, MAX_MINUTES)
            if minutes is not None:
                found[field] = minutes
                continue
            example = getattr(Timings(), field)
            _warn(
                "session-plan: ':%s: %s' is not a whole number of minutes from 1 to %d; "
                "write e.g. ':%s: %s'",
                (self.env.docname, self.lineno),
                "session",
                option,
                shown(value),
                MAX_MINUTES,
                option,
                example,
            )
        return found


def parse_key_terms(
    env: BuildEnvironment, text: str, location: tuple[str, int]
) -> list[tuple[str, str]]:
    """``[(term, why)]`` from a plan's ``:key-terms:``, one ``Name: why`` a line.

    Names are glossary terms or aliases (an alias gives its term); an unknown
    name is warned about (with "did you mean") and left out.  Without the
    guide's glossary component they are kept as written.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_KEY_TERMS:
        _warn(
            "session-plan: %d key terms in ':key-terms:'; give at most %d, "
            "the names this session needs most",
            location,
            "session",
            len(lines),
            MAX_KEY_TERMS,
        )
    glossary = glossary_data(env)
    found: list[tuple[str, str]] = []
    for line in lines:
        name, _colon, why = (part.strip() for part in line.partition(":"))
        if glossary is not None:
            entry = glossary.lookup(name)
            if entry is None:
                _warn(
                    "session-plan: unknown glossary term %r in ':key-terms:'%s",
                    location,
                    "session",
                    name,
                    unknown_term_hint(env, name),
                )
                continue
            name = entry.term
        if not why:
            _warn(
                "session-plan: key term %r has no text; write '%s: why it matters "
                "for this session'",
                location,
                "session",
                name,
                name,
            )
        if any(name == other for other, _why in found):
            _warn(
                "session-plan: key term %r is given twice in ':key-terms:'",
                location,
                "session",
                name,
            )
            continue
        found.append((name, why))
    return found


#: The most ruled lines after a question: a page of a handout (TeX fails on huge numbers).
MAX_LINES = 30


class SessionHandout(_ChapterDirective):
    """``session-handout``: key terms and questions with room to write.

    The key terms are those of the chapter's ``session-plan`` when it gives
    ``:key-terms:`` (one list, so plan and handout agree).
    """

    option_spec: ClassVar[dict[str, Any]] = {"lines": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_handout(chapter=docname, lines=self.lines(), classes=["sg-session-handout"])
        self.set_source_info(node)
        return [node]

    def lines(self) -> int:
        """``:lines:``, a whole number from 1 to :data:`MAX_LINES`; a bad value is warned."""
        if "lines" not in self.options:
            return DEFAULT_LINES
        value = (self.options["lines"] or "").strip()
        lines = whole_number(value, 1, MAX_LINES)
        if lines is not None:
            return lines
        _warn(
            "session-handout: ':lines: %s' is not a whole number of lines from 1 to %d "
            "(a page); write e.g. ':lines: %d'",
            (self.env.docname, self.lineno),
            "session",
            shown(value),
            MAX_LINES,
            DEFAULT_LINES,
        )
        return DEFAULT_LINES


class SessionContext(SphinxDirective):
    """``session-context``, in a plan's body: what the facilitator reads out at
    "Welcome and context" (a few sentences on the period and the part)."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        outer = open_directive(self.env)
        if outer is None or outer[0] != "session-plan":
            _warn(
                "session-context outside a session plan: put it in the body of the "
                "session-plan directive it introduces",
                (self.env.docname, self.lineno),
                "session",
            )
            return []
        body = self.parse_content_to_nodes() if self.content else []
        if not any(child.astext().strip() for child in body):
            _warn(
                "empty session-context: write in its body the few sentences the "
                "facilitator reads out at the welcome",
                (self.env.docname, self.lineno),
                "session",
            )
            return []
        # Read out, not browsed: names stay plain unless written with {term}.
        node = session_context(classes=["sg-session-context", NOLINK_CLASS])
        self.set_source_info(node)
        node.extend(body)
        return [node]
