"""Glossary links in the output: tooltips in HTML, page numbers in LaTeX.

Every link to a glossary entry becomes an
:class:`~studyguide.glossary.nodes.sg_term_reference` carrying the entry's short
definition: an auto-linked mention on doctree-resolved (``resolve_mentions``,
straight from the entry and the standard domain's term, with no cross-reference
to resolve), a ``{term}`` by a post-transform after Sphinx resolved it.  The
HTML visitor writes it as
``<a class="reference internal sg-term" href="..." data-sg-tip="...">`` (the tip
an escaped attribute, never markup) for ``studyguide-glossary.js``; the LaTeX
visitor adds ``\\sgpageref{label}`` (" (p. 42)") after the first mention of an
entry in each section, since Sphinx's LaTeX writer gives term references no
page number.  Other builders render the node as a plain reference.

An unresolved ``{term}`` gets the extension's own warning, with the nearest
known name ("unknown glossary term 'MIRR'; did you mean 'MIR'?").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from studyguide._compat import latex_reference_label
from studyguide.glossary.autolink import index_entry
from studyguide.glossary.domain import get_glossary
from studyguide.glossary.nodes import (
    glossary_mention,
    sg_backref,
    sg_page_mark,
    sg_term_reference,
)
from studyguide.nodeutil import relative_uris, with_fragment
from studyguide.typography import educate

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

    from studyguide.glossary.data import Entry

logger = logging.getLogger(__name__)

TERM_CLASS = "sg-term"


def term_reference(
    entry: Entry, pageref: bool, inner: nodes.Node, config: Config, **attributes: Any
) -> sg_term_reference:
    """The link to a glossary entry, carrying its tooltip and page-reference flag."""
    link = sg_term_reference("", "", **attributes)
    link["sg_tip"] = educate(entry.tip, config)
    link["sg_pageref"] = pageref
    link += inner
    return link


def entry_link(
    app: Sphinx, entry: Entry, fromdoc: str, uris: Callable[[str], str | None]
) -> nodes.Node:
    """A link to *entry* on the glossary page, as a ``{term}`` makes it, made when written.

    Made on doctree-resolved (the chronology, the Sources page), so it is no
    mention of the entry; its page prints in LaTeX.  Text where the entry has
    no term or the builder no URI for its page.
    """
    inner = nodes.inline(entry.display, entry.display, classes=["xref", "std", "std-term"])
    target = app.env.domains.standard_domain.objects.get(("term", entry.term))
    if target is None:
        return inner
    target_doc, node_id = target[0], target[1]
    if target_doc == fromdoc and app.builder.format != "latex":
        return term_reference(entry, True, inner, app.config, internal=True, refid=node_id)
    uri = uris(target_doc)
    if uri is None:
        return inner
    return term_reference(
        entry, True, inner, app.config, internal=True, refuri=with_fragment(uri, node_id)
    )


def resolve_mentions(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    """Make each auto-linked mention the link a ``{term}`` makes (doctree-resolved).

    The link goes to the entry's term on the glossary page (the standard
    domain's ``term`` object), with the entry's tooltip; where there is no
    such page, or it is not part of this output (a handout), the mention stays
    text.  HTML keeps a block's index entries in one node (the search index
    reads them there); other builders (LaTeX: the page number of each mention)
    get an index node right before each mention instead.  Collected copies
    (the page of all questions) are resolved the same way, for their page.
    """
    mentions = list(doctree.findall(glossary_mention))
    if not mentions:
        return
    glossary = get_glossary(app.env)
    objects = app.env.domains.standard_domain.objects
    per_mention_index = app.builder.format != "html"
    if per_mention_index:
        for index in list(doctree.findall(addnodes.index)):
            if index.get("sg_mentions"):
                index.parent.remove(index)
    uris = relative_uris(app.builder, fromdoc)
    # Each parent's children are rebuilt once: replacing the mentions one by one
    # (``parent.replace``) searches the children each time, quadratic in the
    # mentions of a paragraph (autolink "all": 100,000 took 263 s).
    replaced: dict[int, tuple[nodes.Element, dict[int, list[nodes.Node]]]] = {}
    for mention in mentions:
        term = mention["sg_term"]
        text = mention.astext()
        inner = nodes.inline(text, text, classes=["xref", "std", "std-term"], sg_term=term)
        entry = glossary.by_term.get(term)
        target = objects.get(("term", term)) if entry is not None else None
        result: nodes.Element = inner
        if entry is not None and target is not None:
            docname, node_id = target[0], target[1]
            pageref = bool(mention.get("sg_pageref"))
            # As make_refnode: a link within the page is an id.
            if docname == fromdoc:
                result = term_reference(
                    entry, pageref, inner, app.config, internal=True, refid=node_id
                )
            elif (uri := uris(docname)) is not None:
                result = term_reference(
                    entry,
                    pageref,
                    inner,
                    app.config,
                    internal=True,
                    refuri=with_fragment(uri, node_id),
                )
        replacement: list[nodes.Node] = [result]
        if per_mention_index and mention.get("sg_index"):
            index = addnodes.index(entries=[index_entry(term, mention["sg_index"], app.config)])
            replacement.insert(0, index)
        parent = mention.parent
        replaced.setdefault(id(parent), (parent, {}))[1][id(mention)] = replacement
    for parent, replacements in replaced.values():
        children: list[nodes.Node] = []
        for child in parent.children:
            new = replacements.get(id(child))
            if new is None:
                children.append(child)
            else:
                children.extend(new)
        parent[:] = children


class TermLinks(SphinxPostTransform):
    """Give resolved glossary links their entry's tooltip and page-reference flag."""

    # After ReferencesResolver (10) made the references.
    default_priority = 20

    def run(self, **kwargs: Any) -> None:
        glossary = get_glossary(self.env)
        for reference in list(self.document.findall(nodes.reference)):
            if isinstance(reference, sg_term_reference) or not reference.children:
                continue
            inner = reference[0]
            term = inner.get("sg_term") if isinstance(inner, nodes.Element) else None
            entry = glossary.by_term.get(term) if term else None
            if entry is None:
                continue
            attributes = {
                key: list(value) if isinstance(value, list) else value
                for key, value in reference.attributes.items()
            }
            pageref = bool(inner.get("sg_pageref"))
            link = term_reference(entry, pageref, inner, self.config, **attributes)
            link.extend(reference.children[1:])
            reference.replace_self(link)


