"""Pages made from every document's data, and when they need writing again.

The glossary page ("Mentioned in"), the page of all questions and the session
plans are filled at write time from what the domains collected from every
document.  Such a page is written again when that data, or a document's
title, front matter or place in the toctree, changed in this build; not after
every edit, since on a large guide they are the slowest pages to write.

A domain that feeds these pages has a ``page_inputs(docname)`` method that
returns a comparable summary of what it holds for the document.  The pages
list documents in ``toctree_order``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Metadata MyST derives from the text (word count, heading slugs with their
#: line numbers): it changes with any edit, and no collected page shows it.
VOLATILE_METADATA = frozenset({"wordcount", "myst_slugs"})

#: The inputs as they were before this build read anything, per environment.
_BEFORE: WeakKeyDictionary[BuildEnvironment, Any] = WeakKeyDictionary()
#: Whether they changed, once reading is over (several components ask).
_CHANGED: WeakKeyDictionary[BuildEnvironment, bool] = WeakKeyDictionary()
#: The toctree order, kept once reading is over (every question number asks).
_ORDER: WeakKeyDictionary[BuildEnvironment, list[str]] = WeakKeyDictionary()


def toctree_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order of the toctree from the root document, depth first.

    Collected lists follow this order, not the reading order, which changes
    between a full and an incremental build (dict insertion order would move
    entries after an incremental build).  Once reading is
    over the toctrees no longer change, and the order is kept for the build.
    """
    if env in _ORDER:
        return list(_ORDER[env])
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


def page_inputs(env: BuildEnvironment) -> Any:
    """Everything the collected pages are made from, comparable with ``==``."""
    providers = [domain for domain in env.domains.sorted() if hasattr(domain, "page_inputs")]
    documents = {}
    for docname in sorted(env.all_docs):
        title = env.titles[docname].astext() if docname in env.titles else ""
        metadata = sorted(
            (key, repr(value))
            for key, value in env.metadata[docname].items()
            if key not in VOLATILE_METADATA
        )
        documents[docname] = (
            title,
            metadata,
            [provider.page_inputs(docname) for provider in providers],
        )
    toctrees = sorted(
        (docname, list(children)) for docname, children in env.toctree_includes.items()
    )
    return toctrees, documents


def remember_inputs(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Note the inputs before anything is read or removed (``env-get-outdated``)."""
    _BEFORE[env] = page_inputs(env)
    _CHANGED.pop(env, None)
    _ORDER.pop(env, None)
    return []


def reading_done(app: Sphinx, env: BuildEnvironment) -> None:
    """From here on (``env-updated``) the toctrees are final for this build."""
    _ORDER[env] = _walk_toctree(env)


def inputs_changed(env: BuildEnvironment) -> bool:
    """Whether this build changed what the collected pages are made from.

    Asked once reading is over (``env-get-updated``, ``env-updated``).
    """
    if env not in _BEFORE:
        return True
    if env not in _CHANGED:
        _CHANGED[env] = _BEFORE[env] != page_inputs(env)
    return _CHANGED[env]


def setup_collected(app: Sphinx) -> None:
    """Remember the inputs at the start of each build.

    Without this (a component loaded on its own), ``inputs_changed`` is always
    true and the collected pages are written every build, as before.
    """
    app.connect("env-get-outdated", remember_inputs)
    app.connect("env-updated", reading_done, priority=100)
