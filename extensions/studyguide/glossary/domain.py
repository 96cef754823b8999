"""Where the glossary's mentions are collected: a Domain, safe under ``-j``.

Each document's mentions (the glossary names linked in it, explicitly or
automatically) live in ``data["mentions"][docname]``; ``clear_doc`` and
``merge_domaindata`` (``studyguide.docdomain``) handle whole documents only,
so a parallel or an incremental build holds exactly what a fresh serial one
does.  The loaded
glossary data itself is not domain data: it is read again on every build
(``builder-inited``) and hangs on the domain object as ``glossary``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from docutils import nodes
from sphinx.util import logging

from studyguide.collected import inputs_changed, toctree_order
from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.glossary.data import Glossary
from studyguide.nodeutil import nearest_section

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class Mention(NamedTuple):
    """A glossary entry named in a section of a document."""

    term: str
    section_id: str  # "" when the section is the document's own (top) section
    section_title: str


def section_key(section: nodes.section | None) -> tuple[str, str]:
    """A section's anchor and title; ("", "") for a document's top section."""
    if section is None or isinstance(section.parent, nodes.document) or not section["ids"]:
        return "", ""
    title = section.next_node(nodes.title)
    return section["ids"][0], title.astext() if title else ""


class GlossaryDomain(PerDocumentDomain):
    """Mentions of glossary entries, per document."""

    name = "sgglossary"
    label = "Study guide glossary"
    #: docname -> its mentions, in document order
    mentions = PerDocument[list[Mention]]()
    #: docname -> line of the directive: the pages holding the glossary
    glossary_docs = PerDocument[int]()

    #: The glossary data of this build (set on builder-inited, never pickled).
    glossary: Glossary | None = None
    #: The HTML builder whose stored entries the glossary page may reuse
    #: (set on builder-inited; see :mod:`studyguide.glossary.fragments`).
    fragment_builder: Builder | None = None

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        if document.get("sg_glossary_page"):
            # The directive's line, for a warning about a second page.
            self.glossary_docs[docname] = document.get("sg_glossary_line") or True
            return  # its see-also links are not mentions
        found = []
        for inline in document.findall(nodes.inline):
            term = inline.get("sg_term")
            if term:
                section_id, title = section_key(nearest_section(inline))
                found.append(Mention(term, section_id, title))
        if found:
            self.mentions[docname] = found

    def page_inputs(self, docname: str) -> tuple[Any, ...]:
        """What the glossary page shows of *docname*: its distinct mentions, in order."""
        return tuple(dict.fromkeys(self.mentions.get(docname, ()))), docname in self.glossary_docs

    def mentions_by_term(self, order: dict[str, int]) -> dict[str, list[tuple[str, list[Mention]]]]:
        """term -> the sections that mention it, grouped by document in toctree order.

        One pass over every mention, for a glossary page that lists them all.
        """
        result: dict[str, list[tuple[str, list[Mention]]]] = {}
        for docname in sorted(self.mentions, key=lambda doc: (order.get(doc, len(order)), doc)):
            sections: dict[str, dict[str, Mention]] = {}
            for mention in self.mentions[docname]:
                sections.setdefault(mention.term, {}).setdefault(mention.section_id, mention)
            for term, seen in sections.items():
                result.setdefault(term, []).append((docname, list(seen.values())))
        return result

    def mentions_in_toctree_order(self) -> dict[str, list[tuple[str, list[Mention]]]]:
        """:meth:`mentions_by_term` with the root document first (its introduction
        names terms too), then the toctree's order."""
        documents = [self.env.config.root_doc, *toctree_order(self.env)]
        return self.mentions_by_term({doc: n for n, doc in enumerate(documents)})


def get_domain(env: BuildEnvironment) -> GlossaryDomain:
    return cast("GlossaryDomain", env.get_domain(GlossaryDomain.name))


def get_glossary(env: BuildEnvironment) -> Glossary:
    """The glossary data of this build (empty until builder-inited loaded it)."""
    glossary = get_domain(env).glossary
    if glossary is None:
        return Glossary(Path(env.srcdir) / env.config.studyguide_glossary, ok=False)
    return glossary


# -- Events ---------------------------------------------------------------------


def rewrite_glossary_pages(app: Sphinx, env: BuildEnvironment) -> Iterable[str]:
    """Write the glossary page again when the mentions it lists may have changed.

    Its "Mentioned in" lines are made at write time, so the page needs no
    re-reading, only re-writing (env-get-updated names documents to write).
    """
    changed = inputs_changed(env, GlossaryDomain.name)
    return list(get_domain(env).glossary_docs) if changed else []


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn about entries no document mentions, and a glossary with no page."""
    glossary = get_glossary(env)
    if not glossary.ok or not glossary.entries:
        return
    domain = get_domain(env)
    location = str(glossary.path)
    if not domain.glossary_docs and app.config.studyguide_glossary_page:
        # No location: Sphinx would take the data file for a document.
        logger.warning(
            "no document contains the studyguide-glossary directive, so the mentions of "
            "the entries of %s have no page to link to; put the directive on a page, or "
            "set studyguide_glossary_page = False in conf.py",
            app.config.studyguide_glossary,
            type="studyguide",
            subtype="no_glossary_page",
        )
    pages = sorted(domain.glossary_docs)
    if len(pages) > 1:
        # A parallel read (-j) does not see the other page while reading.
        logger.warning(
            "a second studyguide-glossary directive (the glossary is already in "
            "document %r): keep one; each term can be defined once",
            pages[0],
            location=(pages[1], domain.glossary_docs[pages[1]]),
            type="studyguide",
            subtype="glossary_page",
        )
    mentioned = {mention.term for found in domain.mentions.values() for mention in found}
    for entry in glossary.entries:
        if entry.term not in mentioned:
            logger.warning(
                "glossary entry %r is mentioned nowhere: no document names it or one of "
                "its aliases; add the form the text uses as an alias, or remove the entry",
                entry.term,
                location=f"{location}:{entry.field_lines.get('term', entry.line)}",
                type="studyguide",
                subtype="unused_term",
            )
