"""``{session-cards} <chapter>``: the session's questions as cards, for small tables.

Each question of the chapter on an A6 card, four to an A4 sheet with cut
marks; a reserve question's card says "Reserve".  In the facilitator edition
each sheet of questions is followed by a sheet of their notes, in duplex
order: printed on both sides (flip on the long edge), each note lands on the
back of its card, so the backs are mirrored left to right.  The participant
edition has the fronts only (its questions have no notes).

The cards are made for print (``\\sgcardsheet`` in ``latex/sgmeeting.sty``);
on a web page they show as a grid of boxes, in text as the questions in turn.

Warnings: ``studyguide.session`` (unknown chapter).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from studyguide.editions import is_facilitator
from studyguide.i18n import _
from studyguide.questions.helpers import chapter_title, format_minutes, question_title
from studyguide.questions.lists import FILL_PLACEHOLDER, question_copies
from studyguide.questions.nodes import facilitator_note, question_header, questions_placeholder
from studyguide.sessions.directives import _ChapterDirective
from studyguide.sessions.meeting import questions_of
from studyguide.visitors import CHILDREN, SKIP, Visitors, html_element, register_nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.latex import LaTeXTranslator

    from studyguide.questions.nodes import discussion_question

#: Cards on a sheet: two columns, two rows (A6 on A4).
PER_SHEET = 4
#: Where the back of the card in each slot lands, printed duplex and flipped
#: on the long edge: the columns swap.
BACK_SLOT = {0: 1, 1: 0, 2: 3, 3: 2}


class question_cards(questions_placeholder):
    """Placeholder for a session's question cards: ``chapter``."""


class card_sheet(nodes.General, nodes.Element):
    """One A4 sheet of (up to) four cards: ``side`` is ``front`` or ``back``."""


class question_card(nodes.General, nodes.Element):
    """One card: ``slot`` (0-3), ``title``, ``corner`` (e.g. "Reserve · 8 minutes"),
    ``footer`` and ``side``; its children are what the card says."""


class SessionCards(_ChapterDirective):
    """``session-cards``: the chapter's questions as cards, to cut out."""

    def run(self) -> list[nodes.Node]:
        docname = self.chapter()
        if docname is None:
            return []
        node = question_cards(chapter=docname, classes=["sg-question-cards"])
        self.set_source_info(node)
        return [node]


def _question_body(copy: discussion_question) -> list[nodes.Node]:
    """The question's own text: not its header, terms line or notes."""
    return [
        child.deepcopy()
        for child in copy.children
        if not isinstance(child, question_header | facilitator_note)
        and "sg-question-terms" not in child.get("classes", [])
    ]


def _note_body(copy: discussion_question) -> list[nodes.Node]:
    """The question's facilitator notes, without their title (the card's title says it)."""
    found: list[nodes.Node] = []
    for note in copy.findall(facilitator_note):
        found.extend(
            child.deepcopy()
            for child in note.children
            if "sg-facilitator-note-title" not in child.get("classes", [])
        )
    return found


def build_cards(app: Sphinx, placeholder: question_cards, fromdocname: str) -> list[nodes.Node]:
    """The sheets of cards: fronts, and in the facilitator edition the backs after each."""
    env = app.env
    chapter = placeholder["chapter"]
    core, reserve = questions_of(env, chapter)
    questions = [*core, *reserve]
    copies = question_copies(app, questions, fromdocname, link=False)
    footer = chapter_title(env, chapter)
    facilitator = is_facilitator(app.config)
    sheets: list[nodes.Node] = []
    pairs = list(zip(questions, copies, strict=True))
    for first in range(0, len(pairs), PER_SHEET):
        batch = pairs[first : first + PER_SHEET]
        front = card_sheet(side="front", classes=["sg-card-sheet"])
        back = card_sheet(side="back", classes=["sg-card-sheet", "sg-card-sheet-back"])
        for slot, (question, copy) in enumerate(batch):
            title = question_title(env, question["docname"], question["sg_index"])
            corner = format_minutes(question["minutes"]) if question["minutes"] else ""
            reserve_card = question.get("priority") == "reserve"
            if reserve_card:
                label = str(_("Reserve"))
                corner = f"{label} · {corner}" if corner else label
            classes = ["sg-card", *(["sg-card-reserve"] if reserve_card else [])]
            front += question_card(
                "",
                *_question_body(copy),
                slot=slot,
                title=title,
                corner=corner,
                footer=footer,
                side="front",
                classes=classes,
            )
            note = _note_body(copy)
            if facilitator and note:
                back += question_card(
                    "",
                    *note,
                    slot=BACK_SLOT[slot],
                    title=title,
                    corner=str(_("Facilitator note")),
                    footer=footer,
                    side="back",
                    classes=["sg-card", "sg-card-back"],
                )
        sheets.append(front)
        if facilitator and back.children:
            # In slot order, as the sheet is read.
            back.children.sort(key=lambda card: card["slot"])
            sheets.append(back)
    if not sheets:
        return []
    container = nodes.container("", *sheets, classes=["sg-question-cards"])
    return [container]


