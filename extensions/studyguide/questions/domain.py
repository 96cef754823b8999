"""The ``questions`` domain: each document's questions (kept pickled) and videos,
parallel- and incremental-safe; the labels; the consistency check."""

from __future__ import annotations

import hashlib
import pickle
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.questions.helpers import (
    _warn,
    chapter_number,
    glossary_data,
    glossary_failed,
    ordered_docnames,
    unknown_term_hint,
)
from studyguide.questions.nodes import discussion_question, questions_placeholder
from studyguide.video import video_ids as find_video_ids

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

DOMAIN = "questions"
#: Attribute of a question kept in the domain: a digest of what lists show of it.
SIGNATURE = "sg_signature"
#: An index target's id: its number counts the index entries before it in the document.
SERIAL_ID = re.compile(r"index-[0-9]+")


def pickled_question(question: discussion_question) -> bytes:
    """The question and its body, pickled apart from its document.

    Every node may name its document and names its parent: pickled as they
    stand, they would take the whole chapter along.  For the pickling they
    name neither, and their lines count from the question's own line, so the
    bytes stay the same when an edit elsewhere in the chapter moves the
    question (they are the question's signature too).  Afterwards the parent
    and lines are as they were, and each node finds its document through its
    parents (docutils' ``Node.document``).
    """
    base = question.line or 0
    parent = question.parent
    saved = [(node, node.line) for node in question.findall()]
    for node, line in saved:
        node.document = None
        if line is not None:
            node.line = line - base
    question.parent = None
    try:
        return pickle.dumps(question, pickle.HIGHEST_PROTOCOL)
    finally:
        question.parent = parent
        for node, line in saved:
            node.line = line


def serial_free(question: discussion_question, body: bytes) -> bytes:
    """The pickled question with its index targets' serial numbers left out.

    A mention or an index entry added earlier in the chapter renumbers the
    ``index-N`` targets of the question's terms line; the lists clear those
    ids, so the question shows the same there and its signature must not
    change.  *body* is the question pickled as it stands (kept when it has no
    such target).
    """
    saved: list[tuple[nodes.Element, str, Any]] = []
    for node in question.findall(nodes.Element):
        # The targets' ids, and attributes naming one (a mention's "sg_index").
        for name, value in list(node.attributes.items()):
            if isinstance(value, str) and SERIAL_ID.fullmatch(value):
                saved.append((node, name, value))
                node[name] = "index"
        if any(SERIAL_ID.fullmatch(node_id) for node_id in node["ids"]):
            saved.append((node, "ids", node["ids"]))
            node["ids"] = [SERIAL_ID.sub("index", node_id) for node_id in node["ids"]]
        if isinstance(node, addnodes.index) and node.get("entries"):
            saved.append((node, "entries", node["entries"]))
            node["entries"] = [
                (entry[0], entry[1], SERIAL_ID.sub("index", entry[2]), *entry[3:])
                for entry in node["entries"]
            ]
    if not saved:
        return body
    try:
        return pickled_question(question)
    finally:
        for node, attribute, value in saved:
            node[attribute] = value


