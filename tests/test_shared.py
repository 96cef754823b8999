"""The helpers the components share: per-document domain data, node registration."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from docutils import nodes
from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.visitors import CHILDREN, SKIP, Visitors, html_element, register_nodes


class NotesDomain(PerDocumentDomain):
    name = "test_notes"
    notes = PerDocument[list[str]]()
    pages = PerDocument[bool]()


def make_domain() -> NotesDomain:
    return NotesDomain(SimpleNamespace(domaindata={}))  # type: ignore[arg-type]


def test_initial_data_comes_from_the_attributes() -> None:
    assert NotesDomain.initial_data == {"notes": {}, "pages": {}}


def test_clear_doc_and_merge_handle_whole_documents_only() -> None:
    domain = make_domain()
    domain.notes["a"] = ["one"]
    domain.pages["a"] = True
    domain.notes["b"] = ["two"]
    domain.clear_doc("a")
    assert domain.notes == {"b": ["two"]}
    assert domain.pages == {}
    # A parallel reader's data holds "b" too: only the given documents are copied.
    other = {"notes": {"b": ["stale"], "c": ["three"]}, "pages": {"c": True}}
    domain.merge_domaindata({"c"}, other)
    assert domain.notes == {"b": ["two"], "c": ["three"]}
    assert domain.pages == {"c": True}


class recorded(nodes.General, nodes.Element):
    pass


def test_register_nodes_fills_the_builders_left_out_with_the_fallback() -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    app = SimpleNamespace(add_node=lambda node, **kwargs: calls.append((node, kwargs)))
    html = html_element("div")
    register_nodes(app, {recorded: Visitors(html=html, plain=CHILDREN)}, fallback=SKIP)  # type: ignore[arg-type]
    register_nodes(app, {recorded: Visitors(latex=SKIP)})  # type: ignore[arg-type]
    assert calls == [
        (
            recorded,
            {
                "override": False,
                "html": html,
                "latex": SKIP,
                "text": SKIP,
                "man": CHILDREN,
                "texinfo": CHILDREN,
            },
        ),
        (recorded, {"override": False, "latex": SKIP}),
    ]
