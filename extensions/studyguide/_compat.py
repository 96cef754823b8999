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

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import docutils
import sphinx
from sphinx.writers.manpage import ManualPageTranslator

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders.gettext import Catalog, MessageCatalogBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator


# -- Per-document state while reading ------------------------------------------
#
# Versions: Sphinx 8.1 (``env.temp_data``, a dict); Sphinx >= 8.2 has
# ``env.current_document``, whose mapping interface keeps extension keys.
# Upstream: sphinx-doc/sphinx#13151 (``current_document`` added, 8.2).
# Remove the fallback when the oldest supported Sphinx is 8.2
# (canary: ``test_current_document_fallback_still_needed``).


def current_document(env: BuildEnvironment) -> MutableMapping[str, Any]:
    """Data about the document being read, dropped when the next one starts."""
    # Sphinx 8.2's _CurrentDocument has a mapping interface but is no MutableMapping.
    document: Any = getattr(env, "current_document", None)
    if document is None:  # Sphinx 8.1
        document = env.temp_data
    return cast("MutableMapping[str, Any]", document)


# -- The gettext builder's catalogs -------------------------------------------
#
# Versions: Sphinx 8.1 to 9.x.  ``MessageCatalogBuilder.catalogs`` (a
# defaultdict of ``sphinx.builders.gettext.Catalog`` by text domain) is
# undocumented; Sphinx offers no public way for an extension to add messages
# that do not come from a doctree (the glossary's data file).  Upstream: no
# issue or pull request asks for one (searched sphinx-doc/sphinx, 2026-12).
# Canary: ``test_gettext_catalogs_shape``.


def gettext_catalog(builder: MessageCatalogBuilder, domain: str) -> Catalog:
    """The gettext builder's catalog for *domain* (created empty on first use)."""
    return builder.catalogs[domain]


# -- The project's .po files ------------------------------------------------------
#
# Versions: Sphinx 8.1 to 9.x.  ``sphinx.util.i18n.CatalogRepository`` and its
# ``catalogs`` (the ``.po`` files of ``locale_dirs`` for ``language``) are
# undocumented; it is how Sphinx finds the project's catalogs, so the glossary's
# catalog is found where Sphinx finds the pages'.  Upstream: no issue or pull
# request documents it (searched sphinx-doc/sphinx, 2026-12).  Canary:
# ``test_project_po_file_found_as_sphinx_finds_it``.


def project_po_file(
    srcdir: str | os.PathLike[str],
    locale_dirs: list[str],
    language: str,
    encoding: str,
    domain: str,
) -> Path | None:
    """The ``.po`` file of text domain *domain* in the project's ``locale_dirs``, or None."""
    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(srcdir, locale_dirs, language, encoding)
    for info in repo.catalogs:
        if info.domain == domain:
            return Path(info.po_path)
    return None


# -- The label LaTeX gives a reference's target ---------------------------------
#
# Versions: Sphinx 8.1 to 9.x.  A copy of the label computation in
# ``LaTeXTranslator.visit_reference``: the writer has no public method that
# returns the label a reference points to, and a ``:term:`` reference gets no
# page reference even with ``latex_show_pagerefs`` (a documented choice of
# the writer).  Upstream: no issue or pull request offers such a method
# (searched sphinx-doc/sphinx, 2026-12).  Canary:
# ``test_latex_label_matches_visit_reference`` runs the writer's own
# ``visit_reference`` and compares.


def latex_reference_label(translator: LaTeXTranslator, node: nodes.Element) -> str | None:
    """The LaTeX label *node*'s ``refuri``/``refid`` points to, as the writer computes it."""
    uri = node.get("refuri", "")
    if not uri and node.get("refid"):
        uri = "%" + translator.curfilestack[-1] + "#" + node["refid"]
    if uri.startswith("#"):
        return translator.curfilestack[-1] + ":" + uri[1:]
    if uri.startswith("%"):
        return uri[1:] + "::doc" if "#" not in uri else uri[1:].replace("#", ":")
    return None


# -- The search index's index entries -------------------------------------------

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


# -- Another extension's event listener --------------------------------------------
#
# Versions: Sphinx 8.1 to 9.x.  ``app.events.listeners`` (event name -> list of
# ``EventListener(id, handler, priority)``) is undocumented; ``app.disconnect``
# needs the listener id that ``app.connect`` returned to the extension that
# connected it, so an extension cannot remove another's listener in public.
# Used to stop sphinxcontrib-youtube 1.5 downloading thumbnails on
# ``env-updated`` (the build makes no network request).  Upstream: no issue
# asks for it (searched sphinx-doc/sphinx, 2026-12).
# Canary: ``test_event_listeners_shape``.


def disconnect_handler(app: Sphinx, event: str, handler: Any) -> None:
    """Disconnect every listener of *event* whose handler is *handler*."""
    for listener in list(app.events.listeners.get(event, [])):
        if listener.handler is handler:
            app.disconnect(listener.id)
