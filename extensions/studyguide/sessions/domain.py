"""The ``sessions`` domain: each document's session plans and content notes,
parallel- and incremental-safe; the check that core questions fit the meeting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.questions.domain import DOMAIN as QUESTIONS
from studyguide.questions.helpers import _warn, ordered_docnames
from studyguide.sessions.agenda import Timings, fit_problem
from studyguide.sessions.contentnote import content_note, pickled_note
from studyguide.sessions.keyterms import key_terms
from studyguide.sessions.nodes import session_context, session_plan

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.questions.nodes import discussion_question

DOMAIN = "sessions"


class SessionsDomain(PerDocumentDomain):
    """Session plans (chapter, line, options) and content notes, by document."""

    name = DOMAIN
    label = "Session plans"
    #: docname -> its plans: ``chapter``, ``line``, ``timing_options``, ``key_terms``,
    #: ``keep`` (labels), ``from`` and ``to`` (ISO dates or ``None``) and
    #: ``context`` (the plan's context brief as plain text, paragraphs apart by a
    #: blank line; ``""`` without one)
    plans = PerDocument[list[dict[str, Any]]]()
    #: docname -> its content notes, pickled (see ``contentnote.pickled_note``)
    notes = PerDocument[list[bytes]]()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        plans = [
            {
                "chapter": plan["chapter"],
                "line": plan.line,
                "timing_options": dict(plan["timing_options"]),
                "key_terms": plan["key_terms"],
                "keep": list(plan["keep"]),
                "from": plan["from"],
                "to": plan["to"],
                "context": context_text(plan),
            }
            for plan in document.findall(session_plan)
        ]
        if plans:
            self.plans[docname] = plans
        notes = [pickled_note(note) for note in document.findall(content_note)]
        if notes:
            self.notes[docname] = notes

    def page_inputs(self, docname: str) -> tuple[Any, ...]:
        """What the session plans and handouts show of *docname* (see ``collected``)."""
        plans = [
            (
                plan["chapter"],
                sorted(plan["timing_options"].items()),
                plan["key_terms"],
                plan["keep"],
                plan["from"],
                plan["to"],
                plan["context"],
            )
            for plan in self.plans.get(docname, [])
        ]
        return plans, self.notes.get(docname, [])

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, Any]]:
        return []

    def plan_of(self, chapter: str) -> dict[str, Any] | None:
        """The first plan (toctree order) of *chapter*: its data, as :attr:`plans` keeps it."""
        for docname in ordered_docnames(self.env, self.plans):
            for plan in self.plans[docname]:
                if plan["chapter"] == chapter:
                    return plan
        return None

    def context_of(self, chapter: str) -> str:
        """The context brief of *chapter*'s plan, as plain text (``""`` without one)."""
        plan = self.plan_of(chapter)
        return plan["context"] if plan else ""

    def chosen_key_terms(self, chapter: str) -> list[tuple[str, str]] | None:
        """The ``:key-terms:`` of the first plan (toctree order) of *chapter* that gives them."""
        for docname in ordered_docnames(self.env, self.plans):
            for plan in self.plans[docname]:
                if plan["chapter"] == chapter and plan["key_terms"] is not None:
                    return list(plan["key_terms"])
        return None


def context_text(plan: session_plan) -> str:
    """The plan's ``{session-context}`` as plain text, one paragraph a block."""
    blocks = [
        " ".join(paragraph.astext().split())
        for context in plan.findall(session_context)
        for paragraph in context.findall(nodes.paragraph)
    ]
    return "\n\n".join(block for block in blocks if block)


def timings(config: Config, options: dict[str, int]) -> Timings:
    """A plan's timings: its own options, else the meeting from ``conf.py`` and defaults."""
    return Timings(**{"meeting": config.studyguide_meeting_minutes, **options})


def minutes_of(questions: list[discussion_question]) -> float:
    """The sum of the questions' ``:minutes:`` (a question without them counts 0)."""
    return sum(q["minutes"] or 0 for q in questions)


def check_plans(app: Sphinx, env: BuildEnvironment) -> None:
    """Every build, in toctree order: one plan a chapter, with questions that fit its meeting."""
    domain: SessionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    questions: QuestionsDomain = env.domains[QUESTIONS]  # type: ignore[assignment]
    first: dict[str, tuple[str, int]] = {}  # chapter -> where its first plan is
    for docname in ordered_docnames(env, domain.plans):
        for plan in domain.plans[docname]:
            chapter = plan["chapter"]
            location = (docname, plan["line"])
            if chapter in first:
                where, line = first[chapter]
                _warn(
                    "session plan for %r: the chapter has a plan already (the first is in %s, "
                    "line %d); keep one plan a chapter (its handout takes the first plan's "
                    "key terms)",
                    location,
                    "session",
                    chapter,
                    env.doc2path(where, False),
                    line,
                )
                continue
            first[chapter] = location
            if not questions.questions_of(chapter):
                _warn(
                    "session plan for %r: the chapter has no discussion questions; add "
                    "them to the chapter ({discussion-question}) or remove the plan",
                    location,
                    "session",
                    chapter,
                )
                continue
            plan_timings = timings(env.config, plan["timing_options"])
            has_terms = bool(key_terms(env, chapter, plan["key_terms"]))
            problem = fit_problem(
                plan_timings, minutes_of(questions.questions_of(chapter, "core")), has_terms
            )
            if problem:
                _warn("session plan for %r: %s", location, "session", chapter, problem)
            core = [q["label"] for q in questions.questions_of(chapter, "core") if q["label"]]
            unknown = [label for label in plan["keep"] if label not in core]
            if unknown:
                _warn(
                    "session plan for %r: ':keep:' names %s, not the label of a core question "
                    "of the chapter; give labels from: %s",
                    location,
                    "session",
                    chapter,
                    ", ".join(map(repr, unknown)),
                    ", ".join(core) or "(none)",
                )
