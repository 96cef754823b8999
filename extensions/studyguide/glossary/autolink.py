"""Automatic glossary links: a mention of a term or alias in the text links to it.

A read-time transform, after smartquotes (so it sees "MIR’s") and before the
domains collect the document (so the links count as mentions).  Each mention
becomes a :class:`~studyguide.glossary.nodes.glossary_mention`, which
``output.resolve_mentions`` makes at write time into the link a
``{term}`` makes; the index entries of a block's mentions go into one index
node at the start of the block (the entries name the block).  ``studyguide_autolink`` = "first"
links the first mention of each entry per section, "all" every mention, "off"
none; a document's front matter ``studyguide_autolink: off`` overrides it, and
``{nolink}`text``` keeps one mention plain.  An explicit ``{term}`` counts as
its section's first mention.  Never linked: titles, code, literals, existing
links and references, URLs, and the glossary page itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from studyguide.glossary.domain import get_glossary
from studyguide.glossary.nodes import glossary_mention
from studyguide.nodeutil import ancestors, nearest_section
from studyguide.typography import educate

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.parsers.rst.states import Inliner
    from sphinx.config import Config

    from studyguide.glossary.data import Entry

AUTOLINK_MODES = ("first", "all", "off")
OFF_VALUES = {"off", "false", "no", "0", "none"}
NOLINK_CLASS = "sg-nolink"

# Text inside these is never linked.
EXCLUDED = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.caption,
    nodes.literal,
    nodes.FixedTextElement,
    nodes.reference,
    nodes.target,
    nodes.raw,
    nodes.comment,
    nodes.substitution_definition,
    nodes.docinfo,
    nodes.math,
    nodes.image,
    nodes.system_message,
    nodes.problematic,
    nodes.abbreviation,
    nodes.acronym,
    addnodes.pending_xref,
    glossary_mention,
    addnodes.index,
    addnodes.toctree,
    addnodes.glossary,
    addnodes.desc_signature,
    addnodes.literal_emphasis,
    addnodes.literal_strong,
)
TITLES = (nodes.title, nodes.subtitle, nodes.rubric, nodes.caption)


def get_node_line(node: nodes.Node) -> tuple[str | None, int | None]:
    """The source and line of ``node`` or of its nearest ancestor that has them."""
    current: nodes.Node | None = node
    while current is not None:
        if current.source and current.line:
            return current.source, current.line
        current = current.parent
    return None, None


def nolink_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{nolink}`MIR```: text the auto-linker leaves alone."""
    return [nodes.inline(rawtext, text, classes=[NOLINK_CLASS])], []


def document_mode(document: nodes.document, default: str) -> str:
    """The document's front matter ``studyguide_autolink`` if set, else the config's."""
    for docinfo in document.findall(nodes.docinfo):
        for field in docinfo.findall(nodes.field):
            if field[0].astext().strip() == "studyguide_autolink":
                value = field[1].astext().strip().lower()
                return (
                    "off" if value in OFF_VALUES else value if value in AUTOLINK_MODES else default
                )
    return default


def _context(node: nodes.Node) -> tuple[bool, nodes.Element | None, bool]:
    """Whether ``node`` may be linked, its innermost section, whether in a title."""
    parent = node.parent
    section = None
    in_title = False
    excluded = False
    while parent is not None:
        if isinstance(parent, TITLES):
            in_title = True
        if isinstance(parent, EXCLUDED) or NOLINK_CLASS in parent.get("classes", ()):
            excluded = True
        if section is None and isinstance(parent, nodes.section):
            section = parent
        parent = parent.parent
    return excluded, section, in_title


#: A month's name, where a name found in the text starts ("September 1973").
_MONTH = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)
#: The day that comes before it in a full date ("11 September 1973").
_DAY_BEFORE = re.compile(r"\b[0-9]{1,2}(?:st|nd|rd|th)?\s+$")


def date_start(text: str, position: int, start: int) -> int:
    """Where a name found at *start* begins, with the day of a full date before it.

    "11 September 1973" is one unit: a name "September 1973" found in it is
    linked with its day, never split from it.
    """
    if not _MONTH.match(text, start):
        return start
    day = _DAY_BEFORE.search(text, position, start)
    return day.start() if day is not None else start


