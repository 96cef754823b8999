"""The discussion-question component's nodes; :mod:`~studyguide.questions.writers` visits them."""

from __future__ import annotations

from docutils import nodes


class discussion_question(nodes.General, nodes.Element):
    """A discussion question: header, MyST body, terms line, facilitator notes."""


class question_header(nodes.Part, nodes.TextElement):
    """The question's header line: its number and suggested time."""


class question_number(nodes.Inline, nodes.TextElement):
    """Placeholder for "Question 2.3", filled by :class:`QuestionNumbers`."""


class facilitator_note(nodes.General, nodes.Element):
    """Guidance for the facilitator; exists only in the facilitator edition."""


class questions_placeholder(nodes.General, nodes.Element):
    """Base of the placeholders filled from the collected questions.

    The documents holding one are rewritten whenever any document was read.
    """


class discussion_question_list(questions_placeholder):
    """Placeholder for the collected questions (whole guide or one chapter)."""
