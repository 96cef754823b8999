"""Pages made from every document's data, and when they need writing again.

The glossary page ("Mentioned in"), the page of all questions and the session
plans are filled at write time from what the domains collected from every
document.  Such a page is written again when that data, or a document's
title, front matter or place in the toctree, changed in this build; not after
every edit, since on a large guide they are the slowest pages to write.

A domain that feeds these pages has a ``page_inputs(docname)`` method that
returns a comparable summary of what it holds for the document.  A page asks
about the domains it shows (``inputs_changed(env, "sgglossary")``): an edit
that adds a glossary mention rewrites the glossary page, not the page of all
questions.  Titles, front matter and the toctree count for every page.  The
pages list documents in ``toctree_order``.

What one build notes (the inputs before reading, which of them changed, the
final toctree order) lives in the ``sgcollected`` domain: Sphinx makes a
domain instance per environment and does not pickle it (only its ``data``,
here empty), so the notes last one build and are never shared between
environments, as a module-level dictionary would be.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studyguide.docdomain import PerDocumentDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Metadata MyST derives from the text (word count, heading slugs with their
#: line numbers): it changes with any edit, and no collected page shows it.
VOLATILE_METADATA = frozenset({"wordcount", "myst_slugs"})

DOMAIN = "sgcollected"


class CollectedPagesDomain(PerDocumentDomain):
    """What this build notes for the collected pages: attributes of the instance, not data.

    It declares no per-document data, so nothing is stored, pickled or merged.
    """

    name = DOMAIN
    label = "Collected pages"

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: The inputs as they were before this build read anything.
        self.before: dict[str, Any] | None = None
        #: Which of them changed ("" and domain names), once reading is over
        #: (several components ask).
        self.changed: set[str] | None = None
        #: The toctree order, kept once reading is over (every question number asks).
        self.order: list[str] | None = None

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        return []


def _state(env: BuildEnvironment) -> CollectedPagesDomain | None:
    """This build's notes, or None when ``setup_collected`` was not called."""
    domain = env.domains.get(DOMAIN)
    return domain if isinstance(domain, CollectedPagesDomain) else None


def toctree_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order of the toctree from the root document, depth first.

    Collected lists follow this order, not the reading order, which changes
    between a full and an incremental build (dict insertion order would move
    entries after an incremental build).  Once reading is
    over the toctrees no longer change, and the order is kept for the build.
    """
    state = _state(env)
    if state is not None and state.order is not None:
        return list(state.order)
    return _walk_toctree(env)


def _walk_toctree(env: BuildEnvironment) -> list[str]:
    order: list[str] = []
    seen = {env.config.root_doc}

    def walk(parent: str) -> None:
        for child in env.toctree_includes.get(parent, []):
            if child not in seen:
                seen.add(child)
                order.append(child)
                walk(child)

    walk(env.config.root_doc)
    return order


def page_inputs(env: BuildEnvironment) -> dict[str, Any]:
    """Everything the collected pages are made from, by source, comparable with ``==``.

    ``""`` holds what every page shows (titles, front matter, the toctrees);
    each domain with ``page_inputs`` has its own key, its name.
    """
    providers = [
        domain for _name, domain in sorted(env.domains.items()) if hasattr(domain, "page_inputs")
    ]
    documents = {}
    by_domain: dict[str, dict[str, Any]] = {provider.name: {} for provider in providers}
    for docname in sorted(env.all_docs):
        title = env.titles[docname].astext() if docname in env.titles else ""
        metadata = sorted(
            (key, repr(value))
            for key, value in env.metadata[docname].items()
            if key not in VOLATILE_METADATA
        )
        documents[docname] = (title, metadata)
        for provider in providers:
            by_domain[provider.name][docname] = provider.page_inputs(docname)
    toctrees = sorted(
        (docname, list(children)) for docname, children in env.toctree_includes.items()
    )
    return {"": (toctrees, documents), **by_domain}


def remember_inputs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Note the inputs before anything is read or removed (``env-get-outdated``)."""
    state = _state(env)
    if state is not None:
        state.before = page_inputs(env)
        state.changed = None
        state.order = None
    return []


def reading_done(app: Sphinx, env: BuildEnvironment) -> None:
    """From here on (``env-updated``) the toctrees are final for this build."""
    state = _state(env)
    if state is not None:
        state.order = _walk_toctree(env)


def inputs_changed(env: BuildEnvironment, *domains: str) -> bool:
    """Whether this build changed what the collected pages are made from.

    With domain names, only those domains' inputs (and the titles, front
    matter and toctrees) count; without, any of them.  Asked once reading is
    over (``env-get-updated``, ``env-updated``).
    """
    state = _state(env)
    if state is None or state.before is None:
        return True
    if state.changed is None:
        before, after = state.before, page_inputs(env)
        state.changed = {
            key for key in before.keys() | after.keys() if before.get(key) != after.get(key)
        }
    changed = state.changed
    if not domains:
        return bool(changed)
    return bool(changed & {"", *domains})


def setup_collected(app: Sphinx) -> None:
    """Remember the inputs at the start of each build.

    Without this (a component loaded on its own), ``inputs_changed`` is always
    true and the collected pages are written every build, as before.
    """
    app.add_domain(CollectedPagesDomain)
    app.connect("env-get-outdated", remember_inputs)
    app.connect("env-updated", reading_done, priority=100)
