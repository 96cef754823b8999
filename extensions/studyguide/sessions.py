"""Reading-group sessions: a meeting's agenda and a printable handout.

``{session-plan} part-1-insurrection`` gives the agenda of the meeting on one
chapter: the part of the film (with its video), the reading, the chapter's key
terms with short definitions, its questions with their minutes and a total,
and a closing.  ``{session-handout} part-1-insurrection`` gives the sheet the
participants take home: key terms, then each question with room to write.

Both directives leave a placeholder that is filled on ``doctree-resolved``,
when every chapter has been read: the questions come from the ``questions``
domain, the key terms from the glossary component (when it is loaded) or
else from the chapter's ``{term}`` references.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from studyguide.i18n import _
from studyguide.questions.directives import docname_from, nested_in
from studyguide.questions.domain import DOMAIN
from studyguide.questions.editions import is_facilitator
from studyguide.questions.helpers import (
    chapter_title,
    format_minutes,
    glossary_data,
    parse_minutes,
    question_number_text,
    question_title,
    refnode_or_text,
)
from studyguide.questions.lists import PLACEHOLDER_FILLERS, question_copies
from studyguide.questions.nodes import questions_placeholder
from studyguide.video import watch_url

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.questions.nodes import discussion_question

logger = logging.getLogger(__name__)

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}
DEFAULT_LINES = 3
#: Key terms of a chapter whose questions name none: its first mentions.
MAX_MENTIONED = 8


class session_plan(questions_placeholder):
    """Placeholder for a session's agenda, filled on ``doctree-resolved``."""


class session_handout(questions_placeholder):
    """Placeholder for a session's handout, filled on ``doctree-resolved``."""


class writing_space(nodes.General, nodes.Element):
    """Room to write after a question on a handout (``lines`` ruled lines)."""


@dataclass
class KeyTerm:
    """A glossary term a chapter mentions, with a short definition."""

    name: str
    definition: str
    docname: str | None = None
    target: str | None = None


# -- Directives ------------------------------------------------------------------


class _ChapterDirective(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = False
    node_class: type[nodes.Element] = session_plan

    def chapter(self) -> str | None:
        if nested_in(self):  # a plan in a question would list the question itself
            return None
        docname = docname_from(self.env, self.arguments[0])
        if docname not in self.env.found_docs:
            logger.warning(
                "%s: unknown chapter %r; give the chapter's document name, "
                "e.g. 'part-1-insurrection'",
                self.name,
                self.arguments[0],
                location=(self.env.docname, self.lineno),
                type="studyguide",
                subtype="session",
            )
            return None
        return docname


class SessionPlan(_ChapterDirective):
    """``session-plan``: the agenda of the meeting on one chapter.

    The directive's body, if any, replaces the default closing.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_plan(chapter=docname, classes=["sg-session-plan"])
        self.set_source_info(node)
        if self.content:
            closing = nodes.container()
            closing.extend(self.parse_content_to_nodes())
            node["closing"] = closing
        return [node]


#: The most ruled lines after a question: a page of a handout.
MAX_LINES = 30


def lines_option(value: str | None) -> int:
    """``:lines:``: a whole number from 1 to :data:`MAX_LINES` (TeX fails on huge ones)."""
    lines = directives.positive_int(value)
    if lines > MAX_LINES:
        raise ValueError(f"at most {MAX_LINES} lines (a page) after a question")
    return lines


class SessionHandout(_ChapterDirective):
    """``session-handout``: key terms and questions with room to write."""

    option_spec: ClassVar[dict[str, Any]] = {"lines": lines_option}

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_handout(
            chapter=docname,
            lines=self.options.get("lines", DEFAULT_LINES),
            classes=["sg-session-handout"],
        )
        self.set_source_info(node)
        return [node]


# -- Data ------------------------------------------------------------------------


def short_definition(text: str) -> str:
    """The first sentence of a definition."""
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s+[A-Z(\"“]|$)", text)
    return match.group(1) if match else text


def key_terms(env: BuildEnvironment, docname: str) -> list[KeyTerm]:
    """The chapter's key terms, with short definitions, in order.

    They are the glossary terms its questions name in ``:terms:`` (the names a
    group needs for the discussion); a chapter whose questions name none gets
    its first :data:`MAX_MENTIONED` glossary mentions instead.  Definitions
    come from the glossary component's data (the entry's first sentence);
    without that component, the terms are listed with links only.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    names: list[str] = []
    for question in domain.questions_of(docname):
        names.extend(name for name in question["terms"] if name not in names)
    glossary = glossary_data(env)
    if not names:
        mentions = _mentions(env, docname)
        names = mentions[:MAX_MENTIONED]
    std = env.domains.standard_domain
    found: list[KeyTerm] = []
    seen: set[str] = set()
    for name in names:
        definition = ""
        if glossary is not None:
            entry = glossary.lookup(name)
            if entry is None:
                continue  # reported by the glossary's unknown-term warning
            name, definition = entry.term, entry.tip
        if name.lower() in seen:
            continue
        seen.add(name.lower())
        target = std._terms.get(name.lower()) if hasattr(std, "_terms") else None
        termdoc, node_id = target if target else (None, None)
        found.append(KeyTerm(name, definition, termdoc, node_id))
    return found


