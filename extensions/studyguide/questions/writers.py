"""One visitor pair per builder for the questions' nodes (man and texinfo share one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from studyguide.i18n import _

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from studyguide.questions.nodes import (
        discussion_question,
        facilitator_note,
        question_header,
        question_number,
    )


def visit_question_html(self: HTML5Translator, node: discussion_question) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_question_html(self: HTML5Translator, node: discussion_question) -> None:
    self.body.append("</div>\n")


def visit_header_html(self: HTML5Translator, node: question_header) -> None:
    self.body.append(self.starttag(node, "p"))


def depart_header_html(self: HTML5Translator, node: question_header) -> None:
    question = node.parent
    if question.get("ids"):
        link = _("Link to this question")
        self.body.append(f'<a class="headerlink" href="#{question["ids"][0]}" title="{link}">¶</a>')
    self.body.append("</p>\n")


def visit_number_html(self: HTML5Translator, node: question_number) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_number_html(self: HTML5Translator, node: question_number) -> None:
    self.body.append("</span>")


def visit_note_html(self: HTML5Translator, node: facilitator_note) -> None:
    self.body.append(self.starttag(node, "aside", CLASS="admonition"))


def depart_note_html(self: HTML5Translator, node: facilitator_note) -> None:
    self.body.append("</aside>\n")


#: A question whose text (with its notes) is shorter than this many characters
#: is never split across pages: it moves to the next page whole.
UNBREAKABLE_CHARS = 900


def visit_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    # Options of the box: the label goes in tcolorbox's "phantom", which is
    # kept when the box is pushed to the next page (a \label in the box's
    # text is discarded with its empty first part); a short box is not split.
    continued = self.encode(_("(continued)"))
    options = ["sgcontinued={" + continued + "}"]
    if len(node.astext()) < UNBREAKABLE_CHARS:
        options.append("unbreakable")
    if node.get("ids"):
        options.append("phantom={" + self.hypertarget_to(node, anchor=True) + "}")
    self.body.append("\n\\begin{sgquestion}[" + ", ".join(options) + "]")


def depart_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    self.body.append("\\end{sgquestion}\n")


def visit_header_latex(self: LaTeXTranslator, node: question_header) -> None:
    # The header is the box's title: \begin{sgquestion}{<title>}.
    self.body.append("{")


def depart_header_latex(self: LaTeXTranslator, node: question_header) -> None:
    self.body.append("}\n")


def visit_number_latex(self: LaTeXTranslator, node: question_number) -> None:
    self.body.append("\\sgquestionnumber{")


def depart_number_latex(self: LaTeXTranslator, node: question_number) -> None:
    self.body.append("}")


def visit_note_latex(self: LaTeXTranslator, node: facilitator_note) -> None:
    self.body.append("\n\\begin{sgfacilitatornote}\n")


def depart_note_latex(self: LaTeXTranslator, node: facilitator_note) -> None:
    self.body.append("\n\\end{sgfacilitatornote}\n")


def visit_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state(wrap=False)


def visit_header_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_header_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")
    self.end_state()


def visit_inline_text(self: TextTranslator, node: nodes.Element) -> None:
    pass


def depart_inline_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")


def visit_placeholder(self: Any, node: nodes.Element) -> None:
    # Filled on doctree-resolved; one left over (e.g. a builder that never
    # resolves) must not break the output.
    raise nodes.SkipNode


# man and texinfo: the nodes' children, as paragraphs, with no box of their own.


def visit_children(self: Any, node: nodes.Element) -> None:
    """A container of blocks: nothing of its own, its children as they are."""


def depart_children(self: Any, node: nodes.Element) -> None:
    pass


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    """The question's header line, printed as a paragraph of the page."""
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def depart_inline_space(self: Any, node: nodes.Element) -> None:
    self.body.append(" ")