def question_body(env: BuildEnvironment, question: discussion_question) -> discussion_question:
    """A new, whole copy of a collected question (attributes and body), detached.

    The domain keeps the question's attributes only; the body comes from its
    chapter's doctree, as Sphinx stored it after reading.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    body = domain.original(question["docname"], question["sg_index"]).deepcopy()
    # As the original's parents and document stay behind: a copy to place elsewhere.
    for node in body.findall():
        node.document = None
    return body


class QuestionsDomain(PerDocumentDomain):
    """The questions of every document, and the YouTube videos of each chapter."""

    name = DOMAIN
    label = "Discussion questions"
    #: docname -> that document's questions, in document order
    questions = PerDocument[list[discussion_question]]()
    #: docname -> the YouTube video ids in that document
    videos = PerDocument[list[str]]()
    #: docname -> True where the document holds a placeholder (a set, picklable)
    lists = PerDocument[bool]()
    #: docname -> the labels its ``{ref}`` and ``{numref}`` name (a question's among them)
    refs = PerDocument[list[str]]()

    #: :meth:`labels`, kept until a document is read, removed or merged (not
    #: domain data: rebuilt from it, never pickled).
    _labels: dict[str, tuple[str, str, int]] | None = None
    #: :meth:`numbers` before this build read anything (``env-get-outdated``).
    _numbers_before: dict[str, tuple[str, str, str | None, int]] | None = None

    #: docname -> sg_index -> the question in the chapter's doctree, loaded when
    #: a list first asks (not domain data: the doctrees are Sphinx's).
    _originals: dict[str, dict[int, discussion_question]] | None = None

    def _forget(self) -> None:
        self._labels = None
        self._originals = None

    def clear_doc(self, docname: str) -> None:
        self._forget()
        super().clear_doc(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self._forget()
        super().merge_domaindata(docnames, otherdata)

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        self._forget()
        found = []
        for index, question in enumerate(document.findall(discussion_question), start=1):
            question["sg_index"] = index
            question["docname"] = docname
            # The domain keeps the question's attributes only, as a node without
            # children: its body stays in the chapter's doctree.  Bodies in the
            # domain data made each -j read worker send them back (the
            # environment, pickled: twice the hand-written guide's), and
            # thousands of live nodes slowed every garbage collection.
            shell = question.copy()
            shell.document = None  # a copy names its original's document: not kept
            # What the lists show of it (lines counted from the question's).
            shell[SIGNATURE] = hashlib.sha256(
                serial_free(question, pickled_question(question))
            ).hexdigest()
            found.append(shell)
        if found:
            self.questions[docname] = found
        video_ids = find_video_ids(document)
        if video_ids:
            self.videos[docname] = video_ids
        if any(True for _node in document.findall(questions_placeholder)):
            self.lists[docname] = True
        refs = {
            str(node["reftarget"])
            for node in document.findall(addnodes.pending_xref)
            if node.get("refdomain") == "std" and node.get("reftype") in ("ref", "numref")
        }
        if refs:
            self.refs[docname] = sorted(refs)

    def original(self, docname: str, index: int) -> discussion_question:
        """The *index*-th question of *docname* in the chapter's doctree."""
        if self._originals is None:
            self._originals = {}
        if docname not in self._originals:
            doctree = self.env.get_doctree(docname)
            self._originals[docname] = {
                question["sg_index"]: question for question in doctree.findall(discussion_question)
            }
        return self._originals[docname][index]

    def page_inputs(self, docname: str) -> tuple[Any, ...]:
        """What the lists and session plans show of *docname* (see ``collected``)."""
        return (
            [question[SIGNATURE] for question in self.questions.get(docname, ())],
            self.videos.get(docname, []),
            docname in self.lists,
        )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.Element]]:
        return []

    # The API the sessions component (and anyone else) reads.

    def questions_of(self, docname: str, priority: str | None = None) -> list[discussion_question]:
        """The questions of *docname*, in document order; only *priority*'s if given
        (``"core"`` or ``"reserve"``, the ``:priority:`` of each question)."""
        questions = self.questions.get(docname, [])
        if priority is None:
            return list(questions)
        return [q for q in questions if q.get("priority", "core") == priority]

    def labels(self) -> dict[str, tuple[str, str, int]]:
        """label -> (docname, node id, index); the first in toctree order wins.

        Built once after reading and kept: every ``{ref}`` to a question asks.
        """
        if self._labels is not None:
            return self._labels
        found: dict[str, tuple[str, str, int]] = {}
        for docname in ordered_docnames(self.env, self.questions):
            for question in self.questions[docname]:
                if question["label"] and question["label"] not in found:
                    found[question["label"]] = (docname, question["ids"][0], question["sg_index"])
        self._labels = found
        return found

    def numbers(self) -> dict[str, tuple[str, str, str | None, int]]:
        """label -> (docname, node id, chapter number, index): what a ``{ref}`` to it
        shows ("Question 2.3") and where it leads."""
        chapters: dict[str, str | None] = {}
        found = {}
        for label, (docname, node_id, index) in self.labels().items():
            if docname not in chapters:
                chapters[docname] = chapter_number(self.env, docname)
            found[label] = (docname, node_id, chapters[docname], index)
        return found

    def citing(self, labels: Set[str]) -> list[str]:
        """The pages whose ``{ref}`` or ``{numref}`` names one of *labels*."""
        return sorted(doc for doc, refs in self.refs.items() if not labels.isdisjoint(refs))


def remember_numbers(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Note each label's question and number before anything is read (env-get-outdated)."""
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    domain._numbers_before = domain.numbers()
    return []


def rewrite_citing_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages citing a question whose page, place or number changed are written again.

    A ``{ref}`` shows "Question 1.6" with a link: moving the question or
    changing its chapter's ``part:`` changes both, in a page Sphinx would not
    write again (its source did not change), as for numbered figures.  The
    pages of collected questions show their notes, which may cite too.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    before = domain._numbers_before
    domain._numbers_before = None
    if before is None:
        return []
    after = domain.numbers()
    changed = {
        label for label in before.keys() | after.keys() if before.get(label) != after.get(label)
    }
    if not changed:
        return []
    citing = domain.citing(changed)
    if any(doc in domain.questions for doc in citing):
        citing += list(domain.lists)
    return sorted(set(citing))


def check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    """Report duplicate labels, every build, in toctree order.

    Unknown ``:terms:`` are reported here only without the guide's glossary
    component (against the standard domain's terms); with it, the directive
    reports them while parsing and prints them unlinked.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    std = env.domains.standard_domain
    glossary = glossary_data(env)
    first: dict[str, tuple[str, int | None]] = {}
    for docname in ordered_docnames(env, domain.questions):
        for question in domain.questions[docname]:
            location = (docname, question.line)
            label = question["label"]
            if label in first:
                other_doc, other_line = first[label]
                _warn(
                    "duplicate discussion-question label %r (first used in %s, line %s): "
                    "give each question a label of its own",
                    location,
                    "question",
                    label,
                    env.doc2path(other_doc, False),
                    other_line,
                )
            elif label:
                first[label] = (docname, question.line)
                if label in std.anonlabels:
                    _warn(
                        "discussion-question label %r is already a label in %s: choose another",
                        location,
                        "question",
                        label,
                        env.doc2path(std.anonlabels[label][0], False),
                    )
            if glossary is not None or glossary_failed(env):
                continue  # the directive reported unknown :terms: already (or the file)
            for term in question["terms"]:
                hint = unknown_term_hint(env, term)
                if hint is not None:
                    _warn(
                        "discussion question: unknown glossary term %r in :terms:%s",
                        location,
                        "question",
                        term,
                        hint,
                    )
