"""Automatic glossary links: a mention of a term or alias in the text links to it.

A read-time transform, after smartquotes (so it sees "MIR’s") and before the
domains collect the document (so the links count as mentions).  Each mention
becomes what ``{term}`` makes, a ``pending_xref`` to the standard domain's
term, plus an index entry at the mention.  ``studyguide_autolink`` = "first"
links the first mention of each entry per section, "all" every mention, "off"
none; a document's front matter ``studyguide_autolink: off`` overrides it, and
``{nolink}`text``` keeps one mention plain.  An explicit ``{term}`` counts as
its section's first mention.  Never linked: titles, code, literals, existing
links and references, URLs, and the glossary page itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from studyguide.glossary_domain import get_glossary

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.parsers.rst.states import Inliner

    from studyguide.glossary_data import Entry

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


class AutoLink(SphinxTransform):
    """Link glossary mentions in running text; mark explicit ``{term}`` links."""

    # After SphinxSmartQuotes (750), before SphinxDomains (850) collects mentions.
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        glossary = get_glossary(self.env)
        if not glossary.ok:
            return
        self.env.note_dependency(glossary.path)
        document = self.document
        on_glossary_page = bool(document.get("sg_glossary_page"))
        mode = (
            "off" if on_glossary_page else document_mode(document, self.config.studyguide_autolink)
        )
        matcher = glossary.matcher if mode != "off" and glossary.entries else None

        if matcher is not None:
            merge_text_runs(document)
        candidates = list(
            document.findall(lambda n: isinstance(n, nodes.Text | addnodes.pending_xref))
        )
        # Entries linked explicitly in each section: "first" leaves those alone.
        explicit: dict[int, set[str]] = {}
        for node in candidates:
            if isinstance(node, addnodes.pending_xref):
                entry = self._explicit_entry(node)
                if entry is not None:
                    explicit.setdefault(id(nearest(node)), set()).add(entry.term)

        linked: dict[int, set[str]] = {}  # section -> entries linked so far
        paged: dict[int, set[str]] = {}  # section -> entries with a page number
        for node in candidates:
            if isinstance(node, addnodes.pending_xref):
                entry = self._explicit_entry(node)
                if entry is None or not isinstance(node[0], nodes.Element):
                    continue
                _excluded, section, in_title = _context(node)
                node[0]["sg_term"] = entry.term
                if on_glossary_page:
                    continue
                if not in_title and entry.term not in paged.setdefault(id(section), set()):
                    paged[id(section)].add(entry.term)
                    node[0]["sg_pageref"] = True
                linked.setdefault(id(section), set()).add(entry.term)
                if not in_title:
                    self._index_before(node, entry)
                continue
            if matcher is None:
                continue
            text = node.astext()
            matches = matcher.find(text)
            if not matches:
                continue
            excluded, section, _in_title = _context(node)
            if excluded:
                continue
            key = id(section)
            done = linked.setdefault(key, set())
            skip = explicit.get(key, set()) if mode == "first" else set()
            replacement: list[nodes.Node] = []
            position = 0
            for match in matches:
                entry = glossary.by_term[match.target]
                if mode == "first" and (entry.term in done or entry.term in skip):
                    continue
                done.add(entry.term)
                if match.start > position:
                    replacement.append(nodes.Text(text[position : match.start]))
                pageref = entry.term not in paged.setdefault(key, set())
                paged[key].add(entry.term)
                replacement.extend(self._link(node, entry, text[match.start : match.end], pageref))
                position = match.end
            if not replacement:
                continue
            if position < len(text):
                replacement.append(nodes.Text(text[position:]))
            node.parent.replace(node, replacement)

    def _explicit_entry(self, node: addnodes.pending_xref) -> Entry | None:
        if node.get("refdomain") != "std" or node.get("reftype") != "term" or node.get("sg_auto"):
            return None
        return get_glossary(self.env).lookup(node.get("reftarget", ""))

    def _index_entry(
        self, at: nodes.Node, entry: Entry, source: str | None, line: int | None
    ) -> addnodes.index:
        """An index entry for a mention, pointing at the block that holds it.

        The entry names the paragraph (not an empty target of its own): the
        index links land on the mention's context, and the search page, which
        quotes the text of the element an index entry names, has text to quote.
        """
        block = next(
            (n for n in _ancestors(at) if isinstance(n, nodes.Body | nodes.term)), at.parent
        )
        # One id per block, shared by its mentions: HTML prints a second id as
        # an empty <span>, which the search page would quote as nothing.
        if not block["ids"]:
            block["ids"].append(f"index-{self.env.new_serialno('index')}")
        target_id = block["ids"][0]
        index = addnodes.index(entries=[("single", entry.term, target_id, "", None)])
        index.source, index.line = source, line
        return index

    def _index_before(self, node: nodes.Element, entry: Entry) -> None:
        source, line = get_node_line(node)
        node.parent.insert(node.parent.index(node), self._index_entry(node, entry, source, line))

    def _link(
        self, text_node: nodes.Text, entry: Entry, text: str, pageref: bool
    ) -> list[nodes.Node]:
        source, line = get_node_line(text_node.parent)
        xref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="term",
            reftarget=entry.term,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
            sg_auto=True,
        )
        xref.source, xref.line = source, line
        inline = nodes.inline(text, text, classes=["xref", "std", "std-term"], sg_term=entry.term)
        if pageref:
            inline["sg_pageref"] = True
        xref += inline
        return [self._index_entry(text_node, entry, source, line), xref]


def merge_text_runs(document: nodes.document) -> None:
    """Join neighbouring Text nodes, so a name wrapped over two lines is one text.

    MyST makes each soft line break a Text node of its own ("coup of", "\\n",
    "11 September 1973"); the output is the same once they are joined.
    """
    parents = {id(text.parent): text.parent for text in document.findall(nodes.Text)}
    for parent in parents.values():
        if parent is None:
            continue
        children = parent.children
        index = 0
        while index < len(children) - 1:
            first, second = children[index], children[index + 1]
            if isinstance(first, nodes.Text) and isinstance(second, nodes.Text):
                merged = nodes.Text(first.astext() + second.astext())
                parent.remove(second)
                parent.replace(first, merged)
            else:
                index += 1


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def nearest(node: nodes.Node) -> nodes.Element | None:
    """The innermost section holding ``node`` (None outside sections)."""
    return _context(node)[1]
