"""A session's key terms: the plan's ``:key-terms:``, else derived from the chapter.

The author's choice (``Name: why it matters for this session``) is shown
with the author's text.  Without it, the key terms are the glossary terms the
chapter's questions name in ``:terms:`` (or its first glossary mentions),
each with the first sentence of its glossary definition.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from studyguide.nodeutil import refnode_or_text
from studyguide.questions.domain import DOMAIN
from studyguide.questions.helpers import glossary_data

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain

#: Key terms of a chapter whose questions name none: its first mentions.
MAX_MENTIONED = 8


@dataclass
class KeyTerm:
    """A glossary term of a session, with what the session says of it."""

    name: str
    definition: str
    docname: str | None = None
    target: str | None = None

    def name_node(self, builder: Builder, fromdocname: str) -> nodes.Node:
        """The term's name, a link to its glossary entry where the builder has pages."""
        name: nodes.Node = nodes.Text(self.name)
        if self.docname and self.target:
            name = refnode_or_text(builder, fromdocname, self.docname, self.target, name)
        return name


def key_terms(
    env: BuildEnvironment, docname: str, chosen: list[tuple[str, str]] | None = None
) -> list[KeyTerm]:
    """The session's key terms, in order, each with its text.

    *chosen*: the plan's ``:key-terms:`` (already checked against the
    glossary), shown with the author's text.  Without it, the glossary terms
    the chapter's questions name in ``:terms:``; a chapter whose questions
    name none gets its first :data:`MAX_MENTIONED` glossary mentions.  Their
    text is the glossary entry's first sentence (none without the glossary
    component).
    """
    if chosen is not None:
        return [_with_target(env, KeyTerm(name, why)) for name, why in chosen]
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    names: list[str] = []
    for question in domain.questions_of(docname):
        names.extend(name for name in question["terms"] if name not in names)
    glossary = glossary_data(env)
    if not names:
        names = _mentions(env, docname)[:MAX_MENTIONED]
    found: list[KeyTerm] = []
    seen: set[str] = set()
    for name in names:
        definition = ""
        if glossary is not None:
            entry = glossary.lookup(name)
            if entry is None:
                continue  # reported by the glossary's unknown-term warning
            name, definition = entry.term, entry.tip
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        found.append(_with_target(env, KeyTerm(name, definition)))
    return found


def _with_target(env: BuildEnvironment, term: KeyTerm) -> KeyTerm:
    """*term* with the document and id of its glossary entry, where there is one."""
    objects = env.domains.standard_domain.objects
    target = objects.get(("term", term.name))
    if target is None:
        # Sphinx's own lookup ignores case as its fallback.
        lower = term.name.lower()
        target = next(
            (
                value
                for (kind, name), value in objects.items()
                if kind == "term" and name.lower() == lower
            ),
            None,
        )
    if target:
        term.docname, term.target = target
    return term


def _mentions(env: BuildEnvironment, docname: str) -> list[str]:
    """The glossary terms *docname* mentions, in order of first mention."""
    glossary_domain = None
    with contextlib.suppress(KeyError):
        glossary_domain = env.domains["sgglossary"]
    names: list[str] = []
    if glossary_domain is not None:
        for mention in glossary_domain.data.get("mentions", {}).get(docname, []):
            if mention.term not in names:
                names.append(mention.term)
        return names
    for xref in env.get_doctree(docname).findall(addnodes.pending_xref):
        if xref.get("reftype") == "term" and xref["reftarget"] not in names:
            names.append(xref["reftarget"])
    return names
