"""Translations of the labels the extension prints ("Question", "Mentioned in")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "studyguide"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Translate a label: ``_("Question")``.  Lazy, so it follows ``language``.
_ = get_translation(MESSAGE_CATALOG)


def note_catalog(app: Sphinx, doctree: nodes.document) -> None:
    """Every page depends on the catalog of its language (doctree-read).

    Its labels are in every page ("Question", "Mentioned in"); Sphinx tracks
    the project's catalogs, not an extension's, so an edited catalog would
    leave every page with the old labels until a clean build.
    """
    language = app.config.language
    if not language or language == "en":
        return
    catalog = Path(LOCALE_DIR) / language / "LC_MESSAGES" / f"{MESSAGE_CATALOG}.mo"
    if catalog.is_file():
        app.env.note_dependency(str(catalog))


def setup_i18n(app: Sphinx) -> None:
    """Register the extension's message catalog (``locale/<lang>/LC_MESSAGES``)."""
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
    app.connect("doctree-read", note_catalog)
