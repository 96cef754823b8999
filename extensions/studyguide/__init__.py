"""The study guide's Sphinx extension: glossary links, discussion questions, video.

``setup()`` only wires the components together; each component lives in a
module or subpackage of its own (``glossary/``, ``questions/``, ``book/``,
``sessions``, ``video``...) with a ``setup_<component>(app)`` function.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from studyguide import (
    _compat,
    accessibility,
    book,
    checks,
    collected,
    config,
    downloads,
    editions,
    glossary,
    i18n,
    pagemeta,
    paragraphs,
    questions,
    searchindex,
    sessions,
    typography,
    video,
)
from studyguide.glossary import chronology, sources

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: The version, written only here (pyproject.toml reads it).
__version__ = "1.1.0.dev0"
#: The oldest Sphinx the extension is tested with (8.0 lacks what it uses).
MIN_SPHINX = "8.1"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension's components."""
    app.require_sphinx(MIN_SPHINX)
    i18n.setup_i18n(app)
    _compat.setup_compat(app)
    config.setup_config(app)
    accessibility.setup_accessibility(app)
    collected.setup_collected(app)
    video.setup_video(app)
    glossary.setup_glossary(app)
    chronology.setup_chronology(app)
    sources.setup_sources(app)
    questions.setup_questions(app)
    sessions.setup_sessions(app)
    paragraphs.setup_paragraphs(app)
    book.setup_book(app)
    editions.setup_editions(app)
    downloads.setup_downloads(app)
    checks.setup_checks(app)
    searchindex.setup_searchindex(app)
    typography.setup_typography(app)
    pagemeta.setup_pagemeta(app)
    return {
        "version": __version__,
        # Raised when what the environment keeps changes shape, so that an
        # existing build directory is read again in full instead of mixing
        # pages of two versions (4: paragraph numbers as nodes, per-document
        # domains, the glossary page's packed entries; 5: the entries' sources;
        # 6: a session plan's body in the doctree, its ``:keep:``, context and dates).
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
