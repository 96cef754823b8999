"""``{session-invitation} <chapter>``: the invitation to a meeting, sent a week before.

What the members need before they come: what to watch (``studyguide_film_title``
and the part's title), its running time (front matter ``runtime``), where to find it (the
distributor, ``studyguide_distributor`` and ``studyguide_distributor_url``,
and the chapter's video where it has one), the chapter to read with the range
of its numbered paragraphs ("¶ 1–19"), the chapter's content notes, two
questions to think about beforehand (``:questions:``, two labels; by
default the first two core questions), and placeholders for the date, the
time and the place ("[date]") that the facilitator fills in.

The same words come out three ways: the page (HTML, EPUB, LaTeX: a page of
its own in print), and, in an HTML build, a plain-text copy ready to paste
into an email, written beside the page: ``invitations/session-1.html`` gets
``invitations/session-1.txt`` (into the output directory, never the
sources).  No facilitator note is part of an invitation.

Warnings: ``studyguide.session`` (unknown chapter, a label of no question).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.osutil import relative_uri
from sphinx.util.texescape import escape as tex_escape

from studyguide.config import Setting, add_config_values
from studyguide.i18n import _
from studyguide.nodeutil import refnode_or_text
from studyguide.questions.domain import DOMAIN as QUESTIONS
from studyguide.questions.helpers import chapter_title, question_title
from studyguide.questions.lists import FILL_PLACEHOLDER, question_copies, question_text
from studyguide.questions.nodes import facilitator_note, questions_placeholder
from studyguide.sessions.build import film_line
from studyguide.sessions.contentnote import note_copies
from studyguide.sessions.directives import _ChapterDirective
from studyguide.sessions.domain import DOMAIN as SESSIONS
from studyguide.sessions.meeting import (
    chosen_questions,
    nowrap,
    paragraph_range,
    question_labels_option,
)
from studyguide.video import qr_filename, watch_url, write_qr_png
from studyguide.visitors import SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from studyguide.questions.domain import QuestionsDomain
    from studyguide.sessions.domain import SessionsDomain

#: How many questions an invitation gives to think about.
QUESTION_COUNT = 2
#: Builders whose output gets the plain-text copy beside the page.
TEXT_COPY_BUILDERS = frozenset({"html", "dirhtml"})
#: Width of the plain-text copy (an email's lines).
TEXT_WIDTH = 72


class session_invitation(questions_placeholder):
    """Placeholder for an invitation: ``chapter``, ``questions`` (labels or ``None``)."""


class SessionInvitation(_ChapterDirective):
    """``session-invitation``: the invitation to the meeting on one chapter."""

    option_spec: ClassVar[dict[str, Any]] = {"questions": question_labels_option}

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = session_invitation(
            chapter=docname, questions=self.options.get("questions"), classes=["sg-invitation"]
        )
        self.set_source_info(node)
        return [node]


@dataclass
class Block:
    """One paragraph of the invitation: its nodes and its plain text."""

    nodes: list[nodes.Node]
    text: str
    classes: list[str] = field(default_factory=list)


def _text_block(text: str, classes: list[str] | None = None) -> Block:
    return Block([nodes.Text(text)], text, classes or [])


def _link(url: str) -> nodes.reference:
    return nodes.reference(url, url, refuri=url)


def invitation_blocks(
    app: Sphinx, placeholder: session_invitation, fromdocname: str
) -> list[Block]:
    """The invitation, paragraph by paragraph, the same in every output."""
    env, builder, config = app.env, app.builder, app.config
    chapter = placeholder["chapter"]
    domain: QuestionsDomain = env.domains[QUESTIONS]  # type: ignore[assignment]
    sessions: SessionsDomain = env.domains[SESSIONS]  # type: ignore[assignment]
    blocks: list[Block] = []

    blocks.append(_text_block(str(_("Dear all,"))))
    when = str(_("Our next meeting: [date], [time], at [place]."))
    blocks.append(_text_block(when, ["sg-invitation-when"]))

    # What to watch, and how long it runs.
    film = film_line(env, chapter)
    watch = str(_("Before we meet, please watch"))
    if config.studyguide_film_title:
        watch += " " + config.studyguide_film_title + ","
    blocks.append(
        Block(
            [nodes.Text(watch + " "), *film.children],
            f"{watch} {film.astext()}",
            ["sg-invitation-film"],
        )
    )

    # Where to find it.
    where_nodes: list[nodes.Node] = []
    where_text: list[str] = []
    distributor, url = config.studyguide_distributor, config.studyguide_distributor_url
    if distributor:
        text = str(_("Where to watch it: the film is distributed by %s")) % distributor
        where_nodes.append(nodes.Text(text))
        where_text.append(text)
        if url:
            where_nodes += [nodes.Text(" ("), _link(url), nodes.Text(")")]
            where_text.append(f" ({url})")
        where_nodes.append(nodes.Text("."))
        where_text.append(".")
    for video_id in domain.videos.get(chapter, []):
        video = watch_url(video_id)
        text = str(_("This part is also on YouTube:"))
        lead = (" " if where_nodes else "") + text + " "
        where_nodes += [nodes.Text(lead), _link(video)]
        where_text.append(f"{lead}{video}")
    if where_nodes:
        blocks.append(Block(where_nodes, "".join(where_text), ["sg-invitation-where"]))

    # What to read.
    title = chapter_title(env, chapter)
    paragraphs = paragraph_range(env, chapter)
    read = str(_("Please read the chapter"))
    chapter_ref = refnode_or_text(builder, fromdocname, chapter, None, nodes.Text(title))
    read_nodes: list[nodes.Node] = [nodes.Text(read + " “"), chapter_ref, nodes.Text("”")]
    read_text = f"{read} “{title}”"
    guide = str(_("of the study guide: the review"))
    read_nodes.append(nodes.Text(" " + guide))
    read_text += " " + guide
    if paragraphs:
        read_nodes += [nodes.Text(", "), nowrap(paragraphs)]
        read_text += ", " + paragraphs
    read_nodes.append(nodes.Text("."))
    blocks.append(Block(read_nodes, read_text + ".", ["sg-invitation-reading"]))

    # The content note, said before the film.
    for note in note_copies(app, sessions.notes.get(chapter, []), fromdocname):
        body = " ".join(child.astext() for child in note.children)
        label = str(_("Content note"))
        blocks.append(
            Block(
                [nodes.strong(label, label), nodes.Text(": "), *_inline(note)],
                f"{label}: {' '.join(body.split())}",
                ["sg-invitation-content-note"],
            )
        )

    # Two questions to think about beforehand.
    questions = chosen_questions(
        env,
        chapter,
        placeholder.get("questions"),
        QUESTION_COUNT,
        placeholder,
        "session-invitation",
    )
    if questions:
        lead = str(_("Questions to think about beforehand:"))
        blocks.append(_text_block(lead, ["sg-invitation-questions-lead"]))
        copies = question_copies(app, questions, fromdocname, link=False)
        for number, (question, copy) in enumerate(zip(questions, copies, strict=True), start=1):
            for note in list(copy.findall(facilitator_note)):
                note.parent.remove(note)  # never part of an invitation
            paragraph = question_text(copy)
            if paragraph is None:
                continue
            title = question_title(env, question["docname"], question["sg_index"])
            prefix = f"{number}. "
            blocks.append(
                Block(
                    [nodes.Text(prefix), nodes.strong(title, title), nodes.Text(": ")]
                    + [child.deepcopy() for child in paragraph.children],
                    f"{prefix}{title}: {' '.join(paragraph.astext().split())}",
                    ["sg-invitation-question"],
                )
            )

    blocks.append(_text_block(str(_("See you there,"))))
    blocks.append(_text_block(str(_("[your name]")), ["sg-invitation-signature"]))
    return blocks


def _inline(note: nodes.Element) -> list[nodes.Node]:
    """A note's paragraphs as inline content of one paragraph."""
    found: list[nodes.Node] = []
    for index, paragraph in enumerate(note.findall(nodes.paragraph)):
        if index:
            found.append(nodes.Text(" "))
        found.extend(child.deepcopy() for child in paragraph.children)
    return found


