"""Parsing: ``discussion-question`` and ``facilitator-note`` make neutral nodes;
``discussion-questions`` leaves a placeholder."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import docname_join
from sphinx.util.docutils import SphinxDirective

from studyguide._compat import current_document
from studyguide.glossary.nodes import glossary_mention
from studyguide.i18n import _
from studyguide.nodeutil import term_xref
from studyguide.numbers import shown
from studyguide.questions.helpers import (
    _warn,
    format_minutes,
    glossary_data,
    parse_minutes,
    unknown_term_hint,
)
from studyguide.questions.nodes import (
    discussion_question,
    discussion_question_list,
    facilitator_note,
    question_header,
    question_number,
)

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


#: Values of ``discussion-question``'s ``:priority:`` (the first is the default).
PRIORITIES = ("core", "reserve")


#: Key in ``env.current_document`` (``_compat``): the question or facilitator note being parsed, as
#: (directive name, line), so a directive in its body knows it is nested.
_OPEN = "studyguide_open_question"


def open_directive(env: BuildEnvironment) -> tuple[str, int] | None:
    """The (name, line) of the question, note or plan whose body is being parsed."""
    outer: tuple[str, int] | None = current_document(env).get(_OPEN)
    return outer


def nested_in(directive: SphinxDirective) -> bool:
    """Warn and return True when *directive* stands in a question's or a note's body.

    Questions are numbered, collected and listed one level deep: a question in
    a question (or in a note, which only the facilitator edition keeps), or a
    list of questions in one, would list itself.
    """
    outer = current_document(directive.env).get(_OPEN)
    if outer is None:
        return False
    _warn(
        "%s inside the %s of line %d: questions, notes and lists of questions do not "
        "nest; close the %s before this one",
        directive.get_location(),
        "question",
        directive.name,
        outer[0],
        outer[1],
        outer[0],
    )
    return True


def parse_body(directive: SphinxDirective) -> list[nodes.Node]:
    """The directive's body, parsed with the directive marked open."""
    document = current_document(directive.env)
    previous = document.get(_OPEN)
    document[_OPEN] = (directive.name, directive.lineno)
    try:
        return directive.parse_content_to_nodes()
    finally:
        if previous is None:
            document.pop(_OPEN, None)
        else:
            document[_OPEN] = previous


