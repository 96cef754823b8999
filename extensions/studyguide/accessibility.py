"""HTML accessibility repairs to Sphinx's own markup.

Sphinx writes a toctree caption as ``<p class="caption" role="heading">``
without ``aria-level``, which ARIA requires of a heading role (axe-core rule
``aria-required-attr``, impact "critical"); furo shows these captions in the
sidebar of every page.  The caption is given the level of a section heading.

The repair replaces Sphinx's HTML visitor of every title, so it is made only
where a project asks for it: ``studyguide_aria_captions = True`` (the guide
sets it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from studyguide.config import Setting, add_config_values

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.writers.html5 import HTML5Translator

CAPTION = '<p class="caption" role="heading"'
CAPTION_LEVEL = 2


def visit_title_html(self: HTML5Translator, node: nodes.title) -> None:
    """Sphinx's own ``visit_title``, with ``aria-level`` on toctree captions."""
    start = len(self.body)
    type(self).visit_title(self, node)
    if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
        for index in range(start, len(self.body)):
            if self.body[index].startswith(CAPTION):
                self.body[index] = self.body[index].replace(
                    CAPTION, f'{CAPTION} aria-level="{CAPTION_LEVEL}"', 1
                )
                break


def depart_title_html(self: HTML5Translator, node: nodes.title) -> None:
    type(self).depart_title(self, node)


def _register(app: Sphinx, config: Config) -> None:
    if config.studyguide_aria_captions:
        app.add_node(nodes.title, override=True, html=(visit_title_html, depart_title_html))


def setup_accessibility(app: Sphinx) -> None:
    """Register the repaired title visitor for HTML builders (EPUB inherits it), if asked."""
    add_config_values(
        app,
        {
            "studyguide_aria_captions": Setting(
                False,
                "give toctree captions aria-level (replaces the HTML title visitor)",
                rebuild="html",
            ),
        },
    )
    app.connect("config-inited", _register)