def plain_text(blocks: list[Block]) -> str:
    """The invitation as an email's text: paragraphs wrapped, blank lines between."""
    paragraphs = []
    for block in blocks:
        hanging = "   " if block.text[:2].rstrip(".").isdigit() else ""
        paragraphs.append(
            textwrap.fill(
                block.text,
                TEXT_WIDTH,
                subsequent_indent=hanging,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n\n".join(paragraphs) + "\n"


def text_copy_name(docname: str) -> str:
    """The plain-text copy's path in the output directory: ``invitations/session-1.txt``."""
    return docname + ".txt"


def build_invitation(
    app: Sphinx, placeholder: session_invitation, fromdocname: str
) -> nodes.Element:
    """The invitation's page content; in HTML, its plain-text copy written beside it."""
    blocks = invitation_blocks(app, placeholder, fromdocname)
    container = nodes.container(classes=["sg-invitation"])
    for block in blocks:
        container += nodes.paragraph("", "", *block.nodes, classes=block.classes)
        if "sg-invitation-where" in block.classes and app.builder.format == "latex":
            container.extend(_qr_codes(app, placeholder["chapter"]))
    if app.builder.name in TEXT_COPY_BUILDERS:
        name = text_copy_name(fromdocname)
        path = Path(app.outdir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(plain_text(blocks), encoding="utf-8")
        uri = relative_uri(app.builder.get_target_uri(fromdocname), name)
        text = str(_("The same invitation as plain text, to paste into an email:"))
        para = nodes.paragraph(classes=["sg-invitation-text-copy"])
        para += nodes.Text(text + " ")
        link = Path(name).name
        para += nodes.reference(link, link, refuri=uri)
        return nodes.container("", container, para, classes=["sg-invitation-page"])
    return container


def _qr_codes(app: Sphinx, chapter: str) -> list[nodes.Node]:
    """In print, the QR code of each of the chapter's videos, as the chapter prints it."""
    if not app.config.studyguide_video:
        return []
    domain: QuestionsDomain = app.env.domains[QUESTIONS]  # type: ignore[assignment]
    found: list[nodes.Node] = []
    for video_id in domain.videos.get(chapter, []):
        url, filename = watch_url(video_id), qr_filename(video_id)
        write_qr_png(url, Path(app.builder.outdir) / filename)
        label = tex_escape(str(_("Watch this part of the film")), app.config.latex_engine)
        latex = f"\\sphinxstudyguidevideo{{{url}}}{{{filename}}}{{{label}}}"
        found.append(nodes.raw("", latex, format="latex"))
    return found


def fill_invitation(
    app: Sphinx, placeholder: questions_placeholder, fromdocname: str
) -> nodes.Element | None:
    """The :data:`FILL_PLACEHOLDER` listener of ``session-invitation``."""
    if isinstance(placeholder, session_invitation):
        return build_invitation(app, placeholder, fromdocname)
    return None


def setup_invitation(app: Sphinx) -> None:
    """Register ``session-invitation`` and where the film can be found."""
    add_config_values(
        app,
        {
            "studyguide_film_title": Setting("", "the film's title, as invitations name it"),
            "studyguide_distributor": Setting("", "the film's distributor, named in invitations"),
            "studyguide_distributor_url": Setting("", "the distributor's web address"),
        },
    )
    app.add_directive("session-invitation", SessionInvitation)
    app.connect(FILL_PLACEHOLDER, fill_invitation)
    register_nodes(app, {session_invitation: Visitors()}, fallback=SKIP)
