"""Each HTML page's description for search engines and link previews.

With ``studyguide_meta_descriptions = True`` (the guide sets it; off by
default, so a host project's pages stay as its theme makes them), a page whose
source sets no ``description`` (MyST's ``html_meta``) gets one from its first
paragraph: the first sentences, up to about 160 characters, which is what
search results show.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes

from studyguide.config import Setting, add_config_values
from studyguide.nodeutil import ancestors, connect_page_context

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: Search engines show about this many characters of a description.
DESCRIPTION_CHARS = 160


def summary(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """*text* on one line, cut after a word, with an ellipsis when cut."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + "\u2026"


def first_paragraph(doctree: nodes.document) -> str:
    """The text of the document's first paragraph of prose."""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.Admonition, nodes.Inline)) for a in ancestors(paragraph)):
            continue
        text = paragraph.astext().strip()
        if text:
            return text
    return ""


def add_description(app: Sphinx, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Add ``<meta name="description">`` where the page has none."""
    metatags = context.get("metatags", "")
    if (
        not app.config.studyguide_meta_descriptions
        or doctree is None
        or 'name="description"' in metatags
    ):
        return
    text = summary(first_paragraph(doctree))
    if text:
        tag = f'<meta name="description" content="{html.escape(text, quote=True)}" />\n'
        context["metatags"] = metatags + tag


def setup_pagemeta(app: Sphinx) -> None:
    """Register the description for HTML pages, on if ``studyguide_meta_descriptions``."""
    add_config_values(
        app,
        {
            "studyguide_meta_descriptions": Setting(
                False, "give each HTML page without one a meta description", rebuild="html"
            ),
        },
    )
    connect_page_context(app, add_description)
