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
from studyguide.config import Setting, add_config_values
from studyguide.editions import init_edition
from studyguide.latex import add_latex_package
from studyguide.questions.directives import (
    DiscussionQuestion,
    DiscussionQuestions,
    FacilitatorNote,
)
from studyguide.questions.domain import (
    QuestionsDomain,
    check_consistency,
    remember_numbers,
    rewrite_citing_pages,
)
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
    BLOCK_TEXT,
    HEADER_LATEX,
    HEADER_PLAIN,
    HEADER_TEXT,
    NOTE_HTML,
    NOTE_LATEX,
    NUMBER_HTML,
    NUMBER_LATEX,
    NUMBER_PLAIN,
    NUMBER_TEXT,
    QUESTION_HTML,
    depart_header_html,
    depart_question_latex,
    visit_header_html,
    visit_question_latex,
)
from studyguide.visitors import CHILDREN, SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_questions(app: Sphinx) -> None:
    """Register the discussion-question component."""
    add_config_values(
        app,
        {
            "studyguide_edition": Setting(
                "participant", "'participant' (default) or 'facilitator' (also: -t facilitator)"
            ),
        },
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
    # Pages citing a question: written again when its number changed.
    app.connect("env-get-outdated", remember_numbers)
    app.connect("env-updated", rewrite_citing_pages)
    app.add_event(FILL_PLACEHOLDER)
    app.connect(FILL_PLACEHOLDER, fill_question_list)
    app.connect("doctree-resolved", fill_placeholders)
    # Before other listeners (e.g. the glossary's unknown-term warning).
    app.connect("missing-reference", resolve_question_refs, priority=400)

    # man and texinfo: the children as they are; the header a paragraph.
    register_nodes(
        app,
        {
            discussion_question: Visitors(
                html=QUESTION_HTML,
                latex=(visit_question_latex, depart_question_latex),
                text=BLOCK_TEXT,
            ),
            question_header: Visitors(
                html=(visit_header_html, depart_header_html),
                latex=HEADER_LATEX,
                text=HEADER_TEXT,
                plain=HEADER_PLAIN,
            ),
            question_number: Visitors(
                html=NUMBER_HTML, latex=NUMBER_LATEX, text=NUMBER_TEXT, plain=NUMBER_PLAIN
            ),
            facilitator_note: Visitors(html=NOTE_HTML, latex=NOTE_LATEX, text=BLOCK_TEXT),
        },
        fallback=CHILDREN,
    )
    register_nodes(app, {discussion_question_list: Visitors()}, fallback=SKIP)
