"""The sessions component's nodes; :mod:`~studyguide.sessions.writers` visits them."""

from __future__ import annotations

from docutils import nodes

from studyguide.questions.nodes import questions_placeholder


class session_plan(questions_placeholder):
    """Placeholder for a session's agenda, filled on ``doctree-resolved``.

    Attributes: ``chapter``, ``timing_options`` (the plan's own minutes, see
    :data:`~studyguide.sessions.agenda.TIMING_OPTIONS`), ``key_terms``
    (``[(term, why)]`` or ``None``).  Its children are the directive's body
    (the closing), kept in the doctree so that the edition's removal of notes
    and the resolution of references treat it as any other content.
    """


class session_handout(questions_placeholder):
    """Placeholder for a session's handout, filled on ``doctree-resolved``."""


class writing_space(nodes.General, nodes.Element):
    """Room to write after a question on a handout (``lines`` ruled lines)."""


class session_agendas(nodes.General, nodes.Element):
    """The agendas of a plan's formats, side by side where there is room."""


class session_agenda(nodes.General, nodes.Element):
    """One format's timed agenda.

    Attributes: ``title`` (what the format gives: "Watched beforehand
    (90-minute meeting)") and ``meetings``, one ``(subtitle, rows, total)`` a
    meeting: ``subtitle`` ("" for a format of one meeting), ``rows``
    (``[(label, minutes text)]``) and ``total`` (``(label, minutes text)``);
    children (notes on the agenda) follow the tables.
    """


class session_context(nodes.General, nodes.Element):
    """The context brief of a plan (``{session-context}`` in its body): a few
    sentences the facilitator reads out at "Welcome and context"."""
