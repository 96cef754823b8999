"""One visitor pair per builder for the questions' nodes (man and texinfo share one).

The pairs that only wrap a node's children are made by ``studyguide.visitors``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from studyguide.i18n import _
from studyguide.visitors import html_element, visit_children, wrapped

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from studyguide.questions.nodes import discussion_question, question_header


QUESTION_HTML = html_element("div")
NUMBER_HTML = html_element("span", suffix="")
NOTE_HTML = html_element("aside", CLASS="admonition")


def visit_header_html(self: HTML5Translator, node: question_header) -> None:
    self.body.append(self.starttag(node, "p"))


def depart_header_html(self: HTML5Translator, node: question_header) -> None:
    question = node.parent
    if question.get("ids"):
        link = _("Link to this question")
        self.body.append(f'<a class="headerlink" href="#{question["ids"][0]}" title="{link}">¶</a>')
    self.body.append("</p>\n")


#: A question whose text (with its notes) is shorter than this many characters
#: is never split across pages: it moves to the next page whole.  About two
#: thirds of a page of the notes' small type: a longer box may split, after
#: its first lines (``\needspace`` in sgquestions.sty).
UNBREAKABLE_CHARS = 2400


def visit_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    # Options of the box: the label goes in tcolorbox's "phantom", which is
    # kept when the box is pushed to the next page (a \label in the box's
    # text is discarded with its empty first part); a short box is not split.
    continued = self.encode(_("(continued)"))
    options = ["sgcontinued={" + continued + "}"]
    if len(node.astext()) < UNBREAKABLE_CHARS:
        options.append("unbreakable")
    if node.get("priority") == "reserve":
        options.append("sgreserve")
    if node.get("ids"):
        options.append("phantom={" + self.hypertarget_to(node, anchor=True) + "}")
    self.body.append("\n\\begin{sgquestion}[" + ", ".join(options) + "]")


def depart_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    self.body.append("\\end{sgquestion}\n")


#: The header is the box's title: \begin{sgquestion}{<title>}.
HEADER_LATEX = wrapped("{", "}\n")
NUMBER_LATEX = wrapped("\\sgquestionnumber{", "}")
NOTE_LATEX = wrapped("\n\\begin{sgfacilitatornote}\n", "\n\\end{sgfacilitatornote}\n")


# -- Text --------------------------------------------------------------------------


def visit_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state(wrap=False)


def depart_header_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")
    self.end_state()


def depart_inline_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")


BLOCK_TEXT = (visit_block_text, depart_block_text)
HEADER_TEXT = (visit_block_text, depart_header_text)
NUMBER_TEXT = (visit_children, depart_inline_text)


# -- man and texinfo: the children, as paragraphs, with no box of their own -------


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    """The question's header line, printed as a paragraph of the page."""
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def depart_inline_space(self: Any, node: nodes.Element) -> None:
    self.body.append(" ")


HEADER_PLAIN = (visit_as_paragraph, depart_as_paragraph)
NUMBER_PLAIN = (visit_children, depart_inline_space)
