"""Sources: where the glossary's facts come from, under each entry and on a page of their own.

A glossary entry (and each item of its ``events:``) may carry ``sources:``, a
list of short citations: an author, a title, a year, and a page or a URL
(checked by ``glossary_data``, see :mod:`studyguide.glossary.data`).  They are
shown in three places:

* on the glossary page, under the entry, in small print ("Sources: ..."), made
  by the glossary directive at read time: so they are part of the page's
  doctree, of the entry's HTML and of what the page's stored entries depend on
  (:mod:`studyguide.glossary.fragments`: the page is read again when the data
  changes);
* ``{studyguide-sources}``: every distinct citation once, in alphabetical
  order, each with the entries that cite it.  The citations are set at read
  time (the page is read again when the glossary file changes); the links to
  the entries are made on ``doctree-resolved``, as the chronology's are, so
  they are no mentions of the entries.  In LaTeX they print the entry's page;
* ``studyguide_require_sources``: ``"off"`` (default), ``"dated"`` (warn about
  every entry with a ``date:`` and every item of ``events:`` that has no
  source) or ``"all"`` (also about every entry with no source).

A citation is shown as written, except that a URL in it becomes a link
(``\\sphinxurl`` in LaTeX), ``*Title*`` is set in italics, and a range of
numbers takes the chapters' en dash ("1963-1973" becomes "1963–1973"; not in a
URL).  Citations are not translated: they name works as their authors titled
them.

Messages have ``type="studyguide"`` and the subtype ``sources`` (an entry or
event with no source, as ``studyguide_require_sources`` asks) or ``config``
(a value of ``studyguide_require_sources`` that is not allowed).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from studyguide.assets import add_static_dir
from studyguide.config import Setting, add_config_values, config_error
from studyguide.glossary.autolink import NOLINK_CLASS
from studyguide.glossary.data import CITATION_FORM, sort_key
from studyguide.glossary.domain import get_glossary
from studyguide.glossary.output import entry_link
from studyguide.i18n import _
from studyguide.nodeutil import relative_uris
from studyguide.typography import number_ranges
from studyguide.visitors import SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from studyguide.glossary.data import Entry, Glossary

logger = logging.getLogger(__name__)

REQUIRE_MODES = ("off", "dated", "all")

#: A URL in a citation: up to the next space (or a character a URL never holds);
#: the punctuation that ends the sentence around it is not part of it.  No
#: nested quantifiers: linear on any input (a citation is at most 500 characters).
_URL = re.compile(r"\bhttps?://[^\s<>\"]+")
_URL_TAIL = ".,;:!?'’\"”"
#: ``*Title*``: italics, as in Markdown; not across another asterisk.
_ITALICS = re.compile(r"\*([^*\s](?:[^*]{0,498}[^*\s])?)\*")


class sg_source_citers(nodes.General, nodes.Element):
    """Placeholder for a citation's "Cited in" links, filled on doctree-resolved.

    Carries ``terms``: the glossary entries that cite it, in the page's order.
    """


# -- A citation as nodes ----------------------------------------------------------------


def _split_url(url: str) -> tuple[str, str]:
    """The URL proper, and what follows it (a full stop, a closing bracket)."""
    end = len(url)
    while end and (
        url[end - 1] in _URL_TAIL
        or (url[end - 1] == ")" and url.count("(", 0, end) < url.count(")", 0, end))
    ):
        end -= 1
    return url[:end], url[end:]


def _text_with_italics(text: str) -> list[nodes.Node]:
    """Text and ``*titles*``, with the chapters' range dashes ("1963–1973", "pp. 322–340")."""
    found: list[nodes.Node] = []
    position = 0
    for match in _ITALICS.finditer(text):
        if match.start() > position:
            found.append(nodes.Text(number_ranges(text[position : match.start()])))
        title = number_ranges(match.group(1))
        found.append(nodes.emphasis(title, title))
        position = match.end()
    if position < len(text):
        found.append(nodes.Text(number_ranges(text[position:])))
    return found


