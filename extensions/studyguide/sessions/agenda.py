"""The timed agendas of a session plan, and whether the core questions fit.

Pure computation, shared by the consistency check (the warning) and the plan
(what it prints), so that both say the same.  A meeting runs in one of two
formats: "watched beforehand" (welcome and context, key terms, core
questions, closing) and "watched together" (a short welcome, the screening,
key terms, core questions, closing).  Reserve questions are not timed.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyguide.config import WorkWords, work_words
from studyguide.i18n import _

#: The meeting's length when neither the plan nor ``conf.py`` gives one.
DEFAULT_MEETING = 90


@dataclass(frozen=True)
class Timings:
    """The minutes a plan gives each fixed segment, and the meeting's length."""

    meeting: int = DEFAULT_MEETING
    #: Watched beforehand: welcome and context (what happened, what the part covers).
    welcome: int = 10
    #: Watched together: a short welcome before the screening.
    welcome_together: int = 5
    key_terms: int = 10
    closing: int = 5


#: ``session-plan`` option -> the :class:`Timings` field it sets.
TIMING_OPTIONS = {
    "meeting": "meeting",
    "welcome-minutes": "welcome",
    "welcome-together-minutes": "welcome_together",
    "key-terms-minutes": "key_terms",
    "closing-minutes": "closing",
}


@dataclass(frozen=True)
class Segment:
    """One line of an agenda; ``minutes`` is ``None`` where it is not known."""

    key: str
    label: str
    minutes: float | None


@dataclass(frozen=True)
class Agenda:
    """One format's agenda: its lines, in order, and the meeting it is for."""

    key: str
    title: str
    segments: tuple[Segment, ...]
    meeting: int

    @property
    def total(self) -> float:
        """The sum of the lines whose minutes are known."""
        return sum(segment.minutes or 0 for segment in self.segments)

    @property
    def complete(self) -> bool:
        """Whether every line's minutes are known (the screening needs ``runtime:``)."""
        return all(segment.minutes is not None for segment in self.segments)

    @property
    def too_long(self) -> bool:
        """Whether the agenda needs more than the meeting."""
        return self.total > self.meeting


def agendas(
    timings: Timings,
    runtime: float | None,
    core_minutes: float,
    key_terms: bool,
    questions: bool,
    words: WorkWords | None = None,
) -> tuple[Agenda, Agenda]:
    """The "watched beforehand" and "watched together" agendas.

    *key_terms* and *questions*: whether the session has any (a segment
    with nothing in it is left out).  *words*: the kind of work's words
    (``studyguide_work_kind``; a film's without).
    """
    words = words or work_words(None)
    middle: list[Segment] = []
    if key_terms:
        middle.append(Segment("key_terms", str(_("Key terms")), timings.key_terms))
    if questions:
        middle.append(Segment("questions", str(_("Core questions")), core_minutes))
    closing = Segment("closing", str(_("Closing")), timings.closing)
    beforehand = Agenda(
        "beforehand",
        words.beforehand_agenda,
        (
            Segment("welcome", str(_("Welcome and context")), timings.welcome),
            *middle,
            closing,
        ),
        timings.meeting,
    )
    together = Agenda(
        "together",
        words.together_agenda,
        (
            Segment("welcome", str(_("Welcome")), timings.welcome_together),
            Segment("screening", words.together_segment, runtime),
            *middle,
            closing,
        ),
        timings.meeting,
    )
    return beforehand, together


def fit_problem(timings: Timings, core_minutes: float, key_terms: bool) -> str | None:
    """Why the core questions do not fit a meeting watched beforehand, or ``None``.

    The message is the body of the build's warning (English, as every
    message of the build).
    """
    fixed = [("welcome", timings.welcome)]
    if key_terms:
        fixed.append(("key terms", timings.key_terms))
    fixed.append(("closing", timings.closing))
    taken = sum(minutes for _name, minutes in fixed)
    left = max(timings.meeting - taken, 0)
    if core_minutes <= left:
        return None
    names = [name for name, _minutes in fixed]
    after = ", ".join(names[:-1]) + " and " + names[-1]
    return (
        f"the core questions take {_english_minutes(core_minutes)}, but a "
        f"{timings.meeting}-minute meeting leaves {_english_minutes(left)} for them "
        f"after {after} ({_english_minutes(taken)}); mark questions "
        "':priority: reserve' or set ':meeting:'"
    )


def _english_minutes(minutes: float) -> str:
    return "1 minute" if minutes == 1 else f"{minutes:g} minutes"
