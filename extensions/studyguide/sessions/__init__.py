"""Reading-group sessions: a meeting's timed plan, a printable handout, content notes.

``{session-plan} part-1-insurrection`` gives the plan of the meeting on one
chapter: the chapter's content notes, the film part (with its running time
and video), the reading, three timed formats (watched beforehand; watched
together in one long meeting with a break, or in two meetings), each headed
by what it gives and adding up to it, the welcome's context brief
(``{session-context}`` in the plan's body) and dates from the chronology,
the key terms, the core questions in full with their minutes, the reserve
questions "if time allows", to choose from, and a closing.
``{session-handout} part-1-insurrection`` gives the sheet the participants
take home: key terms, then each question with room to write.
``{content-note}`` says plainly, at the top of a chapter, what its film
part shows.

Stages, in the order Sphinx runs them:

* ``config-inited``: ``studyguide_meeting_minutes`` (default 90) is checked;
* parsing (``directives``, ``contentnote``): the plan's options are checked
  (minutes, ``:key-terms:`` against the glossary) and placeholders left;
* the ``sessions`` domain (``domain``) collects each document's plans and
  content notes;
* consistency check (``domain.check_plans``, every build): the core
  questions of each plan must fit its meeting, watched beforehand;
* ``doctree-resolved`` (``build``, through the questions component's walk):
  the placeholders are filled from the domains' data;
* one visitor pair per builder (``writers``, ``contentnote``).

``agenda`` computes the agendas (the check and the plan share it);
``keyterms`` chooses the key terms.

Warnings (``type="studyguide"``): ``studyguide.session`` (unknown chapter, a
segment's minutes or a handout's ``:lines:`` that are not a whole number in
range, an unknown, repeated or unexplained key term, more than eight key
terms, core questions that do not fit the meeting, a second plan for one
chapter, a plan for a chapter without questions), ``studyguide.content_note``
(an empty note) and ``studyguide.config`` (a meeting length that is not a
whole number of minutes from 1 to 600).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyguide.config import Setting, add_config_values, config_warning
from studyguide.numbers import shown, whole_number
from studyguide.questions.helpers import MAX_MINUTES
from studyguide.questions.lists import FILL_PLACEHOLDER
from studyguide.sessions.agenda import DEFAULT_MEETING
from studyguide.sessions.build import build_handout, build_plan, film_line, runtime_of
from studyguide.sessions.cards import setup_cards
from studyguide.sessions.contentnote import setup_content_note
from studyguide.sessions.directives import SessionContext, SessionHandout, SessionPlan
from studyguide.sessions.domain import SessionsDomain, check_plans
from studyguide.sessions.invitation import setup_invitation
from studyguide.sessions.keyterms import KeyTerm, key_terms
from studyguide.sessions.meeting import setup_meeting
from studyguide.sessions.nodes import (
    session_agenda,
    session_agendas,
    session_context,
    session_handout,
    session_plan,
    writing_space,
)
from studyguide.sessions.runsheet import setup_runsheet
from studyguide.sessions.writers import (
    AGENDAS_HTML,
    AGENDAS_LATEX,
    CONTEXT_HTML,
    CONTEXT_LATEX,
    depart_agenda_html,
    depart_agenda_latex,
    depart_agenda_text,
    visit_agenda_html,
    visit_agenda_latex,
    visit_agenda_text,
    visit_space_html,
    visit_space_latex,
    visit_space_text,
)
from studyguide.visitors import CHILDREN, SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from studyguide.questions.nodes import questions_placeholder


def check_meeting_minutes(app: Sphinx, config: Config) -> None:
    """``studyguide_meeting_minutes`` must be a whole number of minutes from 1 to 600."""
    value = config.studyguide_meeting_minutes
    # An int from conf.py, or text from -D studyguide_meeting_minutes=120.
    minutes = whole_number(value, 1, MAX_MINUTES)
    if minutes is not None:
        config.studyguide_meeting_minutes = minutes
        return
    config_warning(
        "studyguide_meeting_minutes = %s: give the meeting's length as a positive "
        "whole number of minutes, at most %d, e.g. 90; using %d",
        shown(repr(value)) if not isinstance(value, int) else shown(value),
        MAX_MINUTES,
        DEFAULT_MEETING,
    )
    config.studyguide_meeting_minutes = DEFAULT_MEETING


def fill_session_placeholder(
    app: Sphinx, placeholder: questions_placeholder, fromdocname: str
) -> nodes.Element | None:
    """The content of a ``session-plan`` or ``session-handout`` placeholder."""
    if isinstance(placeholder, session_plan):
        return build_plan(app, placeholder, fromdocname)
    if isinstance(placeholder, session_handout):
        return build_handout(app, placeholder, fromdocname)
    return None


def setup_sessions(app: Sphinx) -> None:
    """Register the session-plan, session-handout and content-note directives."""
    add_config_values(
        app,
        {
            "studyguide_meeting_minutes": Setting(
                DEFAULT_MEETING, "length of a reading-group meeting in minutes (session plans)"
            ),
        },
    )
    app.connect("config-inited", check_meeting_minutes)
    app.add_domain(SessionsDomain)
    app.add_directive("session-plan", SessionPlan)
    app.add_directive("session-handout", SessionHandout)
    app.add_directive("session-context", SessionContext)
    setup_content_note(app)
    # The meeting's printed matter: run sheet, invitation, cards (modules of their own).
    setup_meeting(app)
    setup_runsheet(app)
    setup_invitation(app)
    setup_cards(app)
    app.connect("env-check-consistency", check_plans)
    # Filled on doctree-resolved, in the questions component's one walk of the page.
    app.connect(FILL_PLACEHOLDER, fill_session_placeholder)
    # Room to write by hand is for print: none in a manual page or info file.
    register_nodes(
        app,
        {
            session_plan: Visitors(),
            session_handout: Visitors(),
            writing_space: Visitors.leaf(
                html=visit_space_html, latex=visit_space_latex, text=visit_space_text
            ),
        },
        fallback=SKIP,
    )
    # man and texinfo (and text, for the agendas' box): the children as they are.
    register_nodes(
        app,
        {
            session_agendas: Visitors(html=AGENDAS_HTML, latex=AGENDAS_LATEX),
            session_context: Visitors(html=CONTEXT_HTML, latex=CONTEXT_LATEX),
            session_agenda: Visitors(
                html=(visit_agenda_html, depart_agenda_html),
                latex=(visit_agenda_latex, depart_agenda_latex),
                text=(visit_agenda_text, depart_agenda_text),
            ),
        },
        fallback=CHILDREN,
    )


__all__ = ["KeyTerm", "film_line", "key_terms", "runtime_of", "setup_sessions"]
