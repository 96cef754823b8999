"""Every use of a private or undocumented Sphinx, docutils or MyST name, and nowhere else.

Each entry says which versions it is for, the upstream issue or pull request
it works around (or that none exists), and has a canary in
``tests/test_compat.py`` that fails when upstream changes, so that the
workaround is removed on time.  ``tests/test_code_quality.py`` checks that no
other module uses such a name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import MutableMapping

    from docutils import nodes
    from sphinx.builders.gettext import Catalog, MessageCatalogBuilder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.latex import LaTeXTranslator

__all__ = ["current_document", "gettext_catalog", "latex_reference_label", "project_po_file"]


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