def citation_nodes(citation: str) -> list[nodes.Node]:
    """A citation's text, its URLs as links and its ``*titles*`` in italics."""
    found: list[nodes.Node] = []
    position = 0
    for match in _URL.finditer(citation):
        url, tail = _split_url(match.group())
        if not url.partition("://")[2]:
            continue
        found.extend(_text_with_italics(citation[position : match.start()]))
        # As written: smartquotes must not turn the address's -- or ' into dashes and quotes.
        found.append(nodes.reference(url, url, refuri=url, support_smartquotes=False))
        position = match.start() + len(url)
        del tail
    found.extend(_text_with_italics(citation[position:]))
    return found


def citation(text: str) -> nodes.inline:
    """One citation, as an inline of class ``sg-citation``."""
    node = nodes.inline("", "", classes=["sg-citation"])
    node.extend(citation_nodes(text))
    return node


def entry_sources(entry: Entry) -> nodes.container | None:
    """The "Sources: ..." line under a glossary entry (small print), or None."""
    citations = entry.all_sources
    if not citations:
        return None
    paragraph = nodes.paragraph()
    paragraph += nodes.strong(text=str(_("Sources:")))
    paragraph += nodes.Text(" ")
    for position, text in enumerate(citations):
        if position:
            paragraph += nodes.Text("; ")
        paragraph += citation(text)
    # A container: LaTeX sets it in the environment sphinxclasssg-sources (sgglossary.sty).
    return nodes.container("", paragraph, classes=["sg-sources"])


# -- The Sources page ------------------------------------------------------------------


def _plain(citation_text: str) -> str:
    """What a citation sorts by: its words, without italics marks or leading quotes."""
    return sort_key(citation_text.replace("*", "").lstrip("\"“'‘( "))


def cited_by(glossary: Glossary) -> dict[str, list[Entry]]:
    """Each distinct citation, in alphabetical order, with the entries citing it (by headword)."""
    found: dict[str, list[Entry]] = {}
    for entry in sorted(glossary.entries, key=lambda e: (sort_key(e.display), e.term)):
        for text in entry.all_sources:
            found.setdefault(text, []).append(entry)
    return {text: found[text] for text in sorted(found, key=lambda t: (_plain(t), t))}


class SourcesDirective(SphinxDirective):
    """``{studyguide-sources}``: every citation of the glossary once, with the entries citing it."""

    has_content = False
    required_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        if not self.config.studyguide_glossary:
            logger.warning(
                "the studyguide-sources directive has no glossary to list the sources of: "
                "studyguide_glossary is None in conf.py; set it to the data file's path",
                location=self.get_location(),
                type="studyguide",
                subtype="sources",
            )
            return []
        glossary = get_glossary(self.env)
        self.env.note_dependency(glossary.path)
        for catalog in glossary.translations:  # the headwords shown
            self.env.note_dependency(catalog)
        if not glossary.ok:
            return []  # the data error was reported already
        found = cited_by(glossary)
        if not found:
            logger.warning(
                "studyguide-sources: no glossary entry has a source; add 'sources:' (%s) "
                "to the entries of %s",
                CITATION_FORM,
                glossary.path.name,
                location=self.get_location(),
                type="studyguide",
                subtype="sources",
            )
            return []
        # Citations name titles that are also glossary terms: they are not mentions.
        items = nodes.bullet_list(classes=["sg-sources-list", NOLINK_CLASS])
        self.set_source_info(items)
        for text, entries in found.items():
            item = nodes.list_item(classes=["sg-source"])
            item += nodes.paragraph("", "", citation(text))
            item += sg_source_citers(terms=[entry.term for entry in entries])
            items += item
        return [items]


