"""Discussion questions: numbered, referenceable, collected, with facilitator notes.

Stages of the build, in the order Sphinx runs them:

* parsing (``directives``, ``nodes``): the ``discussion-question`` and
  ``facilitator-note`` directives make neutral nodes; ``discussion-questions``
  leaves a placeholder;
* read-time transform (``transforms``): facilitator notes are attached to
  their question, and removed altogether in the participant edition, so
  neither the HTML, the search index nor the PDF ever sees them;
* the ``questions`` domain (``domain``) collects each document's questions
  (parallel-safe);
* consistency check (``domain``): duplicate labels and unknown glossary terms
  are reported once per build, in toctree order;
* post-transform (``transforms``, every builder): the number "Question 2.3" is
  filled in and ``{ref}``/``{numref}`` to a question's label are resolved from
  the domain, so HTML and LaTeX print the same number;
* ``doctree-resolved`` (``lists``): the placeholders are filled from copies of
  the collected questions (as ``sphinx.ext.todo`` does);
* one visitor pair per builder (``writers``: HTML, LaTeX, text; man and
  texinfo print the children, the header as a paragraph).

``helpers`` holds what several stages and the sessions component share
(minutes, numbers and titles, glossary names; links come from
``studyguide.nodeutil``); ``editions`` the edition being built.

The number is ``<chapter>.<n>``: the chapter is the front matter's ``part:``
(or the chapter's position in the toctree), ``n`` counts the chapter's
questions in order.

The edition is the config value ``studyguide_edition`` (``"participant"`` or
``"facilitator"``), set to ``"facilitator"`` by the tag ``-t facilitator``
(``editions``).

Warnings (``type="studyguide"``, for ``suppress_warnings``):
``studyguide.question`` (empty question, ``:minutes:`` not a number from 0.5 to 600,
duplicate label, label taken by another target, unknown chapter in
``discussion-questions``, unknown ``:terms:`` name),
``studyguide.facilitator_note`` (a note outside a question),
``studyguide.session`` (``session-plan``/``session-handout`` of an unknown
chapter) and ``studyguide.config`` (an unknown edition).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyguide.assets import add_static_dir
from studyguide.editions import init_edition
from studyguide.latex import add_latex_package
from studyguide.questions.directives import (
    DiscussionQuestion,
    DiscussionQuestions,
    FacilitatorNote,
)
from studyguide.questions.domain import QuestionsDomain, check_consistency
from studyguide.questions.lists import (
    FILL_PLACEHOLDER,
    fill_placeholders,
    fill_question_list,
    rewrite_lists,
)
from studyguide.questions.nodes import (
    discussion_question,
    discussion_question_list,
    facilitator_note,
    question_header,
    question_number,
)
from studyguide.questions.transforms import (
    FacilitatorNotes,
    QuestionNumbers,
    resolve_question_refs,
)
from studyguide.questions.writers import (
    depart_as_paragraph,
    depart_block_text,
    depart_children,
    depart_header_html,
    depart_header_latex,
    depart_header_text,
    depart_inline_space,
    depart_inline_text,
    depart_note_html,
    depart_note_latex,
    depart_number_html,
    depart_number_latex,
    depart_question_html,
    depart_question_latex,
    visit_as_paragraph,
    visit_block_text,
    visit_children,
    visit_header_html,
    visit_header_latex,
    visit_header_text,
    visit_inline_text,
    visit_note_html,
    visit_note_latex,
    visit_number_html,
    visit_number_latex,
    visit_placeholder,
    visit_question_html,
    visit_question_latex,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_questions(app: Sphinx) -> None:
    """Register the discussion-question component."""
    app.add_config_value(
        "studyguide_edition",
        "participant",
        "env",
        types=frozenset({str}),
        description="'participant' (default) or 'facilitator' (also: -t facilitator)",
    )
    app.connect("config-inited", init_edition)
    add_latex_package(app, "sgquestions")
    app.add_css_file("studyguide-questions.css")
    add_static_dir(app)

    app.add_domain(QuestionsDomain)
    app.add_directive("discussion-question", DiscussionQuestion)
    app.add_directive("facilitator-note", FacilitatorNote)
    app.add_directive("discussion-questions", DiscussionQuestions)
    app.add_transform(FacilitatorNotes)
    app.add_post_transform(QuestionNumbers)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-updated", rewrite_lists)
    app.add_event(FILL_PLACEHOLDER)
    app.connect(FILL_PLACEHOLDER, fill_question_list)
    app.connect("doctree-resolved", fill_placeholders)
    # Before other listeners (e.g. the glossary's unknown-term warning).
    app.connect("missing-reference", resolve_question_refs, priority=400)

    block_text = (visit_block_text, depart_block_text)
    # man and texinfo: the children as they are; the header a paragraph.
    children = (visit_children, depart_children)
    header = (visit_as_paragraph, depart_as_paragraph)
    number = (visit_children, depart_inline_space)
    app.add_node(
        discussion_question,
        html=(visit_question_html, depart_question_html),
        latex=(visit_question_latex, depart_question_latex),
        text=block_text,
        man=children,
        texinfo=children,
    )
    app.add_node(
        question_header,
        html=(visit_header_html, depart_header_html),
        latex=(visit_header_latex, depart_header_latex),
        text=(visit_header_text, depart_header_text),
        man=header,
        texinfo=header,
    )
    app.add_node(
        question_number,
        html=(visit_number_html, depart_number_html),
        latex=(visit_number_latex, depart_number_latex),
        text=(visit_inline_text, depart_inline_text),
        man=number,
        texinfo=number,
    )
    app.add_node(
        facilitator_note,
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, depart_note_latex),
        text=block_text,
        man=children,
        texinfo=children,
    )
    skip = (visit_placeholder, None)
    app.add_node(discussion_question_list, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