class AutoLink(SphinxTransform):
    """Link glossary mentions in running text; mark explicit ``{term}`` links."""

    # After SphinxSmartQuotes (750), before SphinxDomains (850) collects mentions.
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        glossary = get_glossary(self.env)
        if not glossary.ok:
            return
        self.env.note_dependency(glossary.path)
        for catalog in glossary.translations:  # its translation
            self.env.note_dependency(catalog)
        document = self.document
        on_glossary_page = bool(document.get("sg_glossary_page"))
        mode = (
            "off" if on_glossary_page else document_mode(document, self.config.studyguide_autolink)
        )
        # Explicit {term} links: "first" leaves their entries alone in their
        # whole section, wherever in it they stand.
        explicit: dict[int, set[str]] = {}
        # Those outside titles get a page number and an index entry, in document
        # order with the automatic links; the walk below meets most of them.
        unseen: dict[int, addnodes.pending_xref | glossary_mention] = {}
        for node in document.findall(addnodes.pending_xref):
            entry = self._explicit_entry(node)
            if entry is None or not isinstance(node[0], nodes.Element):
                continue
            node[0]["sg_term"] = entry.term
            _excluded, section, in_title = _context(node)
            explicit.setdefault(id(section), set()).add(entry.term)
            if not in_title:
                unseen[id(node)] = node
        # Mentions made before this transform (a question's :terms:) are explicit too.
        for mention in document.findall(glossary_mention):
            _excluded, section, in_title = _context(mention)
            explicit.setdefault(id(section), set()).add(mention["sg_term"])
            if not in_title:
                unseen[id(mention)] = mention
        if on_glossary_page:
            return
        matcher = glossary.matcher if mode != "off" and glossary.entries else None
        first = mode == "first"
        linked: dict[int, set[str]] = {}  # section -> entries linked so far
        paged: dict[int, set[str]] = {}  # section -> entries with a page number
        changes: list[tuple[nodes.Element, int, int, list[nodes.Node]]] = []
        self._block_entries: dict[int, tuple[nodes.Element, list[Any]]] = {}
        for parent, start, stop, section in text_runs(document):
            key = id(section)
            children = parent.children
            if stop < 0:  # a reference or a mention, at children[start]
                node = unseen.pop(id(children[start]), None)
                if node is not None:
                    index = self._explicit_mention(node, paged.setdefault(key, set()))
                    if index is not None:
                        changes.append((parent, start, start, [index]))
                continue
            if matcher is None:
                continue
            text = "".join(children[start:stop])  # Text nodes are strings
            matches = matcher.find(text)
            if not matches:
                continue
            done = linked.setdefault(key, set())
            skip = explicit.get(key, set()) if first else set()
            pages = paged.setdefault(key, set())
            replacement: list[nodes.Node] = []
            position = 0
            for match in matches:
                entry = glossary.by_term[match.target]
                if first and (entry.term in done or entry.term in skip):
                    continue
                done.add(entry.term)
                begin = date_start(text, position, match.start)
                if begin > position:
                    replacement.append(nodes.Text(text[position:begin]))
                pageref = entry.term not in pages
                pages.add(entry.term)
                replacement.append(
                    self._mention(parent, entry.term, text[begin : match.end], pageref)
                )
                position = match.end
            if not replacement:
                continue
            if position < len(text):
                replacement.append(nodes.Text(text[position:]))
            changes.append((parent, start, stop, replacement))
        for node in unseen.values():  # inside something never linked (rare)
            index = self._explicit_mention(node, paged.setdefault(id(nearest_section(node)), set()))
            if index is not None:
                node.parent.insert(node.parent.index(node), index)
        # Last first: the positions of the earlier runs in a parent stay right.
        for parent, start, stop, replacement in reversed(changes):
            for new in replacement:
                new.parent = parent
            parent.children[start:stop] = replacement
        # Then each block's index entries, in one node at its start.
        for block, entries in self._block_entries.values():
            index = addnodes.index(entries=entries, sg_mentions=True)
            index.source, index.line = get_node_line(block)
            block.insert(0, index)

    def _explicit_mention(
        self, node: addnodes.pending_xref | glossary_mention, paged: set[str]
    ) -> addnodes.index | None:
        """Note an explicit link outside titles: page number, index entry.

        *paged* holds the entries already given a page number in its section.
        A ``{term}`` gets an index node of its own, returned to be inserted
        before it; a mention's entry joins its block's index node.
        """
        target = node if isinstance(node, glossary_mention) else node[0]
        term = target["sg_term"]
        if term not in paged:
            paged.add(term)
            target["sg_pageref"] = True
        if isinstance(node, glossary_mention):
            self._index_mention(node, node.parent)
            return None
        _block, target_id = self._index_target(node.parent)
        index = addnodes.index(entries=[index_entry(term, target_id, self.config)])
        index.source, index.line = get_node_line(node)
        return index

    def _explicit_entry(self, node: addnodes.pending_xref) -> Entry | None:
        if node.get("refdomain") != "std" or node.get("reftype") != "term":
            return None
        return get_glossary(self.env).lookup(node.get("reftarget", ""))

    def _index_target(self, parent: nodes.Element) -> tuple[nodes.Element, str]:
        """The block holding a mention in *parent*, and the id its index entry names.

        The entry names the paragraph (not an empty target of its own): the
        index links land on the mention's context, and the search page, which
        quotes the text of the element an index entry names, has text to quote.
        """
        block = next(
            (n for n in (parent, *ancestors(parent)) if isinstance(n, nodes.Body | nodes.term)),
            parent,
        )
        # One id per block, shared by its mentions: HTML prints a second id as
        # an empty <span>, which the search page would quote as nothing.
        if not block["ids"]:
            block["ids"].append(f"index-{self.env.new_serialno('index')}")
        return block, block["ids"][0]

    def _mention(
        self, parent: nodes.Element, term: str, text: str, pageref: bool
    ) -> glossary_mention:
        """The node of a mention found in *parent*'s text."""
        mention = glossary_mention(text, text, sg_term=term)
        if pageref:
            mention["sg_pageref"] = True
        self._index_mention(mention, parent)
        return mention

    def _index_mention(self, mention: glossary_mention, parent: nodes.Element) -> None:
        """Add the mention's entry to its block's index node; note the id it names."""
        block, target_id = self._index_target(parent)
        _block, entries = self._block_entries.setdefault(id(block), (block, []))
        entries.append(index_entry(mention["sg_term"], target_id, self.config))
        mention["sg_index"] = target_id