def visit_term_reference_html(self: HTML5Translator, node: sg_term_reference) -> None:
    """``<a class="reference internal sg-term" href=... data-sg-tip=...>``."""
    href = (node["refuri"] or "#") if "refuri" in node else "#" + node["refid"]
    # starttag() escapes attribute values: a tip is text, never markup.
    attributes = {
        "class": f"reference internal {TERM_CLASS}",
        "href": href,
        "data-sg-tip": node["sg_tip"],
    }
    self.body.append(self.starttag(node, "a", "", **attributes))


def depart_term_reference_html(self: HTML5Translator, node: sg_term_reference) -> None:
    self.depart_reference(node)


def visit_reference_latex(self: LaTeXTranslator, node: nodes.reference) -> None:
    self.visit_reference(node)


def depart_reference_pageref_latex(self: LaTeXTranslator, node: nodes.reference) -> None:
    """Close the link; a "Mentioned in" link prints its page: ``Chapter I, p. 2``."""
    self.depart_reference(node)
    if self.in_title or not isinstance(node, sg_backref):
        return
    label = latex_reference_label(self, node)
    if label:
        self.body.append(rf"\sgpagerefplain{{{self.idescape(label)}}}")


def visit_page_mark_latex(self: LaTeXTranslator, node: sg_page_mark) -> None:
    """Print the entry's page where the mark stands: `` (p. 42)``."""
    label = latex_reference_label(self, node)
    if label and not self.in_title:
        self.body.append(rf"\sgpageref{{{self.idescape(label)}}}")
    raise nodes.SkipNode


