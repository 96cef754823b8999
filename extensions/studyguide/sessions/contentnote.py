"""``{content-note}``: a short, plain note on what a chapter's film part shows.

A block titled "Content note" (class ``sg-content-note``) for groups with
members who may want to know beforehand what the film shows (a killing on
camera, a bombing).  It is printed in every format: an admonition in HTML and
EPUB, a ruled block in LaTeX, an indented block in text.  The sessions
domain collects each chapter's notes, and the session plan of the chapter
repeats them at its top.

Glossary names in a note are not linked automatically (the chapter's text
links them); an explicit ``{term}`` still is.
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape

from studyguide.glossary.autolink import NOLINK_CLASS
from studyguide.i18n import _
from studyguide.nodeutil import clear_ids, resolved_copies
from studyguide.questions.helpers import _warn
from studyguide.visitors import CHILDREN, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator


class content_note(nodes.Admonition, nodes.Element):
    """A content note; its title is written by each builder's visitor."""


class ContentNote(SphinxDirective):
    """``content-note``: what the film shows, said plainly before it does."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        body = self.parse_content_to_nodes() if self.content else []
        if not any(child.astext().strip() for child in body):
            _warn(
                "empty content note: say in the directive's body what the film shows",
                (self.env.docname, self.lineno),
                "content_note",
            )
            return []
        node = content_note(classes=["sg-content-note", NOLINK_CLASS])
        self.set_source_info(node)
        node.extend(body)
        return [node]


def pickled_note(note: content_note) -> bytes:
    """The note and its body, pickled apart from its document (for the domain)."""
    copy = note.deepcopy()
    for element in copy.findall():
        element.document = None
    return pickle.dumps(copy, pickle.HIGHEST_PROTOCOL)


def note_copies(app: Sphinx, notes: list[bytes], fromdocname: str) -> list[content_note]:
    """Resolved copies of collected notes, for a page other than their chapter."""
    copies = [clear_ids(pickle.loads(data)) for data in notes]
    return resolved_copies(app, copies, fromdocname)


# -- Visitors ----------------------------------------------------------------------


def visit_note_html(self: HTML5Translator, node: content_note) -> None:
    self.body.append(self.starttag(node, "div", CLASS="admonition", role="note"))
    title = self.encode(str(_("Content note")))
    self.body.append(f'<p class="admonition-title">{title}</p>\n')


def depart_note_html(self: HTML5Translator, node: content_note) -> None:
    self.body.append("</div>\n")


def visit_note_latex(self: LaTeXTranslator, node: content_note) -> None:
    title = escape(str(_("Content note")), self.config.latex_engine)
    self.body.append(f"\n\\begin{{sgcontentnote}}{{{title}}}\n")


def depart_note_latex(self: LaTeXTranslator, node: content_note) -> None:
    self.body.append("\n\\end{sgcontentnote}\n")


def visit_note_text(self: TextTranslator, node: content_note) -> None:
    self.new_state(0)
    self.add_text(str(_("Content note")) + ":")
    self.end_state(wrap=False)
    self.new_state(2)


def depart_note_text(self: TextTranslator, node: content_note) -> None:
    self.end_state()


def setup_content_note(app: Sphinx) -> None:
    """Register the ``content-note`` directive and its node."""
    app.add_directive("content-note", ContentNote)
    register_nodes(
        app,
        {
            content_note: Visitors(
                html=(visit_note_html, depart_note_html),
                latex=(visit_note_latex, depart_note_latex),
                text=(visit_note_text, depart_note_text),
            )
        },
        fallback=CHILDREN,
    )