def index_entry(term: str, target_id: str, config: Config) -> tuple[str, str, str, str, None]:
    """The index entry of a mention of *term* in the block *target_id*.

    Its text gets the chapters' typography ("People’s Power"), as the entry
    of the term's definition does, so both fall under one heading.
    """
    return ("single", educate(term, config), target_id, "", None)


def text_runs(
    document: nodes.document,
) -> Iterator[tuple[nodes.Element, int, int, nodes.Element | None]]:
    """``(parent, start, stop, section)`` of each run of neighbouring Text nodes that
    may be linked, in document order; ``stop`` is -1 for a reference
    (``parent[start]`` is a ``pending_xref``).

    MyST makes each soft line break a Text node of its own ("coup of", "\\n",
    "11 September 1973"); a run is read as one text, so a name wrapped over two
    lines is found.  One walk, which never enters what is not linked (titles,
    code, references) and knows the section it is in.  The tree must not change
    while the walk runs.
    """
    # (element, its section, the index of the next child to look at)
    stack: list[tuple[nodes.Element, nodes.Element | None, int]] = [(document, None, 0)]
    while stack:
        element, section, index = stack.pop()
        children = element.children
        count = len(children)
        while index < count:
            child = children[index]
            if isinstance(child, nodes.Text):
                stop = index + 1
                while stop < count and isinstance(children[stop], nodes.Text):
                    stop += 1
                yield element, index, stop, section
                index = stop
                continue
            if isinstance(child, addnodes.pending_xref | glossary_mention):
                yield element, index, -1, section
            index += 1
            if (
                isinstance(child, nodes.Element)
                and child.children
                and not isinstance(child, EXCLUDED)
                and NOLINK_CLASS not in child.get("classes", ())
            ):
                # Come back to the rest of this element after the child.
                stack.append((element, section, index))
                inner = child if isinstance(child, nodes.section) else section
                stack.append((child, inner, 0))
                break