#: After a term: a possessive, then closing quotes ("MIR’s", "“cordones”").
_PHRASE_END = re.compile(r"(?:[’']s(?![^\W\d_]))?[”’\"»]*")
#: The longest gloss in parentheses kept with its term: "(Patria y Libertad)".
GLOSS_CHARS = 60


def place_page_references(app: Sphinx, doctree: nodes.document, fromdoc: str) -> None:
    """Put the page of each first mention after the term's whole phrase (LaTeX).

    Not inside italics or quotes, and after a short gloss in parentheses that
    follows the term: "Fatherland and Freedom (Patria y Libertad) (p. 33)".
    """
    if app.builder.format != "latex":
        return
    for reference in list(doctree.findall(sg_term_reference)):
        if not reference.get("sg_pageref"):
            continue
        reference["sg_pageref"] = False
        mark = sg_page_mark()
        for key in ("refuri", "refid"):
            if reference.get(key):
                mark[key] = reference[key]
        _insert_after_phrase(reference, mark)


def _split_text(text: nodes.Text, at: int, mark: nodes.Node) -> None:
    pieces = [nodes.Text(str(text)[:at]), mark, nodes.Text(str(text)[at:])]
    text.parent.replace(text, [piece for piece in pieces if piece.astext() or piece is mark])


def _insert_after_phrase(reference: nodes.Element, mark: nodes.Element) -> None:
    anchor: nodes.Element = reference
    while isinstance(anchor.parent, nodes.Inline):
        anchor = anchor.parent  # out of italics, bold, inline markup
    parent = anchor.parent
    following = parent.children[parent.index(anchor) + 1 :]
    if not following or not isinstance(following[0], nodes.Text):
        parent.insert(parent.index(anchor) + 1, mark)
        return
    text = str(following[0])
    cut = _PHRASE_END.match(text).end()  # type: ignore[union-attr]
    if text[cut:].startswith(" ("):
        # A gloss: find its closing parenthesis, across italics, within reach.
        seen = 0
        for node in following:
            if not isinstance(node, nodes.Text):
                if any(node.findall(nodes.reference)):
                    break  # a link of its own: not a gloss of this term
                seen += len(node.astext())
                continue
            value = str(node)
            start = cut + 2 if node is following[0] else 0
            close, opened = value.find(")", start), value.find("(", start)
            if opened >= 0 and (close < 0 or opened < close):
                break  # nested parentheses
            if close < 0:
                seen += len(value) - start
                continue
            if seen + close - start < GLOSS_CHARS:
                _split_text(node, close + 1, mark)
                return
            break
    if cut:
        _split_text(following[0], cut, mark)
    else:
        parent.insert(parent.index(anchor) + 1, mark)


def unknown_term(
    app: Sphinx, env: BuildEnvironment, node: nodes.Element, contnode: nodes.Element
) -> nodes.Element | None:
    """Warn about a ``{term}`` that names no entry, suggesting the nearest name."""
    if node.get("refdomain") != "std" or node.get("reftype") != "term":
        return None
    if not app.config.studyguide_glossary:
        return None  # no glossary of the extension's: Sphinx's own terms, Sphinx's warning
    glossary = get_glossary(env)
    if not glossary.ok:
        # The data error was reported already.
        return contnode
    target = node.get("reftarget", "")
    entry = glossary.lookup(target)
    if entry is not None:
        # An alias written in another case: Sphinx ignores case for headwords only.
        std = env.domains.standard_domain
        resolved = std.resolve_xref(
            env, node["refdoc"], app.builder, "term", entry.term, node, contnode
        )
        # Unresolved only without a glossary page: warned about already.
        return resolved or contnode
    suggestion = glossary.suggest(target)
    hint = (
        f"; did you mean {suggestion!r}?"
        if suggestion
        else f"; add it to {glossary.path.name} or correct the spelling"
    )
    logger.warning(
        "unknown glossary term %r%s",
        target,
        hint,
        location=node,
        type="studyguide",
        subtype="unknown_term",
    )
    return contnode
