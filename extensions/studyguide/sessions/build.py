"""Filling the placeholders on ``doctree-resolved``: a session's plan and handout.

The plan: the chapter's content notes, the film and the reading, the two
formats' timed agendas (:mod:`~studyguide.sessions.agenda`), the key terms,
the core questions with their minutes (and, in the facilitator edition, each
question's note under it), the reserve questions "if time allows", and the
closing.  The handout: key terms, then each question with room to write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from studyguide.config import WorkWords, work_words
from studyguide.editions import is_facilitator
from studyguide.i18n import _
from studyguide.nodeutil import refnode_or_text
from studyguide.numbers import whole_number
from studyguide.questions.domain import DOMAIN, question_body
from studyguide.questions.helpers import (
    chapter_title,
    format_minutes,
    glossary_data,
    parse_minutes,
    question_title,
)
from studyguide.questions.lists import (
    question_copies,
    question_summary,
)
from studyguide.sessions.agenda import CoreQuestion, Format, formats
from studyguide.sessions.contentnote import note_copies
from studyguide.sessions.domain import DOMAIN as SESSIONS
from studyguide.sessions.domain import minutes_of, timings
from studyguide.sessions.keyterms import KeyTerm, key_terms
from studyguide.sessions.meeting import session_dates
from studyguide.sessions.nodes import (
    session_agenda,
    session_agendas,
    session_context,
    writing_space,
)
from studyguide.video import watch_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.questions.nodes import discussion_question
    from studyguide.sessions.domain import SessionsDomain
    from studyguide.sessions.nodes import session_handout, session_plan

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}


# -- Data ------------------------------------------------------------------------


def film_line(env: BuildEnvironment, docname: str) -> nodes.paragraph:
    """ "Part I, *The Insurrection* (*La insurrección*, 1975), 96 minutes.", from front matter."""
    meta = env.metadata.get(docname, {})
    para = nodes.paragraph()
    part = str(meta.get("part", "")).strip()
    if part:
        number = whole_number(part, 0, 99)  # front matter's part: is at most two digits
        label = _("Part %s") % ROMAN.get(number, part) if number is not None else part
        para += nodes.Text(label + ", ")
    title = str(meta.get("title_en", "")) or chapter_title(env, docname)
    para += nodes.emphasis(title, title)
    extra = [str(meta[key]) for key in ("title_es", "film_year") if meta.get(key)]
    if extra:
        para += nodes.Text(" (")
        if meta.get("title_es"):
            para += nodes.emphasis(str(meta["title_es"]), str(meta["title_es"]))
            if len(extra) > 1:
                para += nodes.Text(", ")
        if meta.get("film_year"):
            para += nodes.Text(str(meta["film_year"]))
        para += nodes.Text(")")
    runtime = runtime_of(env, docname)
    if runtime:
        para += nodes.Text(", " + format_minutes(runtime))
    para += nodes.Text(".")
    return para


def runtime_of(env: BuildEnvironment, docname: str) -> float | None:
    """The film part's running time, only where the front matter gives ``runtime:``."""
    return parse_minutes(str(env.metadata.get(docname, {}).get("runtime", "")))


def session_key_terms(env: BuildEnvironment, chapter: str) -> list[KeyTerm]:
    """The key terms of the chapter's plan (``:key-terms:``), else derived ones."""
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    return key_terms(env, chapter, sessions.chosen_key_terms(chapter))


# -- Pieces --------------------------------------------------------------------------


