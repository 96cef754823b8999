"""``{session-runsheet} <chapter>``: the facilitator's run sheet of one meeting.

Everything needed in the room, in the order of the meeting, each step with
its clock time from the start: the film and the reading, the timetable, the
content note, "Welcome and context" with the context brief (the directive's
body, else the plan's own) and the session's dates from the chronology
(``:from:``/``:to:``), the key terms with their text, each core question in
full with its facilitator note, the reserve questions in full, labelled
"Reserve", with the minutes left for them, and the closing.

Options: ``:start:`` (``HH:MM``, default 19:00; the config value
``studyguide_session_start``, ``-D studyguide_session_start=18:30``,
overrides it for a group), ``:format:`` (``beforehand``, the default, or
``together``: which of the plan's agendas the sheet follows), ``:from:`` and
``:to:`` (ISO dates, as the chronology takes them).  The timings are those of
the chapter's ``session-plan``.

The run sheet is facilitator material: the notes exist only in the
facilitator edition (removed at read time otherwise), and the guide builds
its run sheets only there (``conf.py``).

Warnings: ``studyguide.session`` (unknown chapter), ``studyguide.config``
(a start time that is not ``HH:MM``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives

from studyguide.config import Setting, add_config_values, config_warning
from studyguide.glossary.chronology import iso_date_option
from studyguide.i18n import _
from studyguide.nodeutil import refnode_or_text
from studyguide.questions.domain import DOMAIN as QUESTIONS
from studyguide.questions.helpers import chapter_title, format_minutes
from studyguide.questions.lists import FILL_PLACEHOLDER
from studyguide.questions.nodes import questions_placeholder
from studyguide.sessions.agenda import agendas
from studyguide.sessions.build import film_line, runtime_of, session_key_terms
from studyguide.sessions.contentnote import note_copies
from studyguide.sessions.directives import _ChapterDirective
from studyguide.sessions.domain import DOMAIN as SESSIONS
from studyguide.sessions.domain import minutes_of
from studyguide.sessions.meeting import (
    CLOCK,
    DEFAULT_START,
    clock_minutes,
    clock_option,
    clock_text,
    labelled_copies,
    nowrap,
    paragraph_range,
    plan_of,
    questions_of,
    session_dates,
)
from studyguide.sessions.nodes import session_agenda
from studyguide.video import watch_url
from studyguide.visitors import SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.sessions.domain import SessionsDomain
    from studyguide.sessions.keyterms import KeyTerm

#: Values of ``:format:``: the plan's agendas.
FORMATS = ("beforehand", "together")


class session_runsheet(questions_placeholder):
    """Placeholder for a run sheet, filled on ``doctree-resolved``.

    Attributes: ``chapter``, ``start`` (``HH:MM``), ``format``, ``from`` and
    ``to`` (ISO dates or ``None``); children: the context brief, if given.
    """


class SessionRunsheet(_ChapterDirective):
    """``session-runsheet``: a meeting's run sheet; the body is the context brief."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "start": clock_option,
        "format": lambda value: directives.choice(value, FORMATS),
        "from": iso_date_option,
        "to": iso_date_option,
    }

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_runsheet(
            chapter=docname,
            start=self.options.get("start", DEFAULT_START),
            format=self.options.get("format", FORMATS[0]),
            classes=["sg-runsheet"],
        )
        node["from"] = self.options.get("from")
        node["to"] = self.options.get("to")
        self.set_source_info(node)
        if self.content:
            node.extend(self.parse_content_to_nodes())
        return [node]


# -- Pieces ----------------------------------------------------------------------------


#: In print, a step's heading starts a page unless this much room is left: its
#: own line and the first lines of a question box (which asks for six).
STEP_ROOM = "\\needspace{9\\baselineskip}"


def step_heading(clock: str, label: str, minutes: float | None = None) -> list[nodes.Node]:
    """ "19:10 Key terms (10 minutes)": a heading, kept with what follows in print."""
    rubric = nodes.rubric(classes=["sg-runsheet-step"])
    rubric += nodes.inline(clock, clock, classes=["sg-runsheet-clock"])
    rubric += nodes.Text(" " + label)
    if minutes is not None:
        text = " (" + format_minutes(minutes) + ")"
        rubric += nodes.inline(text, text, classes=["sg-plan-minutes"])
    return [nodes.raw("", STEP_ROOM, format="latex"), rubric]


