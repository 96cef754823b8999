"""The timed formats of a session plan, and which core questions each one keeps.

Pure computation, shared by the consistency check (the warning) and the plan
(what it prints), so that both say the same.  A session runs in one of three
formats, each headed by what it gives:

* "Watched beforehand (90-minute meeting)": welcome and context, key terms,
  core questions, closing;
* "Watched together, one long meeting with a break (2 h 45 min)": welcome
  and context, key terms (before the screening: first-time viewers need the
  names first), the screening, a break, core questions, closing;
* "Watched together, two meetings": the first meeting is the welcome, the key
  terms, the screening and a short talk (as long as these take); the second,
  a meeting of the usual length, is a recap, the core questions and the
  closing.

Where the core questions do not all fit a meeting, the format keeps the first
of them, in the order of the plan's ``:keep:`` (labels) and then the
chapter's, as long as they fit, and says which; the others are left out by
name, never only "it overflows".  Reserve questions are not timed: the
minutes left are said, for the facilitator to choose from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from studyguide.config import WorkWords, work_words
from studyguide.i18n import _

#: The meeting's length when neither the plan nor ``conf.py`` gives one.
DEFAULT_MEETING = 90
#: The long meeting of the watched-together format: 2 h 45 min.
DEFAULT_LONG_MEETING = 165


@dataclass(frozen=True)
class Timings:
    """The minutes a plan gives each fixed segment, and the meetings' lengths."""

    meeting: int = DEFAULT_MEETING
    #: Watched beforehand: welcome and context (what happened, what the part covers).
    welcome: int = 10
    #: Watched together: a short welcome and context before the screening.
    welcome_together: int = 5
    key_terms: int = 10
    closing: int = 5
    #: Watched together in one meeting: its length, break included.
    long_meeting: int = DEFAULT_LONG_MEETING
    #: The break between the screening and the discussion.
    pause: int = 10
    #: Watched together over two meetings: the short talk after the screening.
    talk: int = 15


#: ``session-plan`` option -> the :class:`Timings` field it sets.
TIMING_OPTIONS = {
    "meeting": "meeting",
    "welcome-minutes": "welcome",
    "welcome-together-minutes": "welcome_together",
    "key-terms-minutes": "key_terms",
    "closing-minutes": "closing",
    "long-meeting": "long_meeting",
    "break-minutes": "pause",
    "talk-minutes": "talk",
}


@dataclass(frozen=True)
class Segment:
    """One line of an agenda; ``minutes`` is ``None`` where it is not known."""

    key: str
    label: str
    minutes: float | None


@dataclass(frozen=True)
class CoreQuestion:
    """A core question as the formats see it: its label, title and minutes."""

    label: str
    title: str
    minutes: float


@dataclass(frozen=True)
class Meeting:
    """One meeting of a format: its lines and its length (``None``: as long as they take)."""

    title: str
    segments: tuple[Segment, ...]
    length: int | None
    #: The core questions this meeting discusses, and those it leaves out.
    kept: tuple[CoreQuestion, ...] = ()
    left_out: tuple[CoreQuestion, ...] = ()

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
        """Whether the meeting's lines need more than its length."""
        return self.length is not None and self.total > self.length

    @property
    def spare(self) -> float:
        """The minutes of a fixed-length meeting its lines leave free."""
        if self.length is None or not self.complete:
            return 0
        return max(self.length - self.total, 0)


@dataclass(frozen=True)
class Format:
    """One way to run the session: its heading and its meetings."""

    key: str
    title: str
    meetings: tuple[Meeting, ...]


def format_duration(minutes: float) -> str:
    """A meeting's length: "45 minutes", "2 h", "2 h 45 min"."""
    if minutes < 60:
        return _("%s minutes") % f"{minutes:g}"
    hours, rest = divmod(round(minutes), 60)
    if not rest:
        return _("%s h") % hours
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}


def choose(
    core: list[CoreQuestion], available: float
) -> tuple[list[CoreQuestion], list[CoreQuestion]]:
    """The first core questions (in the plan's order) that fit *available* minutes, and the rest."""
    kept: list[CoreQuestion] = []
    used = 0.0
    for question in core:
        if used + question.minutes > available:
            break
        kept.append(question)
        used += question.minutes
    return kept, core[len(kept) :]


def _questions_segment(kept: list[CoreQuestion], core: list[CoreQuestion]) -> Segment:
    if len(kept) == len(core):
        label = str(_("Core questions"))
    else:
        counts = {"kept": len(kept), "all": len(core)}
        label = str(_("Core questions (%(kept)d of %(all)d)") % counts)
    return Segment("questions", label, sum(q.minutes for q in kept))


def formats(
    timings: Timings,
    runtime: float | None,
    core: list[CoreQuestion],
    key_terms: bool,
    words: WorkWords | None = None,
) -> tuple[Format, Format, Format]:
    """The three formats: watched beforehand, one long meeting, two meetings.

    *core*: the core questions in the order they are kept; *key_terms*:
    whether the session has any (a segment with nothing in it is left out);
    *words*: the kind of work's words (``studyguide_work_kind``; a film's without).
    """
    words = words or work_words(None)
    terms = [Segment("key_terms", str(_("Key terms")), timings.key_terms)] if key_terms else []
    closing = Segment("closing", str(_("Closing")), timings.closing)
    welcome = str(_("Welcome and context"))
    screening = Segment("screening", words.together_segment, runtime)

    def with_questions(
        title: str, before: list[Segment], after: list[Segment], length: int | None
    ) -> Meeting:
        fixed = sum(segment.minutes or 0 for segment in [*before, *after])
        available = (length - fixed) if length is not None else float("inf")
        kept, left = choose(core, available) if core else ([], [])
        middle = [_questions_segment(kept, core)] if core else []
        return Meeting(title, (*before, *middle, *after), length, tuple(kept), tuple(left))

    beforehand = Format(
        "beforehand",
        words.beforehand_format % timings.meeting,
        (
            with_questions(
                "",
                [Segment("welcome", welcome, timings.welcome), *terms],
                [closing],
                timings.meeting,
            ),
        ),
    )
    long_meeting = Format(
        "together-long",
        words.long_format % format_duration(timings.long_meeting),
        (
            with_questions(
                "",
                [
                    Segment("welcome", welcome, timings.welcome_together),
                    *terms,
                    screening,
                    Segment("break", str(_("Break")), timings.pause),
                ],
                [closing],
                timings.long_meeting,
            ),
        ),
    )
    first = Meeting(
        str(_("First meeting")),
        (
            Segment("welcome", welcome, timings.welcome_together),
            *terms,
            screening,
            Segment("talk", str(_("Short talk: first impressions")), timings.talk),
        ),
        None,
    )
    second = with_questions(
        str(_("Second meeting")),
        [Segment("recap", str(_("Recap")), timings.welcome_together)],
        [closing],
        timings.meeting,
    )
    if first.complete:
        title = words.two_format % {
            "first": format_duration(first.total),
            "second": timings.meeting,
        }
    else:
        title = words.two_format_open % {"second": timings.meeting}
    two_meetings = Format("together-two", str(title), (first, second))
    return beforehand, long_meeting, two_meetings


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