class DiscussionQuestion(SphinxDirective):
    """``discussion-question``: a question with a MyST body.

    Options: ``:label:`` (for ``{ref}``/``{numref}``), ``:minutes:`` (suggested
    time, a positive number), ``:terms:`` (comma-separated glossary terms) and
    ``:priority:`` (``core``, the default, or ``reserve``: a question a
    session plan lists apart, "if time allows").
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "label": directives.unchanged_required,
        "minutes": directives.unchanged,
        "terms": directives.unchanged,
        "priority": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        if nested_in(self):
            return []
        body = parse_body(self) if self.content else []
        text = [child for child in body if not isinstance(child, facilitator_note)]
        if not any(child.astext().strip() for child in text):
            _warn(
                "empty discussion question: write the question in the directive's body",
                location,
                "question",
            )
            return []

        node = discussion_question(classes=["sg-question", *self.options.get("class", [])])
        self.set_source_info(node)
        node["docname"] = self.env.docname
        node["label"] = ""
        label = self.options.get("label", "").strip()
        if label:
            node["label"] = nodes.fully_normalize_name(label)
            node_id = nodes.make_id(node["label"])
            if node_id and node_id not in self.state.document.ids:
                node["ids"].append(node_id)
                self.state.document.ids[node_id] = node
        if not node["ids"]:
            # An anchor even without a label: the collected lists link back to it.
            node_id = f"question-{self.env.new_serialno('studyguide-question') + 1}"
            while node_id in self.state.document.ids:
                node_id += "-1"
            node["ids"].append(node_id)
            self.state.document.ids[node_id] = node

        node["minutes"] = None
        if "minutes" in self.options:
            minutes = parse_minutes(self.options["minutes"] or "")
            if minutes is None:
                _warn(
                    "discussion question: ':minutes: %s' is not a number of minutes "
                    "from 0.5 to 600; write e.g. ':minutes: 10'",
                    location,
                    "question",
                    shown(self.options["minutes"]),
                )
            node["minutes"] = minutes

        node["priority"] = "core"
        if "priority" in self.options:
            priority = (self.options["priority"] or "").strip()
            if priority in PRIORITIES:
                node["priority"] = priority
            else:
                _warn(
                    "discussion question: ':priority: %s' is not allowed; use 'core' "
                    "(the default) or 'reserve'",
                    location,
                    "question",
                    priority,
                )
        if node["priority"] == "reserve":
            node["classes"].append("sg-question-reserve")

        header = question_header(classes=["sg-question-header"])
        header += question_number(classes=["sg-question-number"])
        if node["minutes"]:
            text_minutes = format_minutes(node["minutes"])
            header += nodes.inline(text_minutes, text_minutes, classes=["sg-question-minutes"])
        node += header
        node.extend(body)

        glossary = glossary_data(self.env)
        terms = self.distinct_terms(glossary)
        node["terms"] = terms
        if terms:
            line = nodes.paragraph(classes=["sg-question-terms"])
            label_text = _("Terms:")
            line += nodes.strong(label_text, label_text)
            for i, term in enumerate(terms):
                line += nodes.Text(", " if i else " ")
                if glossary is not None:
                    entry = glossary.lookup(term)
                    if entry is not None:
                        # A mention, as the auto-linker makes them, counted as
                        # an explicit link to the entry.
                        line += glossary_mention(term, term, sg_term=entry.term)
                    else:
                        # Reported here, once, and printed as plain text: no link to nothing.
                        _warn(
                            "discussion question: unknown glossary term %r in :terms:%s",
                            self.get_location(),
                            "question",
                            term,
                            unknown_term_hint(self.env, term),
                        )
                        line += nodes.inline(term, term, classes=["sg-unknown-term"])
                    continue
                xref = term_xref(
                    term, term, self.env.docname, explicit=False, sg_question_term=True
                )
                self.set_source_info(xref)
                line += xref
            node += line
        return [node]

    def distinct_terms(self, glossary: Any) -> list[str]:
        """The ``:terms:`` names, each entry once; a repeated one is reported."""
        terms: list[str] = []
        repeated: list[str] = []
        seen: dict[object, str] = {}
        for term in (t.strip() for t in self.options.get("terms", "").split(",")):
            if not term:
                continue
            entry = glossary.lookup(term) if glossary is not None else None
            key = entry.term if entry is not None else " ".join(term.split()).casefold()
            if key in seen:
                repeated.append(term)
                continue
            seen[key] = term
            terms.append(term)
        if repeated:
            _warn(
                "discussion question: :terms: names an entry more than once (%s); "
                "list each term once",
                self.get_location(),
                "question",
                ", ".join(repr(term) for term in repeated),
            )
        return terms


class FacilitatorNote(SphinxDirective):
    """``facilitator-note``: guidance kept only in the facilitator edition."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        outer: tuple[str, int] = current_document(self.env).get(_OPEN) or ("", 0)
        if outer[0] == self.name:
            nested_in(self)  # a note in a note; a note in a question is its place
            return []
        node = facilitator_note(classes=["sg-facilitator-note"])
        self.set_source_info(node)
        label = _("Facilitator note")
        title = nodes.paragraph(classes=["sg-facilitator-note-title"])
        title += nodes.strong(label, label)
        node += title
        node.extend(parse_body(self))
        return [node]


class DiscussionQuestions(SphinxDirective):
    """``discussion-questions``: the questions of the guide, or of ``:chapter:``."""

    option_spec: ClassVar[dict[str, Any]] = {"chapter": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        if nested_in(self):
            return []
        node = discussion_question_list()
        self.set_source_info(node)
        chapter = self.options.get("chapter", "").strip()
        node["chapter"] = docname_from(self.env, chapter) if chapter else ""
        return [node]


def docname_from(env: BuildEnvironment, name: str) -> str:
    """A document name written in a directive, relative to the current document."""
    name = name.strip().removesuffix(".md").removesuffix(".rst")
    return name[1:] if name.startswith("/") else docname_join(env.docname, name)
