"""The chronology: ``{studyguide-chronology}``, the dated glossary entries in date order.

A glossary entry may carry ``date`` (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``,
checked by ``glossary_data``) and ``event`` (one line on what happened then;
without it, the definition's first sentence).  The directive lists every dated
entry, or those within ``:from:`` and ``:to:``, in date order: a month before
the days of that month, a year before its months, entries of the same date by
headword.  Each row shows the date as readers write it ("29 June 1973",
"October 1972", "1974"), the event, a link to the entry, and links to the
chapters that mention the entry, in toctree order.

The directive makes the rows at read time, from the glossary data (the page is
read again when the glossary file changes), so the events' quotes and dashes
are typeset as the chapters' are; the auto-linker leaves them alone.  The
links of each row are made on ``doctree-resolved``, when every chapter's
mentions are known, as the glossary page's "Mentioned in" is: so late, they
are no mentions themselves.  The page is written again when the mentions,
titles or toctree it shows changed (``collected``).  In LaTeX the links print
the page of their target.

Messages have ``type="studyguide"`` and the subtype ``chronology``: an empty
chronology, or a ``:from:`` after its ``:to:``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import format_date
from sphinx.util.nodes import clean_astext

from studyguide.assets import add_static_dir
from studyguide.collected import inputs_changed
from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.glossary.autolink import NOLINK_CLASS
from studyguide.glossary.data import DATE_FORMS, is_iso_date, sort_key
from studyguide.glossary.directive import backref
from studyguide.glossary.domain import get_domain, get_glossary
from studyguide.glossary.output import entry_link
from studyguide.i18n import _
from studyguide.nodeutil import relative_uris
from studyguide.visitors import SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.glossary.data import Entry

logger = logging.getLogger(__name__)

#: A date as (year, month, day), 0 where the date does not say.
DateKey = tuple[int, int, int]


class sg_chronology_links(nodes.General, nodes.Element):
    """Placeholder for a row's links (entry, chapters), filled on doctree-resolved.

    Carries ``term``: the row's glossary entry.
    """


# -- Dates ------------------------------------------------------------------------


def date_key(iso: str) -> DateKey:
    """Where a date sorts: (1973, 0, 0) before (1973, 6, 0) before (1973, 6, 29)."""
    year, month, day = ([*map(int, iso.split("-")), 0, 0])[:3]
    return year, month, day


def date_span(iso: str) -> tuple[DateKey, DateKey]:
    """The first and the last day a date covers; day 31 ends any month (only compared)."""
    year, month, day = date_key(iso)
    return (year, month or 1, day or 1), (year, month or 12, day or 31)


def format_for_readers(iso: str, language: str) -> str:
    """A date as readers write it: "29 June 1973", "October 1972", "1974"."""
    year, month, day = date_key(iso)
    if not month:
        return str(year)
    moment = datetime.datetime(year, month, day or 1)
    pattern = str(_("%-d %B %Y")) if day else str(_("%B %Y"))
    return format_date(pattern, date=moment, language=language)


def iso_date_option(argument: str | None) -> str:
    """A ``:from:`` or ``:to:`` value: an ISO date of a day, a month or a year."""
    text = directives.unchanged_required(argument).strip()
    if not is_iso_date(text):
        raise ValueError(f"{text!r} is not a date; write {DATE_FORMS}")
    return text


def in_range(iso: str, start: str | None, end: str | None) -> bool:
    """Whether the whole of a date lies within ``start`` and ``end`` (both included)."""
    first, last = date_span(iso)
    return (start is None or date_span(start)[0] <= first) and (
        end is None or last <= date_span(end)[1]
    )


def chronological(
    entries: list[Entry], start: str | None, end: str | None
) -> list[tuple[str, Entry, str]]:
    """(date, entry, event) of every dated event within the range, in date order.

    An entry's ``date`` and ``event`` come first, then its ``events:``; events
    on the same date are ordered by headword.
    """
    dated = [
        (date, entry, event)
        for entry in entries
        for date, event in (
            ([(entry.date, entry.event or entry.tip)] if entry.date else []) + entry.events
        )
        if in_range(date, start, end)
    ]
    return sorted(dated, key=lambda row: (date_key(row[0]), sort_key(row[1].term), row[1].term))


# -- Directive ----------------------------------------------------------------------


class ChronologyDirective(SphinxDirective):
    """``{studyguide-chronology}``: the dated glossary entries in date order."""

    has_content = False
    required_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {"from": iso_date_option, "to": iso_date_option}

    def run(self) -> list[nodes.Node]:
        glossary = get_glossary(self.env)
        self.env.note_dependency(glossary.path)
        for catalog in glossary.translations:  # its translation
            self.env.note_dependency(catalog)
        if not glossary.ok:
            return []  # the data error was reported already
        start, end = self.options.get("from"), self.options.get("to")
        if start and end and date_span(start)[0] > date_span(end)[1]:
            logger.warning(
                "studyguide-chronology: :from: %s is after :to: %s; swap the two dates",
                start,
                end,
                location=self.get_location(),
                type="studyguide",
                subtype="chronology",
            )
            return []
        entries = chronological(glossary.entries, start, end)
        if not entries:
            within = (
                f" from {start} to {end}"
                if start and end
                else f" from {start} on"
                if start
                else f" up to {end}"
                if end
                else ""
            )
            logger.warning(
                "studyguide-chronology: no glossary entry has a date%s; add 'date:' "
                "(%s) to the entries of %s",
                within,
                DATE_FORMS,
                glossary.path.name,
                location=self.get_location(),
                type="studyguide",
                subtype="chronology",
            )
            return []
        language = self.config.language or "en"
        rows = nodes.definition_list(classes=["sg-chronology", NOLINK_CLASS])
        self.set_source_info(rows)
        for iso, entry, event_text in entries:
            date_text = format_for_readers(iso, language)
            date = nodes.term(date_text, "")
            date += nodes.inline(date_text, date_text, classes=["sg-chronology-date"])
            event = " ".join(event_text.split())
            definition = nodes.definition()
            definition += nodes.paragraph(event, event, classes=["sg-chronology-event"])
            definition += sg_chronology_links(term=entry.term)
            rows += nodes.definition_list_item("", date, definition, classes=["sg-chronology-row"])
        return [rows]


# -- Domain -------------------------------------------------------------------------


class ChronologyDomain(PerDocumentDomain):
    """The documents holding a chronology, written again when their inputs change."""

    name = "sgchronology"
    label = "Study guide chronology"
    #: docname -> True: the documents holding a chronology
    pages = PerDocument[bool]()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        if any(True for _node in document.findall(sg_chronology_links)):
            self.pages[docname] = True

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.Element]]:
        return []


def _domain(env: BuildEnvironment) -> ChronologyDomain:
    return cast("ChronologyDomain", env.get_domain(ChronologyDomain.name))


def rewrite_chronology_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Write the chronology pages again when the mentions they list may have changed."""
    return sorted(_domain(env).pages) if inputs_changed(env, get_domain(env).name) else []


