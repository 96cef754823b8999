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
overrides it for a group), ``:format:`` (``beforehand``, the default,
``together``: one long meeting with a break, or ``two-meetings``: which of the
plan's formats the sheet follows), ``:from:`` and
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

from studyguide.config import Setting, add_config_values, config_warning, work_words
from studyguide.glossary.chronology import iso_date_option
from studyguide.i18n import _
from studyguide.nodeutil import clear_ids, refnode_or_text, resolved_copies
from studyguide.questions.domain import DOMAIN as QUESTIONS
from studyguide.questions.helpers import chapter_title, format_minutes
from studyguide.questions.lists import FILL_PLACEHOLDER
from studyguide.questions.nodes import questions_placeholder
from studyguide.sessions.agenda import Format, Meeting, formats
from studyguide.sessions.build import (
    core_order,
    default_closing,
    film_line,
    runtime_of,
    session_key_terms,
)
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

#: Values of ``:format:``: the plan's formats (watched beforehand; watched
#: together in one long meeting with a break; watched together over two meetings).
FORMATS = ("beforehand", "together", "two-meetings")


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
        para = nodes.paragraph()
        para += nodes.strong("", "", term.name_node(builder, fromdocname))
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


def context_brief(
    placeholder: session_runsheet, plan_context: list[nodes.Node]
) -> list[nodes.Node]:
    """The directive's body, else the plan's context brief."""
    if placeholder.children:
        return [child.deepcopy() for child in placeholder.children]
    return plan_context


# -- Filling the placeholder -------------------------------------------------------------


def start_of(app: Sphinx, placeholder: session_runsheet) -> str:
    """The command line's start (``studyguide_session_start``), else the directive's."""
    return app.config.studyguide_session_start or placeholder["start"]


def chosen_format(app: Sphinx, placeholder: session_runsheet) -> tuple[Format, list[Any]]:
    """The plan's format the sheet follows, and the core questions in the order it keeps them."""
    env = app.env
    chapter = placeholder["chapter"]
    plan = plan_of(app, chapter)
    core, _reserve = questions_of(env, chapter)
    keep = plan.data.get("keep") or []
    ranked = sorted(core, key=lambda q: keep.index(q["label"]) if q["label"] in keep else len(keep))
    terms = session_key_terms(env, chapter)
    all_formats = formats(
        plan.timings,
        runtime_of(env, chapter),
        core_order(env, core, keep),
        bool(terms),
        work_words(app.config),
    )
    chosen = dict(zip(FORMATS, all_formats, strict=True))[placeholder["format"]]
    return chosen, ranked


def _clocks(meeting: Meeting, start: int, reserve: bool) -> tuple[dict[str, float], float]:
    """Each segment's clock time (and the reserve questions' before the closing), and the end.

    The reserve questions take what a fixed-length meeting leaves before its closing.
    """
    clocks: dict[str, float] = {}
    elapsed = 0.0
    for segment in meeting.segments:
        if segment.key == "closing" and reserve:
            clocks["reserve"] = start + elapsed
            elapsed += meeting.spare
        clocks[segment.key] = start + elapsed
        elapsed += segment.minutes or 0
    length = meeting.length if meeting.length is not None and meeting.complete else 0
    return clocks, start + max(elapsed, length)


def build_runsheet(app: Sphinx, placeholder: session_runsheet, fromdocname: str) -> nodes.Element:
    """The run sheet: header, then for each meeting its timetable and its steps in order."""
    env, builder = app.env, app.builder
    chapter = placeholder["chapter"]
    domain: QuestionsDomain = env.domains[QUESTIONS]  # type: ignore[assignment]
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    plan = plan_of(app, chapter)
    _core, reserve = questions_of(env, chapter)
    chosen, ranked = chosen_format(app, placeholder)
    start = clock_minutes(start_of(app, placeholder))

    container = nodes.container(classes=["sg-runsheet"])
    container += labelled(work_words(app.config).work, *film_line(env, chapter).children)
    for video_id in domain.videos.get(chapter, []):
        url = watch_url(video_id)
        container += labelled(str(_("Video")), nodes.reference(url, url, refuri=url))
    reading = refnode_or_text(
        builder, fromdocname, chapter, None, nodes.Text(chapter_title(env, chapter))
    )
    paragraphs = paragraph_range(env, chapter)
    extra = [nodes.Text(", "), nowrap(paragraphs)] if paragraphs else []
    container += labelled(str(_("Reading")), reading, *extra)
    container += labelled(str(_("Format")), nodes.Text(chosen.title))
    container.extend(note_copies(app, sessions.notes.get(chapter, []), fromdocname))

    body = resolved_copies(app, [clear_ids(node) for node in plan.body()], fromdocname)
    brief = context_brief(placeholder, [c for c in body if plan.is_context(c)])
    closing = [c for c in body if not plan.is_context(c)]
    for meeting in chosen.meetings:
        container.extend(
            _meeting(app, placeholder, meeting, start, ranked, reserve, brief, closing, fromdocname)
        )
    return container


def _meeting(
    app: Sphinx,
    placeholder: session_runsheet,
    meeting: Meeting,
    start: int,
    ranked: list[Any],
    reserve: list[Any],
    brief: list[nodes.Node],
    closing: list[nodes.Node],
    fromdocname: str,
) -> list[nodes.Node]:
    """One meeting of the format: its times, its timetable, then each step."""
    env = app.env
    chapter = placeholder["chapter"]
    discusses = any(segment.key == "questions" for segment in meeting.segments)
    with_reserve = bool(reserve) and discusses
    clocks, end = _clocks(meeting, start, with_reserve)
    spare = meeting.spare
    out: list[nodes.Node] = []
    times = _("%(start)s to %(end)s") % {"start": clock_text(start), "end": clock_text(end)}
    out.append(labelled(meeting.title or str(_("Meeting")), nodes.Text(times)))

    rows = []
    for segment in meeting.segments:
        if segment.key == "closing" and with_reserve and spare >= 1:
            rows.append(
                (f"{clock_text(clocks['reserve'])} {_('Reserve questions')}", format_minutes(spare))
            )
        minutes = format_minutes(segment.minutes) if segment.minutes is not None else "—"
        rows.append((f"{clock_text(clocks[segment.key])} {segment.label}", minutes))
    out.append(
        session_agenda(
            title=str(_("Timetable")),
            meetings=[("", rows, (str(_("End")), clock_text(end)))],
            classes=["sg-agenda", "sg-runsheet-timetable"],
        )
    )

    for segment in meeting.segments:
        clock = clock_text(clocks[segment.key])
        if segment.key == "closing" and with_reserve:
            out.extend(_reserve_step(app, reserve, clocks["reserve"], spare, fromdocname))
        out.extend(step_heading(clock, segment.label, segment.minutes))
        if segment.key == "welcome":
            if brief:
                out.extend(subheading(str(_("Context brief, to read out"))))
                out.extend(node.deepcopy() for node in brief)
            plan = plan_of(app, chapter)
            dates = session_dates(
                env,
                placeholder.get("from") or plan.data.get("from"),
                placeholder.get("to") or plan.data.get("to"),
            )
            if dates:
                out.extend(subheading(str(_("Dates of this session"))))
                out.append(dates_list(dates))
        elif segment.key == "screening":
            out.append(film_line(env, chapter))
        elif segment.key == "key_terms":
            terms = session_key_terms(env, chapter)
            out.append(terms_list(app.builder, fromdocname, terms))
        elif segment.key == "questions":
            kept = ranked[: len(meeting.kept)]
            at, question_times = clocks["questions"], []
            for question in kept:
                question_times.append(clock_text(at))
                at += question["minutes"] or 0
            out.extend(labelled_copies(app, kept, fromdocname, clocks=question_times))
            if meeting.left_out:
                titles = ", ".join(question.title for question in meeting.left_out)
                text = _("Left out in this format, for lack of time: %s.") % titles
                out.append(nodes.paragraph(text, text, classes=["sg-runsheet-left-out"]))
        elif segment.key == "closing":
            if closing:
                out.extend(node.deepcopy() for node in closing)
            else:
                out.append(default_closing())
    text = _("End of the meeting: %s.") % clock_text(end)
    out.append(nodes.paragraph(text, text, classes=["sg-runsheet-end"]))
    return out


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
    return [*heading, intro, *labelled_copies(app, reserve, fromdocname)]


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
