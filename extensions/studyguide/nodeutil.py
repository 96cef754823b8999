"""Node helpers every component shares: ancestors, sections, links, ``{term}`` references.

One of each, so that a fix (singlehtml's fragments, a builder without URIs)
reaches every place that makes a link.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.util.docutils import new_document
from sphinx.util.nodes import make_refnode

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    """The parents of *node*, innermost first."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


E = TypeVar("E", bound=nodes.Element)


def clear_ids(node: nodes.Element) -> nodes.Element:
    """Make *node* a copy to place elsewhere: no ids, no names, no index entries.

    The targets and the index entries belong to the original: a copy keeping
    them would give the search index entries that point at anchors the page
    does not have.
    """
    for index in list(node.findall(addnodes.index)):
        index.parent.remove(index)
    for element in node.findall(nodes.Element):
        element["ids"] = []
        element["names"] = []
    return node


def resolved_copies(app: Sphinx, copies: list[E], fromdocname: str) -> list[E]:
    """*copies* (see :func:`clear_ids`) with their references resolved for *fromdocname*.

    References resolve inside a document (as in ``sphinx.ext.todo``); all the
    copies share one, so the post-transforms run once for the lot and not once
    a copy.  The copies come back detached, to be placed on the page.
    """
    if not copies:
        return []
    document = new_document("")
    for copy in copies:
        document += copy
    app.env.resolve_references(document, fromdocname, app.builder)
    resolved: list[E] = list(document.children)
    document.clear()
    for copy in resolved:
        copy.parent = None
    return resolved


def nearest_section(node: nodes.Node) -> nodes.section | None:
    """The innermost section holding *node* (``None`` outside sections)."""
    return next((a for a in ancestors(node) if isinstance(a, nodes.section)), None)


def with_fragment(uri: str, anchor: str) -> str:
    """*uri* with *anchor* as its fragment.

    singlehtml gives a document's URI as a fragment already (``#document-X``);
    a second fragment after it would lead nowhere, and the whole book is one
    page there: the anchor alone is the link.
    """
    return f"{uri.partition('#')[0]}#{anchor}"


def relative_uris(builder: Builder, fromdoc: str) -> Callable[[str], str | None]:
    """The builder's URI of each document seen from *fromdoc*, asked once a document.

    ``None`` where the builder has none: LaTeX raises ``NoUri`` for a document
    outside the PDF being built (a handout links to nothing outside itself).
    """

    @functools.cache
    def uri(todoc: str) -> str | None:
        try:
            return builder.get_relative_uri(fromdoc, todoc)
        except NoUri:
            return None

    return uri


def refnode_or_text(
    builder: Builder,
    fromdocname: str,
    todocname: str,
    targetid: str | None,
    child: nodes.Node,
    title: str | None = None,
) -> nodes.Node:
    """A link to *todocname*#*targetid*, or *child* alone where the builder has no URI.

    LaTeX raises ``NoUri`` for a document that is not part of the PDF being
    built (a handout links to nothing outside itself).
    """
    try:
        reference = make_refnode(builder, fromdocname, todocname, targetid, child, title)
    except NoUri:
        return child
    uri = reference.get("refuri", "")
    if targetid and uri.count("#") > 1:  # singlehtml: "#document-X#id"
        reference["refuri"] = with_fragment(uri, targetid)
    return reference


def term_xref(
    target: str, text: str, docname: str, *, explicit: bool = True, **attributes: Any
) -> addnodes.pending_xref:
    """A ``{term}`` reference to *target* showing *text*, as the role makes it."""
    xref = addnodes.pending_xref(
        "",
        refdomain="std",
        reftype="term",
        reftarget=target,
        refexplicit=explicit,
        refwarn=True,
        refdoc=docname,
        **attributes,
    )
    xref += nodes.inline(text, text, classes=["xref", "std", "std-term"])
    return xref


def connect_page_context(
    app: Sphinx, listener: Callable[[Sphinx, dict[str, Any], nodes.document | None], None]
) -> None:
    """Call ``listener(app, context, doctree)`` for each HTML page (``html-page-context``).

    For listeners that change a page's context or read its doctree and need
    neither the page's name nor its template.
    """

    def on_page(
        app: Sphinx, pagename: str, template: str, context: dict[str, Any], doctree: Any
    ) -> None:
        listener(app, context, doctree)

    app.connect("html-page-context", on_page)