# -- Filling the rows (doctree-resolved) ----------------------------------------------


def fill_chronology(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each row of a chronology its links: the entry, the chapters that mention it."""
    placeholders = list(doctree.findall(sg_chronology_links))
    if not placeholders:
        return
    env = app.env
    glossary = get_glossary(env)
    by_term = get_domain(env).mentions_in_toctree_order()
    # A chronology page naming an entry in its introduction is no chapter about it.
    pages = set(_domain(env).pages)
    uris = relative_uris(app.builder, docname)

    for placeholder in placeholders:
        term = placeholder["term"]
        entry = glossary.by_term.get(term)
        if entry is None:  # the page is read again with new data: only a safeguard
            placeholder.replace_self([])
            continue
        links = nodes.paragraph(classes=["sg-chronology-links"])
        links += nodes.strong(text=str(_("Glossary:")))
        links += nodes.Text(" ")
        links += entry_link(app, entry, docname, uris)
        chapters = [doc for doc, _found in by_term.get(term, []) if doc not in pages]
        if chapters:
            links += nodes.Text(" · ")
            links += nodes.strong(text=str(_("Mentioned in:")))
            links += nodes.Text(" ")
            for position, chapter in enumerate(chapters):
                if position:
                    links += nodes.Text("; ")
                title = clean_astext(env.titles[chapter]) if chapter in env.titles else chapter
                links += backref(app, uris, docname, chapter, "", title)
        placeholder.replace_self(links)


def setup_chronology(app: Sphinx) -> None:
    """Register the chronology component (after the glossary, whose data it lists)."""
    app.add_domain(ChronologyDomain)
    app.add_directive("studyguide-chronology", ChronologyDirective)
    # Filled on doctree-resolved; one left over must not break the output.
    register_nodes(app, {sg_chronology_links: Visitors()}, fallback=SKIP)
    app.connect("env-get-updated", rewrite_chronology_pages)
    app.connect("doctree-resolved", fill_chronology)
    add_static_dir(app)
    app.add_css_file("studyguide-chronology.css")
