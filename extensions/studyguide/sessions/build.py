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

from studyguide.config import WorkWords, work_words
from studyguide.editions import is_facilitator
from studyguide.i18n import _
from studyguide.nodeutil import refnode_or_text
from studyguide.questions.domain import DOMAIN
from studyguide.questions.helpers import (
    chapter_title,
    format_minutes,
    parse_minutes,
    question_title,
)
from studyguide.questions.lists import question_copies, question_summary, question_text
from studyguide.questions.nodes import facilitator_note
from studyguide.sessions.agenda import Agenda, agendas
from studyguide.sessions.contentnote import note_copies
from studyguide.sessions.domain import DOMAIN as SESSIONS
from studyguide.sessions.domain import minutes_of, timings
from studyguide.sessions.keyterms import KeyTerm, key_terms
from studyguide.sessions.nodes import session_agenda, session_agendas, writing_space
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
        label = _("Part %s") % ROMAN.get(int(part), part) if part.isdigit() else part
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
        name: nodes.Node = nodes.Text(term.name)
        if term.docname and term.target:
            name = refnode_or_text(builder, fromdocname, term.docname, term.target, name)
        item = nodes.definition_list_item()
        item += nodes.term("", "", name)
        definition = nodes.definition()
        if term.definition:
            definition += nodes.paragraph(term.definition, term.definition)
        item += definition
        dl += item
    return dl


def _agenda_node(agenda: Agenda, words: WorkWords) -> session_agenda:
    rows = [
        (segment.label, format_minutes(segment.minutes) if segment.minutes is not None else "—")
        for segment in agenda.segments
    ]
    total = (str(_("Total")), format_minutes(agenda.total))
    node = session_agenda(
        title=agenda.title, rows=rows, total=total, classes=["sg-agenda", f"sg-agenda-{agenda.key}"]
    )
    if not agenda.complete:
        text = words.no_runtime
        node += nodes.paragraph(text, text, classes=["sg-agenda-note"])
    elif agenda.too_long and agenda.key == "together":
        text = words.too_long_together % format_minutes(agenda.total)
        node += nodes.paragraph(text, text, classes=["sg-agenda-note"])
    elif agenda.too_long:
        text = _("This format needs %s, more than the meeting.") % format_minutes(agenda.total)
        node += nodes.paragraph(text, text, classes=["sg-agenda-note"])
    elif agenda.meeting - agenda.total >= 1:
        # The rest of the meeting, said outright: the plan adds up to the meeting.
        text = _("%(spare)s of the %(meeting)s-minute meeting are left for reserve questions.") % {
            "spare": format_minutes(agenda.meeting - agenda.total),
            "meeting": agenda.meeting,
        }
        node += nodes.paragraph(text, text, classes=["sg-agenda-note"])
    return node


def _question_items(
    app: Sphinx,
    questions: list[discussion_question],
    copies: list[discussion_question],
    fromdocname: str,
) -> nodes.bullet_list:
    """ "Question 2.1 (5 minutes): text", each with its facilitator notes under it.

    In print, "Question 2.1 (5 minutes): first words… (p. 18)" only.
    """
    env, builder = app.env, app.builder
    bullets = nodes.bullet_list(classes=["sg-plan-questions"])
    if builder.format == "latex":
        # Print gives each question, and its note, in full once, in its chapter:
        # here its number, first words and page.
        bullets.extend(question_summary(app, question, fromdocname) for question in questions)
        return bullets
    for question, copy in zip(questions, copies, strict=True):
        number = question_title(env, question["docname"], question["sg_index"])
        link = refnode_or_text(
            builder, fromdocname, question["docname"], question["ids"][0], nodes.Text(number)
        )
        para = nodes.paragraph()
        para += nodes.strong("", "", link)
        if question["minutes"]:
            para += nodes.Text(" (" + format_minutes(question["minutes"]) + ")")
        para += nodes.Text(": ")
        text = question_text(copy)
        para.extend(text.children if text is not None else [])
        item = nodes.list_item("", para)
        # Only the facilitator edition has notes at all (removed at read time).
        for note in copy.findall(facilitator_note):
            note.parent.remove(note)
            item += note
        bullets += item
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
    words = work_words(app.config)
    beforehand, together = agendas(
        plan_timings,
        runtime_of(env, docname),
        minutes_of(core),
        bool(terms),
        bool(core),
        words,
    )
    intro = _("Two ways to run a %s-minute meeting:") % plan_timings.meeting
    container += nodes.paragraph(intro, intro, classes=["sg-agendas-intro"])
    container += session_agendas(
        "",
        _agenda_node(beforehand, words),
        _agenda_node(together, words),
        classes=["sg-agendas"],
    )

    if terms:
        container.extend(_heading(_("Key terms"), plan_timings.key_terms))
        container += _terms_list(builder, fromdocname, terms)

    copies = question_copies(app, questions, fromdocname, link=False)
    by_id = {id(q): c for q, c in zip(questions, copies, strict=True)}
    if core:
        container.extend(_heading(_("Core questions"), minutes_of(core)))
        container += _question_items(app, core, [by_id[id(q)] for q in core], fromdocname)
    if reserve:
        container.extend(_heading(_("If time allows")))
        text = _("Reserve questions, not counted in the times above.")
        container += nodes.paragraph(text, text, classes=["sg-plan-reserve-intro"])
        items = _question_items(app, reserve, [by_id[id(q)] for q in reserve], fromdocname)
        items["classes"].append("sg-plan-reserve")
        container += items

    container.extend(_heading(_("Closing"), plan_timings.closing))
    if plan.get("closing") is not None:
        container.extend(plan["closing"].deepcopy().children)
    else:
        text = work_words(app.config).closing
        container += nodes.paragraph(text, text)
    return container


def build_handout(app: Sphinx, handout: session_handout, fromdocname: str) -> nodes.Element:
    """Key terms, then each question followed by room to write."""
    env, builder = app.env, app.builder
    docname = handout["chapter"]
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    container = nodes.container(classes=["sg-session-handout"])
    container += film_line(env, docname)
    chapter = chapter_title(env, docname)
    container += _labelled(
        _("Reading"), refnode_or_text(builder, fromdocname, docname, None, nodes.Text(chapter))
    )
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
    for copy in question_copies(app, domain.questions_of(docname), fromdocname):
        for line in list(copy.findall(nodes.paragraph)):
            if "sg-question-terms" in line["classes"]:
                line.parent.remove(line)  # the key terms above say it already
        container += copy
        # The facilitator's copy holds the notes where the group writes: it
        # stays as short as the participants' handout.
        if not is_facilitator(app.config):
            container += writing_space(lines=handout["lines"])
    return container
