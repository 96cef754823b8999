"""The glossary page: ``{studyguide-glossary}`` and its "Mentioned in" lines.

The directive turns the data into real glossary terms of Sphinx's standard
domain (``make_glossary_term``), one section per category, alphabetical within
each: ``{term}`` then resolves for every term and alias, the anchors are the
standard ``#term-...`` ones, and the terms go into ``objects.inv`` and the
index.  Each entry ends with a placeholder that ``doctree-resolved`` fills with
links back to the sections that mention it, in toctree order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import make_glossary_term
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import clean_astext

from studyguide.glossary.data import CATEGORY_HEADINGS, Entry, Glossary, name_key, sort_key
from studyguide.glossary.domain import get_domain, get_glossary
from studyguide.glossary.nodes import sg_backref, sg_mentions
from studyguide.glossary.sources import entry_sources
from studyguide.i18n import _
from studyguide.nodeutil import relative_uris, term_xref, with_fragment
from studyguide.typography import educate, number_ranges

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

#: Category -> heading of its group; entries of no configured category go last.
GROUP_LABELS: dict[str | None, str] = {
    **{name: heading for name, heading in CATEGORY_HEADINGS.items()},
    None: _("Other terms"),
}


def category_headings(config: Config, found: Iterable[str | None] = ()) -> dict[str, str]:
    """``studyguide_categories`` as category -> heading, in the page's order.

    A list names the categories; the known ones (``CATEGORY_HEADINGS``) get
    their translated heading, others their name capitalised.  A mapping gives
    each its heading.  ``None`` (the default): any category, the *found* ones
    the known ones first, in their table's order, then the others as the entries
    give them.
    """
    value = config.studyguide_categories
    if value is None:
        present = list(dict.fromkeys(name for name in found if name))
        value = [name for name in CATEGORY_HEADINGS if name in present]
        value += [name for name in present if name not in CATEGORY_HEADINGS]
    if isinstance(value, dict):
        return {str(name): str(heading) for name, heading in value.items()}
    return {
        name: str(GROUP_LABELS[name]) if name in GROUP_LABELS else name.capitalize()
        for name in value
    }


class GlossaryDirective(SphinxDirective):
    """``{studyguide-glossary}``: the whole glossary, grouped by category."""

    has_content = False
    required_arguments = 0
    option_spec: ClassVar[dict[str, object]] = {}

    def run(self) -> list[nodes.Node]:
        if not self.config.studyguide_glossary:
            logger.warning(
                "the studyguide-glossary directive has no glossary to show: "
                "studyguide_glossary is None in conf.py; set it to the data file's path",
                location=self.get_location(),
                type="studyguide",
                subtype="glossary_data",
            )
            return []
        glossary = get_glossary(self.env)
        self.env.note_dependency(glossary.path)
        for catalog in glossary.translations:
            self.env.note_dependency(catalog)
        document = self.state.document
        if self._is_second(document):
            return []
        # Marks the page for the auto-linker (never links here) and the domain.
        document["sg_glossary_page"] = True
        document["sg_glossary_line"] = self.lineno

        headings: dict[str | None, str] = {}
        headings.update(
            category_headings(self.config, (entry.category for entry in glossary.entries))
        )
        headings[None] = str(GROUP_LABELS[None])
        groups: dict[str | None, list[Entry]] = {}
        for entry in glossary.entries:
            category = entry.category if entry.category in headings else None
            groups.setdefault(category, []).append(entry)

        sections: list[nodes.Node] = []
        for category, title in headings.items():
            entries = sorted(groups.get(category, []), key=lambda e: sort_key(e.display))
            if not entries:
                continue
            section = nodes.section(classes=["sg-glossary-group"])
            section += nodes.title(title, title)
            section["names"].append(nodes.fully_normalize_name(title))
            document.note_implicit_target(section, section)
            glossary_node = addnodes.glossary()
            glossary_node["sorted"] = False
            dlist = nodes.definition_list(classes=["glossary", "sg-glossary"])
            for entry in entries:
                dlist += self.entry_item(entry, glossary)
            glossary_node += dlist
            section += glossary_node
            sections.append(section)
        return sections

    def entry_item(self, entry: Entry, glossary: Glossary) -> nodes.definition_list_item:
        """One entry: the term (a real glossary term), names, definition, links."""
        source, line = self.get_source_info()
        term = make_glossary_term(
            self.env, [nodes.Text(entry.display)], None, source, line, None, self.state.document
        )
        # The data's texts are translated where the data is loaded
        # (studyguide.glossary.translation), not by Sphinx's Locale transform.
        term["translatable"] = False
        node_id = term["ids"][0]
        # The index gets the chapters' typography ("People’s Power"), as the
        # entries of the mentions do (studyguide.glossary.autolink.index_entry).
        for index in term.findall(addnodes.index):
            index["entries"] = [
                (kind, educate(text, self.config), *rest) for kind, text, *rest in index["entries"]
            ]
        std = self.env.domains.standard_domain
        noted = {entry.display}
        for name in entry.names:
            if name in noted:
                continue  # a translated headword equal to an alias: one name
            noted.add(name)
            # Same anchor as the entry: {term}`alias` lands on the definition.
            # Sphinx matches this spelling; another case of an alias is resolved
            # by the glossary's missing-reference listener (``unknown_term``).
            std.note_object("term", name, node_id, location=term)
            if name_key(name) != name_key(entry.display):
                see_text = educate(f"{name}; {entry.display}", self.config)
                see = addnodes.index(entries=[("see", see_text, node_id, "", None)])
                see.source, see.line = source, line
                term += see

        definition = nodes.definition()
        names = self.names_line(entry)
        if names is not None:
            definition += names
        definition += nodes.paragraph(entry.definition, entry.definition)
        if entry.see_also:
            see_also = nodes.paragraph(classes=["sg-glossary-see-also"])
            see_also += nodes.strong(text=str(_("See also:")))
            see_also += nodes.Text(" ")
            for position, target in enumerate(entry.see_also):
                if position:
                    see_also += nodes.Text(", ")
                shown = glossary.by_term[target].display if target in glossary.by_term else target
                see_also += term_xref(target, shown, self.env.docname)
            definition += see_also
        definition += sg_mentions(term=entry.term)
        # In print the term is the argument of \sphinxlineitem, and an \index
        # there is written to the .idx file expanded: "\textbar {}" where the
        # chapters' entries have "\textbar{}" (the index lists the name twice),
        # "\{{}" for a brace (xindy stops: "unexpected char", and the whole index
        # is lost).  At the start of the definition they are written as they are.
        indexes = list(term.findall(addnodes.index))
        for index in indexes:
            index.parent.remove(index)
        first = definition.next_node(nodes.paragraph)
        if first is not None:
            first[0:0] = indexes
        cited = entry_sources(entry)
        if cited is not None:
            definition += cited
        return nodes.definition_list_item("", term, definition)

    def names_line(self, entry: Entry) -> nodes.paragraph | None:
        """Spanish name, English name, abbreviation and dates, on one line."""
        parts: list[list[nodes.Node]] = []

        def labelled(label: str, value: nodes.Node) -> list[nodes.Node]:
            return [nodes.inline(text=f"{label}: ", classes=["sg-label"]), value]

        if entry.spanish and entry.spanish != entry.term:
            parts.append(labelled(str(_("Spanish")), nodes.emphasis(text=entry.spanish)))
        if entry.english and entry.english != entry.term:
            parts.append(labelled(str(_("English")), nodes.Text(entry.english)))
        if entry.abbreviation and entry.abbreviation != entry.term:
            parts.append(labelled(str(_("Abbreviation")), nodes.Text(entry.abbreviation)))
        # Dates the definition states already ("in 1823") would stand alone.
        if entry.dates and entry.dates not in entry.definition:
            parts.append([nodes.Text(number_ranges(entry.dates))])
        if not parts:
            return None
        paragraph = nodes.paragraph(classes=["sg-glossary-names"])
        for position, part in enumerate(parts):
            if position:
                paragraph += nodes.Text(" · ")
            paragraph.extend(part)
        return paragraph

    def _is_second(self, document: nodes.document) -> bool:
        """Warn once for a second glossary: every term would be defined twice.

        (Across documents this sees the pages read before, as a serial build does.)
        """
        if document.get("sg_glossary_page"):
            where = f"this document, line {document.get('sg_glossary_line')}"
        else:
            others = sorted(set(get_domain(self.env).glossary_docs) - {self.env.docname})
            if not others:
                return False
            where = f"document {others[0]!r}"
        logger.warning(
            "a second studyguide-glossary directive (the glossary is already in %s): "
            "keep one; each term can be defined once",
            where,
            location=self.get_location(),
            type="studyguide",
            subtype="glossary_page",
        )
        return True


def fill_mentions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each "Mentioned in" placeholder by links to the mentioning sections."""
    placeholders = list(doctree.findall(sg_mentions))
    if not placeholders:
        return
    env = app.env
    by_term = get_domain(env).mentions_in_toctree_order()
    uris = relative_uris(app.builder, docname)
    for placeholder in placeholders:
        found = by_term.get(placeholder["term"], [])
        if not found:
            placeholder.replace_self([])
            continue
        paragraph = nodes.paragraph(classes=["sg-glossary-mentions"])
        paragraph += nodes.strong(text=str(_("Mentioned in:")))
        paragraph += nodes.Text(" ")
        for position, (target_doc, mentions) in enumerate(found):
            if position:
                paragraph += nodes.Text("; ")
            doc_title = (
                clean_astext(env.titles[target_doc]) if target_doc in env.titles else target_doc
            )
            subsections = [m for m in mentions if m.section_id]
            # The chapter's title is a link even when every mention is in
            # one of its sections (chapter III's were all in sections).
            paragraph += backref(app, uris, docname, target_doc, "", doc_title)
            if subsections:
                paragraph += nodes.Text(" (")
                for index, mention in enumerate(subsections):
                    if index:
                        paragraph += nodes.Text(", ")
                    paragraph += backref(
                        app, uris, docname, target_doc, mention.section_id, mention.section_title
                    )
                paragraph += nodes.Text(")")
        placeholder.replace_self(paragraph)


def backref(
    app: Sphinx,
    uris: Callable[[str], str | None],
    fromdoc: str,
    todoc: str,
    section_id: str,
    title: str,
) -> nodes.Node:
    """A link to a section (or a whole document), or plain text without URIs.

    ``uris`` gives the builder's URI of each target document for this page.
    """
    uri = uris(todoc)
    if uri is None:
        return nodes.Text(title)
    reference = sg_backref("", "", internal=True)
    # A LaTeX book resolves its whole assembled tree as the root document, so
    # "same document" there says nothing: always name the target document.
    if fromdoc == todoc and section_id and app.builder.format != "latex":
        reference["refid"] = section_id
    else:
        reference["refuri"] = with_fragment(uri, section_id) if section_id else uri
    reference += nodes.inline(title, title)
    return reference
