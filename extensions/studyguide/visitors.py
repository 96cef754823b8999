"""Visitor pairs every component shares, and one way to register a node's visitors.

A component describes its nodes as a table, ``{node class: Visitors(html=...,
latex=..., text=...)}``, and :func:`register_nodes` gives every builder a
visitor: the ones named, and a *fallback* (:data:`SKIP`, :data:`CHILDREN`) for
the others, the same way in every component.

The pairs made here (:func:`html_element`, :func:`wrapped`) write a fixed
opening and closing around a node's children: the one piece of logic behind
most of the extension's HTML and LaTeX visitors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    Visitor = Callable[[Any, Any], None]
    #: ``(visit, depart)``, as ``app.add_node`` takes it; ``depart`` may be ``None``.
    VisitorPair = tuple[Visitor, Visitor | None]


class Visitors(NamedTuple):
    """A node's visitor pair per builder; ``None``: the fallback of :func:`register_nodes`.

    ``plain`` serves man pages and texinfo, which have no boxes or styles:
    they print a node the same way.  ``epub`` is registered only where given
    (EPUB otherwise takes the HTML visitors) and never takes the fallback.
    """

    html: VisitorPair | None = None
    latex: VisitorPair | None = None
    text: VisitorPair | None = None
    plain: VisitorPair | None = None
    epub: VisitorPair | None = None

    @classmethod
    def leaf(cls, **visits: Visitor) -> Visitors:
        """Visitors that write the whole node in ``visit`` (and raise ``SkipNode``): no departs."""
        return cls(**{builder: (visit, None) for builder, visit in visits.items()})


def register_nodes(
    app: Sphinx,
    table: Mapping[type[nodes.Element], Visitors],
    *,
    fallback: VisitorPair | None = None,
    override: bool = False,
) -> None:
    """Register each node of *table* with its visitors, *fallback* for the builders it leaves out.

    Without a fallback, a builder left out gets no visitor (the node never
    reaches it: a post-transform for one format makes it).
    """
    for node, visitors in table.items():
        given = {
            "html": visitors.html,
            "latex": visitors.latex,
            "text": visitors.text,
            "man": visitors.plain,
            "texinfo": visitors.plain,
        }
        handlers: dict[str, VisitorPair] = {}
        for name, pair in given.items():
            chosen = pair or fallback
            if chosen:
                handlers[name] = chosen
        if visitors.epub:
            handlers["epub"] = visitors.epub
        app.add_node(node, override=override, **handlers)


def skip_node(self: Any, node: nodes.Node) -> None:
    """Print nothing of the node or its children.

    Also for placeholders filled on ``doctree-resolved``: one left over (a
    builder that never resolves) must not break the output.
    """
    raise nodes.SkipNode


def visit_children(self: Any, node: nodes.Node) -> None:
    """A container of blocks: nothing of its own, its children as they are."""


def depart_children(self: Any, node: nodes.Node) -> None:
    pass


#: The node left out, children and all.
SKIP: VisitorPair = (skip_node, None)
#: Only the node's children, as they are (man and texinfo: no box of their own).
CHILDREN: VisitorPair = (visit_children, depart_children)


def write_empty_element(
    self: HTML5Translator, node: nodes.Element, tag: str, *, suffix: str = "", **attributes: str
) -> None:
    """Write *node* as the empty HTML element *tag* (ids, classes, *attributes*), and skip it.

    Its content is drawn by CSS (a number, room to write): nothing of it is
    copied with the text or read by the search index.
    """
    self.body.append(self.starttag(node, tag, "", **attributes))
    self.body.append(f"</{tag}>{suffix}")
    raise nodes.SkipNode


def html_element(tag: str, suffix: str = "\n", **attributes: str) -> VisitorPair:
    """The node as the HTML element *tag* (its ids and classes, *attributes*) around its children.

    *suffix* follows the opening and the closing tag (``""`` for an inline element).
    """

    def visit(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(self.starttag(node, tag, suffix, **attributes))

    def depart(self: HTML5Translator, node: nodes.Element) -> None:
        self.body.append(f"</{tag}>{suffix}")

    return visit, depart


def wrapped(opening: str, closing: str) -> VisitorPair:
    """The node's children between two fixed strings (a LaTeX environment, a macro's braces)."""

    def visit(self: Any, node: nodes.Element) -> None:
        self.body.append(opening)

    def depart(self: Any, node: nodes.Element) -> None:
        self.body.append(closing)

    return visit, depart
