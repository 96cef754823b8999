"""Translations of the labels the extension prints ("Question", "Mentioned in")."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.locale import get_translation

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MESSAGE_CATALOG = "studyguide"
LOCALE_DIR = Path(__file__).parent / "locale"

#: Translate a label: ``_("Question")``.  Lazy, so it follows ``language``.
_ = get_translation(MESSAGE_CATALOG)


def setup_i18n(app: Sphinx) -> None:
    """Register the extension's message catalog (``locale/<lang>/LC_MESSAGES``)."""
    app.add_message_catalog(MESSAGE_CATALOG, str(LOCALE_DIR))