def subheading(label: str) -> list[nodes.Node]:
    """A part of a step ("Context brief"), kept with what follows in print."""
    para = nodes.paragraph(classes=["sg-runsheet-subhead"])
    para += nodes.strong(label, label)
    keep = nodes.raw("", "\\needspace{4\\baselineskip}", format="latex")
    return [keep, para]


def labelled(label: str, *content: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(": ")
    para.extend(content)
    return para


def terms_list(builder: Builder, fromdocname: str, terms: list[KeyTerm]) -> nodes.Element:
    """The key terms, one paragraph each: "Name: its text" (the plan's, else the glossary's)."""
    container = nodes.container(classes=["sg-runsheet-terms"])
    for term in terms:
        name: nodes.Node = nodes.Text(term.name)
        if term.docname and term.target:
            name = refnode_or_text(builder, fromdocname, term.docname, term.target, name)
        para = nodes.paragraph()
        para += nodes.strong("", "", name)
        if term.definition:
            para += nodes.Text(": " + term.definition)
        container += para
    return container


def dates_list(dates: list[tuple[str, str]]) -> nodes.Element:
    """The session's dates, one paragraph each: "29 June 1973: what happened"."""
    container = nodes.container(classes=["sg-runsheet-dates"])
    for date, event in dates:
        para = nodes.paragraph()
        para += nodes.strong(date, date)
        para += nodes.Text(": " + event)
        container += para
    return container


def context_brief(placeholder: session_runsheet, plan_context: Any) -> list[nodes.Node]:
    """The directive's body, else the plan's context brief (text or nodes)."""
    if placeholder.children:
        return [child.deepcopy() for child in placeholder.children]
    if isinstance(plan_context, nodes.Node):
        return [child.deepcopy() for child in plan_context.children]
    if isinstance(plan_context, str) and plan_context.strip():
        return [nodes.paragraph(plan_context, plan_context)]
    return []


# -- Filling the placeholder -------------------------------------------------------------


def start_of(app: Sphinx, placeholder: session_runsheet) -> str:
    """The command line's start (``studyguide_session_start``), else the directive's."""
    return app.config.studyguide_session_start or placeholder["start"]


def build_runsheet(app: Sphinx, placeholder: session_runsheet, fromdocname: str) -> nodes.Element:
    """The run sheet: header, timetable, then each step of the meeting in order."""
    env, builder = app.env, app.builder
    chapter = placeholder["chapter"]
    domain: QuestionsDomain = env.domains[QUESTIONS]  # type: ignore[assignment]
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    plan = plan_of(app, chapter)
    core, reserve = questions_of(env, chapter)
    terms = session_key_terms(env, chapter)
    beforehand, together = agendas(
        plan.timings, runtime_of(env, chapter), minutes_of(core), bool(terms), bool(core)
    )
    agenda = together if placeholder["format"] == "together" else beforehand
    start = clock_minutes(start_of(app, placeholder))
    spare = max(plan.timings.meeting - agenda.total, 0) if agenda.complete else 0

    # The clock: each segment starts where the one before ended; the reserve
    # questions take what the meeting leaves before the closing.
    clocks: dict[str, float] = {}
    elapsed = 0.0
    for segment in agenda.segments:
        if segment.key == "closing" and reserve:
            clocks["reserve"] = start + elapsed
            elapsed += spare
        clocks[segment.key] = start + elapsed
        elapsed += segment.minutes or 0
    end = start + max(elapsed, plan.timings.meeting if agenda.complete else elapsed)

    container = nodes.container(classes=["sg-runsheet"])
    film = labelled(str(_("Film")), *film_line(env, chapter).children)
    container += film
    for video_id in domain.videos.get(chapter, []):
        url = watch_url(video_id)
        container += labelled(str(_("Video")), nodes.reference(url, url, refuri=url))
    reading = refnode_or_text(
        builder, fromdocname, chapter, None, nodes.Text(chapter_title(env, chapter))
    )
    paragraphs = paragraph_range(env, chapter)
    extra = [nodes.Text(", "), nowrap(paragraphs)] if paragraphs else []
    container += labelled(str(_("Reading")), reading, *extra)
    meeting = _("%(start)s to %(end)s, %(format)s") % {
        "start": clock_text(start),
        "end": clock_text(end),
        "format": agenda.title.lower(),
    }
    container += labelled(str(_("Meeting")), nodes.Text(meeting))

    # The timetable: the steps with their clock times.
    rows = []
    for segment in agenda.segments:
        if segment.key == "closing" and reserve and spare >= 1:
            rows.append(
                (f"{clock_text(clocks['reserve'])} {_('Reserve questions')}", format_minutes(spare))
            )
        minutes = format_minutes(segment.minutes) if segment.minutes is not None else "—"
        rows.append((f"{clock_text(clocks[segment.key])} {segment.label}", minutes))
    container += session_agenda(
        title=str(_("Timetable")),
        rows=rows,
        total=(str(_("End")), clock_text(end)),
        classes=["sg-agenda", "sg-runsheet-timetable"],
    )

    container.extend(note_copies(app, sessions.notes.get(chapter, []), fromdocname))

    for segment in agenda.segments:
        clock = clock_text(clocks[segment.key])
        if segment.key == "closing" and reserve:
            container.extend(_reserve_step(app, reserve, clocks["reserve"], spare, fromdocname))
        container.extend(step_heading(clock, segment.label, segment.minutes))
        if segment.key == "welcome":
            brief = context_brief(placeholder, plan.context())
            if brief:
                container.extend(subheading(str(_("Context brief, to read out"))))
                container.extend(brief)
            dates = session_dates(env, placeholder.get("from"), placeholder.get("to"))
            if dates:
                container.extend(subheading(str(_("Dates of this session"))))
                container += dates_list(dates)
        elif segment.key == "screening":
            container += film_line(env, chapter)
        elif segment.key == "key_terms":
            container += terms_list(builder, fromdocname, terms)
        elif segment.key == "questions":
            times, at = [], clocks["questions"]
            for question in core:
                times.append(clock_text(at))
                at += question["minutes"] or 0
            container.extend(
                labelled_copies(app, core, fromdocname, reserve_label=False, clocks=times)
            )
        elif segment.key == "closing":
            closing = plan.closing()
            if not closing:
                text = _("Each member names one question the session left open.")
                closing = [nodes.paragraph(text, text)]
            container.extend(closing)
    text = _("End of the meeting: %s.") % clock_text(end)
    container += nodes.paragraph(text, text, classes=["sg-runsheet-end"])
    return container


def _reserve_step(
    app: Sphinx, reserve: list[Any], at: float, spare: float, fromdocname: str
) -> list[nodes.Node]:
    """ "Reserve questions: choose from these", with the minutes left, never more."""
    heading = step_heading(clock_text(at), str(_("Reserve questions")), spare if spare else None)
    if spare >= 1:
        text = _(
            "Choose from these if time allows: %(spare)s are left before the closing; "
            "together they would take %(all)s."
        ) % {"spare": format_minutes(spare), "all": format_minutes(minutes_of(reserve))}
    else:
        text = _(
            "No time is left for them in this meeting: use one only in place of a core question."
        )
    intro = nodes.paragraph(text, text, classes=["sg-runsheet-reserve-intro"])
    return [*heading, intro, *labelled_copies(app, reserve, fromdocname, reserve_label=True)]


def fill_runsheet(
    app: Sphinx, placeholder: questions_placeholder, fromdocname: str
) -> nodes.Element | None:
    """The :data:`FILL_PLACEHOLDER` listener of ``session-runsheet``."""
    if isinstance(placeholder, session_runsheet):
        return build_runsheet(app, placeholder, fromdocname)
    return None


def check_start(app: Sphinx, config: Config) -> None:
    """``studyguide_session_start``: empty (the directive's), or ``HH:MM``."""
    value = config.studyguide_session_start
    if value in ("", None):
        config.studyguide_session_start = ""
        return
    if isinstance(value, str) and CLOCK.fullmatch(value.strip()):
        config.studyguide_session_start = value.strip()
        return
    config_warning(
        "studyguide_session_start = %r: give the meeting's start as HH:MM, e.g. 18:30; "
        "using each run sheet's own :start: (default %s)",
        value,
        DEFAULT_START,
    )
    config.studyguide_session_start = ""


def setup_runsheet(app: Sphinx) -> None:
    """Register ``session-runsheet`` and ``studyguide_session_start``."""
    add_config_values(
        app,
        {
            "studyguide_session_start": Setting(
                "", "the run sheets' start time, HH:MM (overrides their :start:)"
            ),
        },
    )
    app.connect("config-inited", check_start)
    app.add_directive("session-runsheet", SessionRunsheet)
    app.connect(FILL_PLACEHOLDER, fill_runsheet)
    register_nodes(app, {session_runsheet: Visitors()}, fallback=SKIP)
