"""Private names and upstream bugs of Sphinx and docutils, each with why and until when.

Each entry: the private name or the workaround, the versions it was checked
against, the upstream issue that would make it unnecessary, and a canary test
in ``tests/test_compat.py`` that fails once the upstream defect is fixed, so
the workaround is removed on time.  Nothing else in the extension reaches into
Sphinx's private attributes.

``MANPAGE_REFERENCES``: Sphinx 9 with docutils 0.22.  docutils 0.22's
manual-page writer sets ``visit_reference`` on each translator *instance*
(after its ``text_references`` setting), which hides Sphinx's own method of
``ManualPageTranslator``: every internal link printed its fragment after the
text ("Popular Unity <#term-Popular-Unity>", ``:doc:`` links as ``<>``).
Reported as Sphinx issue 14427
(https://github.com/sphinx-doc/sphinx/issues/14427, seen with Sphinx 9.0.4
and 9.1.0); the fix proposed in pull request 14436
(https://github.com/sphinx-doc/sphinx/pull/14436), still open, is the one
applied here.  Sphinx 8 with docutils 0.21 is not affected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import docutils
import sphinx
from sphinx.writers.manpage import ManualPageTranslator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in text.split(".")[:2]:
        digits = "".join(c for c in part if c in "0123456789")
        parts.append(int(digits or 0))
    return tuple(parts)


#: Sphinx issue 14427: Sphinx >= 9.0 with docutils >= 0.22 (no fixed release yet).
MANPAGE_REFERENCES = _version(sphinx.__version__) >= (9, 0) and _version(docutils.__version__) >= (
    0,
    22,
)


class FixedManualPageTranslator(ManualPageTranslator):
    """Sphinx's manual-page translator with its own reference visitors back (issue 14427)."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.__dict__.pop("visit_reference", None)
        self.__dict__.pop("depart_reference", None)
        # The link's text in italics, as Sphinx wrote it with docutils 0.21.
        self.defs.setdefault("reference", (r"\fI\%", r"\fP"))


def _fix_manpage_translator(app: Sphinx) -> None:
    """Use the fixed translator, unless the project set a translator of its own."""
    if "man" not in app.registry.translators:
        app.set_translator("man", FixedManualPageTranslator)


def setup_compat(app: Sphinx) -> None:
    """Apply the workarounds the running versions need."""
    if MANPAGE_REFERENCES:
        app.connect("builder-inited", _fix_manpage_translator, priority=100)