def _mentions(env: BuildEnvironment, docname: str) -> list[str]:
    """The glossary terms *docname* mentions, in order of first mention."""
    glossary_domain = None
    with contextlib.suppress(KeyError):
        glossary_domain = env.domains["sgglossary"]
    names: list[str] = []
    if glossary_domain is not None:
        for mention in glossary_domain.data.get("mentions", {}).get(docname, []):
            if mention.term not in names:
                names.append(mention.term)
        return names
    for xref in env.get_doctree(docname).findall(addnodes.pending_xref):
        if xref.get("reftype") == "term" and xref["reftarget"] not in names:
            names.append(xref["reftarget"])
    return names


def film_line(env: BuildEnvironment, docname: str) -> nodes.paragraph:
    """ "Part I, *The Insurrection* (*La insurrección*, 1975)" from the front matter."""
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
    runtime = parse_minutes(str(meta.get("runtime", "")))
    if runtime:
        para += nodes.Text(", " + format_minutes(runtime))
    para += nodes.Text(".")
    return para


def runtime_of(env: BuildEnvironment, docname: str) -> float | None:
    """The film part's running time, only where the front matter gives ``runtime:``."""
    return parse_minutes(str(env.metadata.get(docname, {}).get("runtime", "")))


def _labelled(label: str, *content: nodes.Node) -> nodes.paragraph:
    para = nodes.paragraph()
    para += nodes.strong(label, label)
    para += nodes.Text(": ")
    para.extend(content)
    return para


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


def _question_summary(copy: discussion_question) -> list[nodes.Node]:
    """The first paragraph of a resolved question copy."""
    for child in copy.children:
        if isinstance(child, nodes.paragraph) and "sg-question-terms" not in child["classes"]:
            return list(child.children)
    return []


# -- Filling the placeholders ----------------------------------------------------------


