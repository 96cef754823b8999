"""A complete search index after incremental HTML builds (a Sphinx 9.0 bug, worked around).

Sphinx keeps the index entries of the search index (``indexentries`` in
``searchindex.js``: what the index page lists) in the environment, but feeds
them while *writing*, after the environment was pickled.  An incremental
build therefore starts with none, feeds only the pages it writes again, and
publishes a ``searchindex.js`` without the entries of every other page (131
entries -> 0 on the guide, reproduced without this extension).  The
document list has the same weakness: a build killed before it wrote the
index leaves pages out of it until ``make clean``.

The repair, in two steps, both reading the last ``searchindex.js`` written
(Sphinx writes it whole, through a temporary file):

* ``env-get-outdated``: a page missing from that index (or the index itself
  missing or unreadable while pages exist), or a page with index entries of
  its own (the index domain's, from reading) but none in the index, is read
  and written again, so Sphinx indexes it: an index left broken by an
  earlier build heals;
* ``write-started``: the index entries of every page are put back from that
  index before Sphinx writes; the pages written again replace theirs when
  Sphinx feeds them.  The file holds the entries lower-cased, as Sphinx
  writes them, so what goes back out is the same.

Nothing happens for builders without a search index (LaTeX, EPUB).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.search import js_index

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def _index_path(builder: Builder) -> Path | None:
    """The builder's ``searchindex.js``, or None when it writes no search index."""
    name = getattr(builder, "searchindex_filename", None)
    if not getattr(builder, "search", False) or not name:
        return None
    return Path(builder.outdir) / name


def _load(path: Path) -> dict[str, Any] | None:
    """The frozen index Sphinx wrote last, or None if there is none to read."""
    try:
        data = js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("docnames"), list) else None


def pages_missing_from_index(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages the last search index lacks: read (and so indexed) again."""
    path = _index_path(app.builder)
    if path is None or not env.all_docs:
        return []
    frozen = _load(path)
    indexed = set(frozen["docnames"]) if frozen else set()
    # A page with index entries of its own (read time) but none in the index:
    # an index written by an incremental build before this repair.
    with_entries: set[str] = set()
    if frozen and isinstance(frozen.get("indexentries"), dict):
        names = frozen["docnames"]
        for places in frozen["indexentries"].values():
            with_entries.update(names[place[0]] for place in places if place[0] < len(names))
    expected = {doc for doc, entries in env.domains.index_domain.entries.items() if entries}
    missing = (set(env.all_docs) - indexed) | (expected & set(env.all_docs) - with_entries)
    return sorted(missing - added - changed - removed)


def restore_index_entries(app: Sphinx, builder: Builder) -> None:
    """Put back every page's index entries from the last search index."""
    path = _index_path(builder)
    if path is None:
        return
    frozen = _load(path)
    # Private, and no public API reaches it: it is the table Sphinx 9 forgets
    # the unread pages of (the defect this module repairs); check it on upgrades.
    entries: dict[str, list[tuple[str, str, str]]] = builder.env._search_index_index_entries
    # A page removed since would make Sphinx's freeze() fail.
    for docname in set(entries) - set(builder.env.all_docs):
        del entries[docname]
    if not frozen or not isinstance(frozen.get("indexentries"), dict):
        return
    docnames: list[str] = frozen["docnames"]
    restored: dict[str, set[tuple[str, str, str]]] = {}
    for entry, places in frozen["indexentries"].items():
        for index, entry_id, main in places:
            if 0 <= index < len(docnames):
                restored.setdefault(docnames[index], set()).add(
                    (entry, entry_id, "main" if main else "")
                )
    # Every page in name order, as a fresh build feeds them (the written pages
    # replace their value in place): the same searchindex.js, byte for byte.
    complete = {
        docname: sorted(restored[docname]) if docname in restored else entries.get(docname, [])
        for docname in sorted(builder.env.all_docs)
    }
    entries.clear()
    entries.update(complete)


def setup_searchindex(app: Sphinx) -> None:
    """Keep ``searchindex.js`` complete across incremental builds."""
    app.connect("env-get-outdated", pages_missing_from_index)
    app.connect("write-started", restore_index_entries)
