"""The chapters' typography for text that comes from the data.

Sphinx's smart quotes run while a document is read.  Text the extension adds
later (session plans' key terms and questions, filled on doctree-resolved) and
text written into attributes (the glossary's tooltips) would keep straight
quotes: "Coup d'État" beside "d’État".  Here the text nodes of each resolved
document that still hold a straight quote get the same treatment (text read
from the chapters was educated already and has none), and :func:`educate`
gives strings the same treatment, with an en dash in number ranges
("1915-2006" -> "1915–2006").
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.util.nodes import is_smartquotable

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Two numbers joined by a hyphen: a range of years or pages.
NUMBER_RANGE = re.compile(r"(?<![0-9-])([0-9]+)-([0-9]+)(?![0-9-])")


def number_ranges(text: str) -> str:
    """ "1915-2006" -> "1915–2006"; other hyphens stay."""
    return NUMBER_RANGE.sub("\\1\u2013\\2", text)


def educate(text: str, config: Config) -> str:
    """*text* with the chapters' quotes and dashes (as conf.py's smartquotes sets them)."""
    return _educate(
        text, bool(config.smartquotes), config.smartquotes_action, config.language or "en"
    )


@functools.lru_cache(maxsize=8192)
def _educate(text: str, enabled: bool, action: str, language: str) -> str:
    # Cached: the same tooltips and index entries come back at every mention.
    if enabled:
        text = smartquotes.smartyPants(text, action, language)
    return number_ranges(text)


#: What smart quotes change: straight quotes, double hyphens, three dots.
_UNEDUCATED = re.compile(r"['\"]|--|\.\.\.")


def educate_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Smart quotes for the text added after reading (doctree-resolved)."""
    config = app.config
    if not config.smartquotes or app.builder.name in config.smartquotes_excludes.get(
        "builders", []
    ):
        return
    language = config.language or "en"
    for text in list(doctree.findall(nodes.Text)):
        if not _UNEDUCATED.search(text) or not is_smartquotable(text):
            continue
        educated = smartquotes.smartyPants(str(text), config.smartquotes_action, language)
        if educated != str(text):
            text.parent.replace(text, nodes.Text(educated))


def setup_typography(app: Sphinx) -> None:
    """Run smart quotes on each resolved document, after the other handlers."""
    app.connect("doctree-resolved", educate_resolved, priority=900)