def fill_citers(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give each citation of a Sources page its links to the entries that cite it."""
    placeholders = list(doctree.findall(sg_source_citers))
    if not placeholders:
        return
    glossary = get_glossary(app.env)
    uris = relative_uris(app.builder, docname)
    for placeholder in placeholders:
        entries = [
            glossary.by_term[term] for term in placeholder["terms"] if term in glossary.by_term
        ]
        if not entries:  # the page is read again with new data: only a safeguard
            placeholder.replace_self([])
            continue
        paragraph = nodes.paragraph()
        paragraph += nodes.strong(text=str(_("Cited in:")))
        paragraph += nodes.Text(" ")
        for position, entry in enumerate(entries):
            if position:
                paragraph += nodes.Text(", ")
            paragraph += entry_link(app, entry, docname, uris)
        # Small print in LaTeX too: the environment sphinxclasssg-source-citers.
        placeholder.replace_self(nodes.container("", paragraph, classes=["sg-source-citers"]))


# -- studyguide_require_sources -------------------------------------------------------------


def check_config(app: Sphinx, config: Config) -> None:
    """Reject a value of ``studyguide_require_sources`` other than off, dated, all."""
    value = config.studyguide_require_sources
    if value not in REQUIRE_MODES:
        config_error(
            app,
            "studyguide_require_sources = %r is not allowed; use one of %s (in conf.py)",
            value,
            ", ".join(repr(mode) for mode in REQUIRE_MODES),
        )
        config.studyguide_require_sources = "off"


def unsourced(glossary: Glossary, mode: str) -> list[tuple[int, str]]:
    """(line, message) for each entry or event without the source *mode* asks for.

    An entry's ``sources:`` cover its ``date:`` and all its events; an item of
    ``events:`` may name its own instead.
    """
    if mode not in {"dated", "all"}:
        return []
    add = f"add 'sources:' to the entry, a list of citations ({CITATION_FORM})"
    found: list[tuple[int, str]] = []
    for entry in glossary.entries:
        if entry.sources:
            continue
        line = entry.field_lines.get("term", entry.line)
        before = len(found)
        if entry.date:
            found.append(
                (
                    line,
                    f"glossary entry {entry.term!r} has a date ({entry.date}) but no source; {add}",
                )
            )
        for position, ((date, _event), cited) in enumerate(
            zip(entry.events, entry.event_sources, strict=True)
        ):
            if cited:
                continue
            found.append(
                (
                    entry.field_lines.get(f"events.{position}", line),
                    f"glossary entry {entry.term!r}: event {position + 1} of 'events' ({date}) "
                    f"has no source; add 'sources:' to the event or to the entry, a list of "
                    f"citations ({CITATION_FORM})",
                )
            )
        if mode == "all" and len(found) == before and not entry.all_sources:
            found.append((line, f"glossary entry {entry.term!r} has no source; {add}"))
    return found


def check_sources(app: Sphinx) -> None:
    """Warn about the entries without the sources ``studyguide_require_sources`` asks for."""
    glossary = get_glossary(app.env)
    if not glossary.ok:
        return
    for line, message in unsourced(glossary, app.config.studyguide_require_sources):
        logger.warning(
            message, location=f"{glossary.path}:{line}", type="studyguide", subtype="sources"
        )


def setup_sources(app: Sphinx) -> None:
    """Register the sources component (after the glossary, whose data it shows)."""
    add_config_values(
        app,
        {
            "studyguide_require_sources": Setting(
                "off",
                "warn about glossary entries without sources: 'off', 'dated' "
                "(entries and events with a date) or 'all'",
            ),
        },
    )
    app.connect("config-inited", check_config)
    app.add_directive("studyguide-sources", SourcesDirective)
    # Filled on doctree-resolved; one left over must not break the output.
    register_nodes(app, {sg_source_citers: Visitors()}, fallback=SKIP)
    app.connect("doctree-resolved", fill_citers)
    # After the glossary's data is loaded (builder-inited, priority 500).
    app.connect("builder-inited", check_sources, priority=600)
    add_static_dir(app)
