"""Read time: facilitator notes join their question (or go); write time: the
number "Question 2.3" and ``{ref}``/``{numref}`` to a question's label."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from studyguide.editions import is_facilitator
from studyguide.nodeutil import ancestors
from studyguide.questions.domain import DOMAIN
from studyguide.questions.helpers import _warn, question_number_text, question_title
from studyguide.questions.lists import priority_label
from studyguide.questions.nodes import (
    discussion_question,
    facilitator_note,
    question_number,
    questions_placeholder,
)

if TYPE_CHECKING:
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from studyguide.questions.domain import QuestionsDomain


class FacilitatorNotes(SphinxTransform):
    """Attach each note to its question; drop all notes in the participant edition.

    Runs at read time, before the domains collect the document and before it
    is pickled, so nothing downstream (HTML, search index, LaTeX) sees a note
    of the participant edition.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        keep = is_facilitator(self.config)
        for note in list(self.document.findall(facilitator_note)):
            parent = note.parent
            # A question, or a placeholder with a body of its own (a session
            # plan's closing), holds its notes.
            inside = any(
                isinstance(a, (discussion_question, questions_placeholder)) for a in ancestors(note)
            )
            if not inside:
                index = parent.index(note)
                previous = parent[index - 1] if index else None
                if isinstance(previous, discussion_question):
                    parent.remove(note)
                    _insert_note(previous, note)
                else:
                    _warn(
                        "facilitator-note outside a discussion question: put it inside "
                        "a discussion-question directive, or right after one",
                        note,
                        "facilitator_note",
                    )
                    parent.remove(note)
                    continue
            if not keep:
                note.parent.remove(note)
            else:
                mark_note_labels(note)


#: A note's paragraph that opens with a short label ("Passages:", "One way to
#: open:"): at most five words, then a colon.
NOTE_LABEL = re.compile(r"[A-Z][^\s:.;,]{0,30}(?: [^\s:.;,]{1,30}){0,4}:(?=\s)")


def mark_note_labels(note: facilitator_note) -> None:
    """Set a paragraph's lead-in apart (class ``sg-note-label``), in every format."""
    for paragraph in note.findall(nodes.paragraph):
        if not paragraph.children or not isinstance(paragraph[0], nodes.Text):
            continue
        text = str(paragraph[0])
        match = NOTE_LABEL.match(text)
        if match is None:
            continue
        label = match.group(0)
        rest = text[match.end() :]
        paragraph.replace(paragraph[0], nodes.Text(rest))
        paragraph.insert(0, nodes.inline(label, label, classes=["sg-note-label"]))


def _insert_note(question: discussion_question, note: facilitator_note) -> None:
    """A note given after its question goes before the question's terms line."""
    last = question[-1] if len(question) else None
    if isinstance(last, nodes.paragraph) and "sg-question-terms" in last["classes"]:
        question.insert(len(question) - 1, note)
    else:
        question += note


class QuestionNumbers(SphinxPostTransform):
    """Write "Question 2.3" and "Core" or "Reserve" into each question's header,
    for every builder.

    The number comes from the domain and the front matter, so the HTML and
    the LaTeX print the same one; the label says in words what the reserve
    style shows (not colour alone).
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for number in list(self.document.findall(question_number)):
            question = number.parent.parent
            if isinstance(question, discussion_question) and not number.children:
                title = question_title(self.env, question["docname"], question["sg_index"])
                number += nodes.Text(title)
                header = number.parent
                at = header.index(number) + 1
                # A space after it: the text, man and texinfo writers put the
                # header's parts side by side as they come.
                header[at:at] = [priority_label(question), nodes.Text(" ")]


def resolve_question_refs(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.Element
) -> nodes.Node | None:
    """``{ref}``/``{numref}`` to a question's label, and ``:terms:`` left unknown.

    Question labels are the domain's, not the standard domain's (whose own
    duplicate-label warning would double ours), so Sphinx finds no target and
    asks here.  An unknown ``:terms:`` entry, already reported by the
    consistency check, becomes plain text instead of a second warning.
    """
    if node.get("sg_question_term"):
        return contnode
    if node.get("refdomain") != "std" or node.get("reftype") not in ("ref", "numref"):
        return None
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    labels = domain.labels()
    target = node["reftarget"]
    if target not in labels:
        return None
    docname, node_id, index = labels[target]
    number = question_number_text(env, docname, index)
    title = question_title(env, docname, index)
    if node.get("refexplicit"):
        text = contnode.astext()
        if node["reftype"] == "numref":
            text = text.replace("%s", number).replace("{number}", number)
            text = text.replace("{name}", title)
    else:
        text = title
    inner = nodes.inline(text, text, classes=["xref", "std", f"std-{node['reftype']}"])
    fromdoc = node.get("refdoc", env.docname)
    return make_refnode(app.builder, fromdoc, docname, node_id, inner)
