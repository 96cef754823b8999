"""Collected lists: placeholders filled on ``doctree-resolved`` from copies of the
questions the domain collected (as ``sphinx.ext.todo`` does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from studyguide.collected import inputs_changed
from studyguide.i18n import _
from studyguide.nodeutil import clear_ids, refnode_or_text, resolved_copies
from studyguide.questions.domain import DOMAIN, question_body
from studyguide.questions.helpers import (
    _warn,
    chapter_title,
    format_minutes,
    ordered_docnames,
    question_title,
)
from studyguide.questions.nodes import (
    discussion_question,
    discussion_question_list,
    facilitator_note,
    question_number,
    questions_placeholder,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain


#: The event that makes a placeholder's content: each component that has a kind
#: of placeholder connects a listener returning the content of its own kind and
#: ``None`` for the others (an event, so the fillers belong to the application).
FILL_PLACEHOLDER = "studyguide-fill-placeholder"


def rewrite_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents with collected lists are written again when what they show changed.

    Their content comes from other documents, which may just have been read.
    A page of question lists only shows the questions (and titles, toctree,
    the paragraphs their notes cite);
    session plans and handouts also show key terms taken from other domains
    (a chapter's glossary mentions), so any change rewrites them.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    if not inputs_changed(env):
        return []
    # The notes shown may cite paragraphs ({para}): a page whose paragraphs
    # changed in number changes their links ("paragraphs", the domain's name).
    if inputs_changed(env, DOMAIN, "paragraphs"):
        return sorted(domain.lists)
    return sorted(doc for doc in domain.lists if not lists_only(env, doc))


def lists_only(env: BuildEnvironment, docname: str) -> bool:
    """Whether the collected content of *docname* is question lists only."""
    return all(
        isinstance(placeholder, discussion_question_list)
        for placeholder in env.get_doctree(docname).findall(questions_placeholder)
    )


def fill_placeholders(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Fill each questions placeholder of the page (lists, session plans, handouts).

    One walk of the page finds every kind; the listeners of
    :data:`FILL_PLACEHOLDER` make each one's content.
    """
    for placeholder in list(doctree.findall(questions_placeholder)):
        content = app.emit_firstresult(FILL_PLACEHOLDER, placeholder, fromdocname)
        if content is not None:
            placeholder.replace_self(content)


def fill_question_list(
    app: Sphinx, placeholder: questions_placeholder, fromdocname: str
) -> list[nodes.Node] | None:
    """The :data:`FILL_PLACEHOLDER` listener of ``discussion-questions``."""
    if not isinstance(placeholder, discussion_question_list):
        return None
    return question_list(app, placeholder, fromdocname)


def question_list(
    app: Sphinx, placeholder: discussion_question_list, fromdocname: str
) -> list[nodes.Node]:
    """The content of a ``discussion-questions`` placeholder: copies of the questions."""
    env = app.env
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    chapter = placeholder["chapter"]
    if chapter:
        if chapter not in env.found_docs:
            _warn(
                "discussion-questions: unknown chapter %r; give a document name "
                "such as 'part-1-insurrection'",
                placeholder,
                "question",
                chapter,
            )
        docnames = [chapter]
    else:
        docnames = ordered_docnames(env, domain.questions)
    listed = [(docname, domain.questions_of(docname)) for docname in docnames]
    # On screen each question is a copy of its box; in print, where the box
    # is printed once, in its chapter, the list gives each question in full
    # (its notes too, in the facilitator edition) with its number and page.
    in_print = app.builder.format == "latex"
    copies = iter(
        question_copies(
            app,
            [question for _docname, questions in listed for question in questions],
            fromdocname,
            link=not in_print,
        )
    )
    content: list[nodes.Node] = []
    for docname, questions in listed:
        if not questions:
            continue
        if not chapter:
            heading = nodes.rubric(classes=["sg-question-list-chapter"])
            title = chapter_title(env, docname)
            heading += refnode_or_text(app.builder, fromdocname, docname, None, nodes.Text(title))
            content.append(heading)
        if in_print:
            entries = [
                question_summary(app, question, fromdocname, next(copies)) for question in questions
            ]
            content.append(nodes.bullet_list("", *entries, classes=["sg-question-entries"]))
        else:
            content.extend(next(copies) for _question in questions)
    container = nodes.container(classes=["sg-question-list"])
    container.extend(content)
    return [container] if content else []


def priority_label(question: nodes.Element) -> nodes.inline:
    """ "Core" or "Reserve", translated: a question's priority in words (class
    ``sg-question-priority``), so that it is not shown by colour alone."""
    reserve = question.get("priority") == "reserve"
    text = str(_("Reserve") if reserve else _("Core"))
    kind = "reserve" if reserve else "core"
    return nodes.inline(text, text, classes=["sg-question-priority", f"sg-priority-{kind}"])


def question_text(question: nodes.Element) -> nodes.paragraph | None:
    """The question's first paragraph of text (not its "Terms:" line)."""
    return next(
        (
            child
            for child in question.children
            if isinstance(child, nodes.paragraph) and "sg-question-terms" not in child["classes"]
        ),
        None,
    )


def question_summary(
    app: Sphinx,
    question: discussion_question,
    fromdocname: str,
    copy: nodes.Element,
    pageref: bool = True,
) -> nodes.list_item:
    """A list item: "Question 1.2 Core (10 minutes): the question in full (p. 18)",
    with the question's notes under it (only the facilitator edition has any).

    *copy*: the question's resolved copy (:func:`question_copies`), whose text
    and notes the item takes; *pageref*: the page of the question, in print.
    """
    title = question_title(app.env, question["docname"], question["sg_index"])
    para = nodes.paragraph(classes=["sg-question-entry"])
    link = refnode_or_text(
        app.builder, fromdocname, question["docname"], question["ids"][0], nodes.Text(title)
    )
    para += nodes.strong("", "", link)
    para += nodes.Text(" ")
    para += priority_label(question)
    if question.get("minutes"):
        para += nodes.Text(" (" + format_minutes(question["minutes"]) + ")")
    text = question_text(copy)
    if text is not None:
        para += nodes.Text(": ")
        para.extend(text.children)
    if pageref and app.builder.format == "latex":
        label = f"{question['docname']}:{question['ids'][0]}"
        para += nodes.raw("", r"\sgquestionpageref{\detokenize{" + label + "}}", format="latex")
    item = nodes.list_item("", para)
    # Only the facilitator edition has notes at all (removed at read time).
    for note in list(copy.findall(facilitator_note)):
        note.parent.remove(note)
        item += note
    return item


def question_copies(
    app: Sphinx, questions: Iterable[discussion_question], fromdocname: str, link: bool = True
) -> list[discussion_question]:
    """Resolved copies of collected questions, each number linking to its original."""
    originals = list(questions)
    bodies = []
    for question in originals:
        copy = clear_ids(question_body(app.env, question))
        copy["classes"].append("sg-question-copy")
        for xref in copy.findall(addnodes.pending_xref):
            xref["refdoc"] = fromdocname
        bodies.append(copy)
    copies: list[discussion_question] = resolved_copies(app, bodies, fromdocname)
    for question, copy in zip(originals, copies, strict=True):
        if not link:
            continue
        for number in copy.findall(question_number):
            inner = nodes.inline("", "", *number.children)
            number.clear()
            number += refnode_or_text(
                app.builder, fromdocname, question["docname"], question["ids"][0], inner
            )
    return copies