def fill_cards(
    app: Sphinx, placeholder: questions_placeholder, fromdocname: str
) -> list[nodes.Node] | None:
    """The :data:`FILL_PLACEHOLDER` listener of ``session-cards``."""
    if isinstance(placeholder, question_cards):
        return build_cards(app, placeholder, fromdocname)
    return None


# -- LaTeX: each card saved in a box, the sheet placed on its page -----------------------


def visit_sheet_latex(self: LaTeXTranslator, node: card_sheet) -> None:
    self.body.append(f"\n\\begin{{sgcardsheet}}{{{node['side']}}}\n")


def depart_sheet_latex(self: LaTeXTranslator, node: card_sheet) -> None:
    self.body.append("\\end{sgcardsheet}\n")


def visit_card_latex(self: LaTeXTranslator, node: question_card) -> None:
    def tex(text: str) -> str:
        return self.encode(text)

    side = "back" if node["side"] == "back" else "front"
    # The title bar: grey for a reserve question (its corner says "Reserve").
    colour = "sgcardreserve" if "sg-card-reserve" in node["classes"] else "sgcardframe"
    if side == "back":
        colour = "sgcardnote"
    self.body.append(
        f"\\sgcardsave{{{node['slot']}}}{{{tex(node['footer'])}}}{{%\n"
        f"\\begin{{sgcard{side}}}{{{tex(node['title'])}}}{{{tex(node['corner'])}}}{{{colour}}}\n"
    )


def depart_card_latex(self: LaTeXTranslator, node: question_card) -> None:
    side = "back" if node["side"] == "back" else "front"
    self.body.append(f"\n\\end{{sgcard{side}}}}}\n")


# -- HTML: a grid of boxes ------------------------------------------------------------------


def visit_card_html(self: Any, node: question_card) -> None:
    self.body.append(self.starttag(node, "div"))
    title = self.encode(node["title"])
    corner = self.encode(node["corner"])
    self.body.append(
        f'<p class="sg-card-title"><strong>{title}</strong>'
        f'<span class="sg-card-corner">{corner}</span></p>\n'
    )


def depart_card_html(self: Any, node: question_card) -> None:
    self.body.append("</div>\n")


def visit_card_text(self: Any, node: question_card) -> None:
    self.new_state(0)
    self.add_text(" ".join(filter(None, [node["title"], node["corner"]])))
    self.end_state(wrap=False)
    self.new_state(2)


def depart_card_text(self: Any, node: question_card) -> None:
    self.end_state()


def setup_cards(app: Sphinx) -> None:
    """Register ``session-cards`` and its nodes."""
    app.add_directive("session-cards", SessionCards)
    app.connect(FILL_PLACEHOLDER, fill_cards)
    register_nodes(app, {question_cards: Visitors()}, fallback=SKIP)
    register_nodes(
        app,
        {
            card_sheet: Visitors(
                html=html_element("div"), latex=(visit_sheet_latex, depart_sheet_latex)
            ),
            question_card: Visitors(
                html=(visit_card_html, depart_card_html),
                latex=(visit_card_latex, depart_card_latex),
                text=(visit_card_text, depart_card_text),
            ),
        },
        fallback=CHILDREN,
    )