def _labelled(label: str, *content: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(": ")
    para.extend(content)
    return para


def _keep_with_next(lines: int) -> nodes.raw:
    """In print, a lead-in ("...:") moves to the next page with what it introduces."""
    return nodes.raw("", f"\\needspace{{{lines}\\baselineskip}}", format="latex")


def _heading(label: str, minutes: float | None = None) -> list[nodes.Node]:
    """A part of the plan: "Key terms (10 minutes)", kept with what follows in print."""
    para = nodes.paragraph(classes=["sg-plan-heading"])
    para += nodes.strong(label, label)
    if minutes is not None:
        text = " (" + format_minutes(minutes) + ")"
        para += nodes.inline(text, text, classes=["sg-plan-minutes"])
    # A paragraph has no keep-with-next: without this, a heading can end a page.
    keep = nodes.raw("", "\\needspace{5\\baselineskip}", format="latex")
    return [keep, para]


def _terms_list(builder: Builder, fromdocname: str, terms: list[KeyTerm]) -> nodes.Element:
    dl = nodes.definition_list(classes=["sg-session-terms"])
    for term in terms:
        item = nodes.definition_list_item()
        item += nodes.term("", "", term.name_node(builder, fromdocname))
        definition = nodes.definition()
        if term.definition:
            definition += nodes.paragraph(term.definition, term.definition)
        item += definition
        dl += item
    return dl


def _dates(app: Sphinx, start: str | None, end: str | None) -> nodes.bullet_list | None:
    """The chronology's events from *start* to *end*: "29 June 1973: ..." a line."""
    items = nodes.bullet_list(classes=["sg-plan-dates"])
    for date, event in session_dates(app.env, start, end):
        para = nodes.paragraph()
        para += nodes.strong(date, date)
        para += nodes.Text(": " + event)
        items += nodes.list_item("", para)
    return items if len(items) else None


def _titles(questions: tuple[CoreQuestion, ...]) -> str:
    """ "Question 1.1, Question 1.2 and Question 1.4"."""
    titles = [question.title for question in questions]
    if len(titles) == 1:
        return titles[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(titles[:-1]), "last": titles[-1]}


def _agenda_node(agenda: Format, reserves: bool, words: WorkWords) -> session_agenda:
    meetings = []
    notes: list[str] = []
    for meeting in agenda.meetings:
        rows = [
            (segment.label, format_minutes(segment.minutes) if segment.minutes is not None else "—")
            for segment in meeting.segments
        ]
        meetings.append((meeting.title, rows, (str(_("Total")), format_minutes(meeting.total))))
        prefix = meeting.title + ": " if meeting.title else ""
        if not meeting.complete:
            notes.append(words.no_runtime)
        if meeting.left_out:
            if meeting.kept:
                text = _(
                    "Not all the core questions fit: discuss %(kept)s (%(minutes)s), "
                    "in this order, and leave out %(left)s."
                ) % {
                    "kept": _titles(meeting.kept),
                    "minutes": format_minutes(sum(q.minutes for q in meeting.kept)),
                    "left": _titles(meeting.left_out),
                }
            else:
                text = _(
                    "No core question fits this meeting: plan a longer one, "
                    "or choose another format."
                )
            notes.append(prefix + text)
        if meeting.too_long and meeting.length is not None:
            notes.append(
                prefix
                + _("This meeting needs %(total)s, more than its %(length)s.")
                % {"total": format_minutes(meeting.total), "length": format_minutes(meeting.length)}
            )
        elif meeting.spare >= 1:
            spare = format_minutes(meeting.spare)
            if reserves:
                text = _("%s are left; choose from the reserve questions below.") % spare
            else:
                text = _("%s are left for a longer discussion.") % spare
            notes.append(prefix + text)
    node = session_agenda(
        title=agenda.title, meetings=meetings, classes=["sg-agenda", f"sg-agenda-{agenda.key}"]
    )
    for text in notes:
        node += nodes.paragraph(text, text, classes=["sg-agenda-note"])
    return node


def core_order(
    env: BuildEnvironment, core: list[discussion_question], keep: list[str]
) -> list[CoreQuestion]:
    """The core questions in the order the formats keep them: ``:keep:``, then the chapter's."""
    ranked = sorted(
        core,
        key=lambda q: keep.index(q["label"]) if q["label"] in keep else len(keep),
    )
    return [
        CoreQuestion(
            q["label"], question_title(env, q["docname"], q["sg_index"]), q["minutes"] or 0
        )
        for q in ranked
    ]


def default_closing() -> nodes.paragraph:
    """The closing of a plan whose body gives none (the run sheet says the same)."""
    text = _(
        "Each member names one question the session left open; "
        "agree on what the group takes up next."
    )
    return nodes.paragraph(text, text)


def _reserve_intro(spare: float, reserve_minutes: float) -> str:
    """What the reserve questions are for, with the minutes the meeting leaves them."""
    if spare < 1:
        return str(
            _(
                "Reserve questions: a meeting watched beforehand leaves no time for them; "
                "use one in place of a core question, or keep them for another meeting."
            )
        )
    if reserve_minutes <= spare:
        return str(
            _(
                "Reserve questions: a meeting watched beforehand leaves %(spare)s, "
                "time for all of them (%(total)s)."
            )
            % {"spare": format_minutes(spare), "total": format_minutes(reserve_minutes)}
        )
    return str(
        _(
            "Reserve questions: a meeting watched beforehand leaves %(spare)s; "
            "choose from them (all of them would take %(total)s)."
        )
        % {"spare": format_minutes(spare), "total": format_minutes(reserve_minutes)}
    )


def _question_items(
    app: Sphinx,
    questions: list[discussion_question],
    copies: list[discussion_question],
    fromdocname: str,
) -> nodes.bullet_list:
    """ "Question 2.1 Core (5 minutes): text", each in full, with its notes under it
    (and its page, in print)."""
    bullets = nodes.bullet_list(classes=["sg-plan-questions"])
    for question, copy in zip(questions, copies, strict=True):
        bullets += question_summary(app, question, fromdocname, copy)
    return bullets


# -- Filling the placeholders ----------------------------------------------------------


def build_plan(app: Sphinx, plan: session_plan, fromdocname: str) -> nodes.Element:
    """The agenda of the meeting on one chapter, in both formats."""
    env, builder = app.env, app.builder
    docname = plan["chapter"]
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    container = nodes.container(classes=["sg-session-plan"])
    title = _("Session plan")
    container += nodes.rubric(title, title)
    container.extend(note_copies(app, sessions.notes.get(docname, []), fromdocname))

    film = _labelled(work_words(app.config).work, *film_line(env, docname).children)
    film["classes"].append("sg-plan-film")
    container += film
    for video_id in domain.videos.get(docname, []):
        url = watch_url(video_id)
        container += _labelled(_("Video"), nodes.reference(url, url, refuri=url))
    chapter = chapter_title(env, docname)
    container += _labelled(
        _("Reading"), refnode_or_text(builder, fromdocname, docname, None, nodes.Text(chapter))
    )

    questions = domain.questions_of(docname)
    core = domain.questions_of(docname, "core")
    reserve = domain.questions_of(docname, "reserve")
    terms = key_terms(env, docname, plan.get("key_terms"))
    plan_timings = timings(app.config, plan.get("timing_options", {}))
    order = core_order(env, core, plan.get("keep") or [])
    words = work_words(app.config)
    all_formats = formats(plan_timings, runtime_of(env, docname), order, bool(terms), words)
    intro = _("Three ways to run the session; choose the one that suits the group:")
    container += _keep_with_next(12)
    container += nodes.paragraph(intro, intro, classes=["sg-agendas-intro"])
    container += session_agendas(
        "",
        *(_agenda_node(agenda, bool(reserve), words) for agenda in all_formats),
        classes=["sg-agendas"],
    )

    context = next((c for c in plan.children if isinstance(c, session_context)), None)
    if context is not None:
        plan.remove(context)
    dates = _dates(app, plan.get("from"), plan.get("to"))
    if context is not None or dates:
        container.extend(_heading(_("Welcome and context"), plan_timings.welcome))
        if context is not None:
            text = _("To read out:")
            container += _keep_with_next(5)
            container += nodes.paragraph(text, text, classes=["sg-plan-when"])
            container += context
        if dates:
            label = _("Dates from the chronology")
            container += _keep_with_next(4)
            container += nodes.paragraph("", "", nodes.strong(label, label))
            container += dates

    if terms:
        container.extend(_heading(_("Key terms"), plan_timings.key_terms))
        text = words.key_terms_when
        container += nodes.paragraph(text, text, classes=["sg-plan-when"])
        container += _terms_list(builder, fromdocname, terms)

    copies = question_copies(app, questions, fromdocname, link=False)
    by_id = {id(q): c for q, c in zip(questions, copies, strict=True)}
    if core:
        container.extend(_heading(_("Core questions"), minutes_of(core)))
        container += _question_items(app, core, [by_id[id(q)] for q in core], fromdocname)
    if reserve:
        container.extend(_heading(_("If time allows")))
        spare = all_formats[0].meetings[0].spare
        text = _reserve_intro(spare, minutes_of(reserve))
        container += nodes.paragraph(text, text, classes=["sg-plan-reserve-intro"])
        items = _question_items(app, reserve, [by_id[id(q)] for q in reserve], fromdocname)
        items["classes"].append("sg-plan-reserve")
        container += items

    container.extend(_heading(_("Closing"), plan_timings.closing))
    if len(plan):
        # The body, already resolved with the page (doctree-resolved).
        body = list(plan.children)
        plan.clear()
        container.extend(body)
    else:
        container += default_closing()
    return container


def build_handout(app: Sphinx, handout: session_handout, fromdocname: str) -> nodes.Element:
    """Key terms, then each question followed by room to write."""
    env, builder = app.env, app.builder
    docname = handout["chapter"]
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    container = nodes.container(classes=["sg-session-handout"])
    container += film_line(env, docname)
    chapter = chapter_title(env, docname)
    container += _labelled(
        _("Reading"), refnode_or_text(builder, fromdocname, docname, None, nodes.Text(chapter))
    )
    # The chapter's content note: members read it before the film, and the
    # facilitator's notes refer to it.
    container.extend(note_copies(app, sessions.notes.get(docname, []), fromdocname))
    terms = session_key_terms(env, docname)
    if terms:
        title = _("Key terms")
        container += nodes.rubric(title, title)
        # Compact, one paragraph a term: the handout should fit on two pages
        # (two columns in print, sgquestions.sty).
        compact = nodes.container(classes=["sg-handout-terms"])
        for term in terms:
            para = nodes.paragraph()
            para += nodes.strong(term.name, term.name)
            if term.definition:
                para += nodes.Text(" " + term.definition)
            compact += para
        container += compact
    title = _("Questions")
    container += nodes.rubric(title, title)
    questions = domain.questions_of(docname)
    cited = _cited_terms(env, questions, {term.name for term in terms})
    for copy in question_copies(app, questions, fromdocname):
        for line in list(copy.findall(nodes.paragraph)):
            if "sg-question-terms" in line["classes"]:
                line.parent.remove(line)  # the key terms above say it already
        container += copy
        # The facilitator's copy holds the notes where the group writes: it
        # stays as short as the participants' handout.
        if not is_facilitator(app.config):
            container += writing_space(lines=handout["lines"])
    if cited:
        # The handout is read apart from the guide: a glossary entry its text
        # cites comes with its definition.
        title = _("Glossary entries cited above")
        container += nodes.rubric(title, title)
        entries = nodes.container(classes=["sg-handout-cited"])
        for name, definition in cited:
            para = nodes.paragraph()
            para += nodes.strong(name, name)
            para += nodes.Text(" " + definition)
            entries += para
        container += entries
    return container


def _cited_terms(
    env: BuildEnvironment, questions: list[discussion_question], shown: set[str]
) -> list[tuple[str, str]]:
    """The glossary entries the questions and notes cite with ``{term}``, with their
    definitions, leaving out the key terms the handout shows already."""
    glossary = glossary_data(env)
    if glossary is None:
        return []
    found: list[tuple[str, str]] = []
    for question in questions:
        for xref in question_body(env, question).findall(addnodes.pending_xref):
            if xref.get("reftype") != "term" or xref.get("sg_question_term"):
                continue
            entry = glossary.lookup(xref["reftarget"])
            if entry is None or entry.term in shown:
                continue
            shown.add(entry.term)
            found.append((entry.term, " ".join(entry.definition.split())))
    return found