def build_plan(app: Sphinx, plan: session_plan, fromdocname: str) -> nodes.Element:
    """The agenda: screening, reading, key terms, discussion, closing."""
    env, builder = app.env, app.builder
    docname = plan["chapter"]
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    container = nodes.container(classes=["sg-session-plan"])
    title = _("Session plan")
    container += nodes.rubric(title, title)
    agenda = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".")
    container += agenda

    screening = nodes.list_item()
    screening += _labelled(_("Screening"), *film_line(env, docname).children)
    for video_id in domain.videos.get(docname, []):
        url = watch_url(video_id)
        screening += _labelled(_("Video"), nodes.reference(url, url, refuri=url))
    agenda += screening

    reading = nodes.list_item()
    chapter = chapter_title(env, docname)
    reading += _labelled(
        _("Reading"), refnode_or_text(builder, fromdocname, docname, None, nodes.Text(chapter))
    )
    agenda += reading

    terms = key_terms(env, docname)
    if terms:
        item = nodes.list_item()
        item += _labelled(_("Key terms"))
        item[-1].pop()  # no colon text after the label when a list follows
        item += _terms_list(builder, fromdocname, terms)
        agenda += item

    questions = domain.questions_of(docname)
    if questions:
        item = nodes.list_item()
        item += nodes.paragraph("", "", nodes.strong(_("Discussion"), _("Discussion")))
        bullets = nodes.bullet_list()
        total = 0.0
        copies = question_copies(app, questions, fromdocname, link=False)
        for question, copy in zip(questions, copies, strict=True):
            number = question_title(env, docname, question["sg_index"])
            link = refnode_or_text(
                builder, fromdocname, docname, question["ids"][0], nodes.Text(number)
            )
            para = nodes.paragraph()
            para += nodes.strong("", "", link)
            if question["minutes"]:
                total += question["minutes"]
                para += nodes.Text(" (" + format_minutes(question["minutes"]) + ")")
            para += nodes.Text(": ")
            para.extend(_question_summary(copy))
            bullets += nodes.list_item("", para)
        item += bullets
        if total:
            total_para = _labelled(_("Total"), nodes.Text(format_minutes(total)))
            total_para["classes"].append("sg-session-total")
            item += total_para
            runtime = runtime_of(env, docname)
            if runtime:
                item += _labelled(
                    _("Total with the screening"), nodes.Text(format_minutes(total + runtime))
                )
        agenda += item

    closing = nodes.list_item()
    if plan.get("closing") is not None:
        closing += nodes.paragraph("", "", nodes.strong(_("Closing"), _("Closing")))
        closing.extend(plan["closing"].deepcopy().children)
    else:
        closing += _labelled(
            _("Closing"),
            nodes.Text(
                _(
                    "Each member names one question the session left open; "
                    "agree on the next part of the film."
                )
            ),
        )
    agenda += closing
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
    terms = key_terms(env, docname)
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


# -- Visitors ----------------------------------------------------------------------------


def visit_space_html(self: HTML5Translator, node: writing_space) -> None:
    style = f"height: {2 * node['lines']}rem"
    self.body.append(self.starttag(node, "div", "", CLASS="sg-writing-space", style=style))
    self.body.append("</div>\n")
    raise nodes.SkipNode


def visit_space_latex(self: LaTeXTranslator, node: writing_space) -> None:
    self.body.append(f"\n\\sgwritinglines{{{node['lines']}}}\n")
    raise nodes.SkipNode


def visit_space_text(self: TextTranslator, node: writing_space) -> None:
    self.new_state(0)
    self.add_text("\n".join(["_" * 60] * node["lines"]))
    self.end_state(wrap=False)
    raise nodes.SkipNode


def visit_placeholder(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_sessions(app: Sphinx) -> None:
    """Register the session-plan and session-handout directives."""
    app.add_directive("session-plan", SessionPlan)
    app.add_directive("session-handout", SessionHandout)
    # Filled on doctree-resolved, in the questions component's one walk of the page.
    PLACEHOLDER_FILLERS[session_plan] = build_plan
    PLACEHOLDER_FILLERS[session_handout] = build_handout
    skip = (visit_placeholder, None)
    app.add_node(session_plan, html=skip, latex=skip, text=skip)
    app.add_node(session_handout, html=skip, latex=skip, text=skip)
    app.add_node(
        writing_space,
        html=(visit_space_html, None),
        latex=(visit_space_latex, None),
        text=(visit_space_text, None),
    )


__all__ = ["KeyTerm", "key_terms", "question_number_text", "setup_sessions"]
