"""What a meeting's printed matter shares: the session's plan, times, reading and dates.

The run sheet (:mod:`~studyguide.sessions.runsheet`), the invitation
(:mod:`~studyguide.sessions.invitation`) and the question cards
(:mod:`~studyguide.sessions.cards`) each show a part of one session; this
module gathers it once from the domains (questions, sessions, paragraphs,
glossary) so that the three say the same as the session plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst import directives

from studyguide.assets import add_static_dir
from studyguide.glossary.chronology import chronological, format_for_readers
from studyguide.latex import add_latex_package
from studyguide.questions.domain import DOMAIN as QUESTIONS
from studyguide.questions.helpers import _warn, glossary_data, ordered_docnames
from studyguide.questions.lists import question_copies
from studyguide.questions.nodes import question_header
from studyguide.sessions.agenda import Timings
from studyguide.sessions.domain import DOMAIN as SESSIONS
from studyguide.sessions.domain import timings
from studyguide.sessions.nodes import session_context, session_plan

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.questions.nodes import discussion_question
    from studyguide.sessions.domain import SessionsDomain

#: A clock time: "19:00", "7:30".
CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", re.ASCII)
#: The run sheet's start when neither its ``:start:`` nor the command line gives one.
DEFAULT_START = "19:00"


def clock_option(argument: str | None) -> str:
    """A ``:start:`` value: a time of day, ``HH:MM`` (24 hours)."""
    text = directives.unchanged_required(argument).strip()
    if not CLOCK.fullmatch(text):
        raise ValueError(f"{text!r} is not a time of day; write it as HH:MM, e.g. 19:00")
    return text


def clock_minutes(text: str) -> int:
    """ "19:30" -> 1170, minutes after midnight."""
    match = CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    return int(match.group(1)) * 60 + int(match.group(2))


def clock_text(minutes: float) -> str:
    """1170 -> "19:30"; past midnight the clock goes round."""
    whole = int(minutes + 0.5) % (24 * 60)
    return f"{whole // 60:02d}:{whole % 60:02d}"


@dataclass
class PlanInfo:
    """A chapter's session plan, as the sessions domain and its page keep it."""

    docname: str | None
    timings: Timings
    node: session_plan | None
    #: What the sessions domain keeps of the plan (``chapter``, ``timing_options``...).
    data: dict[str, Any] = field(default_factory=dict)

    def body(self) -> list[nodes.Node]:
        """The plan's body (its context brief and its closing), copied."""
        if self.node is None:
            return []
        return [
            child.deepcopy() for child in self.node.children if isinstance(child, nodes.Element)
        ]

    @staticmethod
    def is_context(node: nodes.Node) -> bool:
        """Whether a node of the body is the context brief (the rest is the closing)."""
        return isinstance(node, session_context)


def plan_of(app: Sphinx, chapter: str) -> PlanInfo:
    """The first session plan (toctree order) of *chapter*, or its defaults."""
    env = app.env
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    for docname in ordered_docnames(env, sessions.plans):
        for plan in sessions.plans[docname]:
            if plan["chapter"] != chapter:
                continue
            node = next(
                (
                    found
                    for found in env.get_doctree(docname).findall(session_plan)
                    if found.get("chapter") == chapter
                ),
                None,
            )
            return PlanInfo(docname, timings(app.config, plan["timing_options"]), node, plan)
    return PlanInfo(None, timings(app.config, {}), None)


def questions_of(env: BuildEnvironment, chapter: str) -> tuple[list[Any], list[Any]]:
    """The chapter's core and reserve questions, in document order."""
    domain: QuestionsDomain = env.domains[QUESTIONS]  # type: ignore[assignment]
    return domain.questions_of(chapter, "core"), domain.questions_of(chapter, "reserve")


def paragraph_range(env: BuildEnvironment, chapter: str) -> str | None:
    """ "¶ 1–19": the numbered paragraphs of the chapter's review (``None`` without).

    The space after "¶" does not break (see :func:`nowrap` for the dash).
    """
    try:
        from studyguide.paragraphs import DOMAIN as PARAGRAPHS
    except ImportError:  # the paragraphs component is optional
        return None
    domain = env.domains.get(PARAGRAPHS)
    count = getattr(domain, "counts", {}).get(chapter) if domain is not None else None
    if not count:
        return None
    return f"¶\u00a01–{count}" if count > 1 else "¶\u00a01"


def nowrap(text: str) -> nodes.inline:
    """*text* kept on one line (a paragraph range, a clock time): CSS and ``\\mbox``."""
    return nodes.inline(text, text, classes=["sg-nowrap"])


def session_dates(
    env: BuildEnvironment, start: str | None, end: str | None
) -> list[tuple[str, str]]:
    """(date as readers write it, event) of the chronology within *start* and *end*."""
    glossary = glossary_data(env) if start or end else None
    if glossary is None:
        return []
    language = env.config.language or "en"
    return [
        (format_for_readers(iso, language), " ".join(event.split()))
        for iso, _entry, event in chronological(glossary.entries, start, end)
    ]


def labelled_copies(
    app: Sphinx,
    questions: list[discussion_question],
    fromdocname: str,
    *,
    clocks: list[str] | None = None,
) -> list[discussion_question]:
    """Resolved copies of *questions* for a meeting's sheet, without their terms line.

    Each header starts with its clock time (*clocks*); after the number it
    says "Core" or "Reserve", as every question does (a label in words, not
    a colour).
    """
    copies = question_copies(app, questions, fromdocname)
    for index, copy in enumerate(copies):
        for line in list(copy.findall(nodes.paragraph)):
            if "sg-question-terms" in line["classes"]:
                line.parent.remove(line)  # the key terms say it already
        for title in list(copy.findall(nodes.paragraph)):
            if "sg-facilitator-note-title" in title["classes"]:
                # In print, the note's title stays with its first lines.
                keep = nodes.raw("", "\\par\\nobreak", format="latex")
                title.parent.insert(title.parent.index(title) + 1, keep)
        header = next(iter(copy.findall(question_header)), None)
        if header is not None and clocks is not None:
            clock = clocks[index] + " "
            header.insert(0, nodes.inline(clock, clock, classes=["sg-runsheet-clock"]))
    return copies


def question_labels_option(argument: str | None) -> list[str]:
    """``:questions:``: question labels, separated by commas or spaces."""
    text = directives.unchanged_required(argument)
    return [label for label in re.split(r"[,\s]+", text) if label]


def chosen_questions(
    env: BuildEnvironment,
    chapter: str,
    labels: list[str] | None,
    count: int,
    location: Any,
    directive: str,
) -> list[discussion_question]:
    """The questions *labels* names (in that order), else the first *count* core ones."""
    core, reserve = questions_of(env, chapter)
    if not labels:
        return core[:count]
    by_label = {nodes.fully_normalize_name(q["label"]): q for q in [*core, *reserve] if q["label"]}
    found = []
    for label in labels:
        question = by_label.get(nodes.fully_normalize_name(label))
        if question is None:
            known = ", ".join(sorted(by_label)) or "none"
            _warn(
                "%s: no question labelled %r in %s; the labels there are: %s",
                location,
                "session",
                directive,
                label,
                chapter,
                known,
            )
            continue
        found.append(question)
    return found


def setup_meeting(app: Sphinx) -> None:
    """The styles the run sheet, the invitation and the cards share (CSS, LaTeX)."""
    add_static_dir(app)
    app.add_css_file("studyguide-meeting.css")
    add_latex_package(app, "sgmeeting")
