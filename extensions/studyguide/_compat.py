"""Private names of Sphinx the extension uses, in one place, each with why and until when.

Each entry: the private name, the Sphinx versions it was checked against, the
upstream issue that would make it unnecessary, and a canary test in
``tests/test_compat.py`` that fails once the upstream defect is fixed, so the
workaround is removed on time.  Nothing else in the extension reaches into
Sphinx's private attributes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

#: ``BuildEnvironment._search_index_index_entries``: docname -> the index
#: entries ``searchindex.js`` lists under ``indexentries`` (entry, anchor,
#: ``"main"`` or ``""``).  Sphinx fills it only while writing, after the
#: environment was pickled, so an incremental build starts with no entries for
#: the pages it does not write again and publishes an index without them.
#: Checked with Sphinx 8.1 to 9.0.4.  Upstream:
#: https://github.com/sphinx-doc/sphinx/issues/12599 (open).
#: Canary: ``tests/test_compat.py::test_sphinx_still_loses_index_entries``.
SEARCH_INDEX_ENTRIES = "_search_index_index_entries"


def search_index_entries(env: BuildEnvironment) -> dict[str, list[tuple[str, str, str]]]:
    """The table of :data:`SEARCH_INDEX_ENTRIES`, which the search index is made from."""
    table: dict[str, list[tuple[str, str, str]]] = getattr(env, SEARCH_INDEX_ENTRIES)
    return table
