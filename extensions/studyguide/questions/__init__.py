"""Discussion questions: numbered, referenceable, collected, with facilitator notes.

Stages of the build, in the order Sphinx runs them:

* parsing: the ``discussion-question`` and ``facilitator-note`` directives
  make neutral nodes; ``discussion-questions`` leaves a placeholder;
* read-time transform: facilitator notes are attached to their question, and
  removed altogether in the participant edition, so neither the HTML, the
  search index nor the PDF ever sees them;
* the ``questions`` domain collects each document's questions (parallel-safe);
* consistency check: duplicate labels and unknown glossary terms are reported
  once per build, in toctree order;
* post-transform (every builder): the number "Question 2.3" is filled in and
  ``{ref}``/``{numref}`` to a question's label are resolved from the domain, so
  HTML and LaTeX print the same number;
* ``doctree-resolved``: the placeholders are filled from copies of the
  collected questions (as ``sphinx.ext.todo`` does);
* one visitor pair per builder (HTML, LaTeX, text).

The number is ``<chapter>.<n>``: the chapter is the front matter's ``part:``
(or the chapter's position in the toctree), ``n`` counts the chapter's
questions in order.

The edition is the config value ``studyguide_edition`` (``"participant"`` or
``"facilitator"``), set to ``"facilitator"`` by the tag ``-t facilitator``.

Warnings (``type="studyguide"``, for ``suppress_warnings``):
``studyguide.question`` (empty question, ``:minutes:`` not a positive number,
duplicate label, label taken by another target, unknown chapter in
``discussion-questions``, unknown ``:terms:`` name),
``studyguide.facilitator_note`` (a note outside a question),
``studyguide.session`` (``session-plan``/``session-handout`` of an unknown
chapter) and ``studyguide.config`` (an unknown edition).
"""

from __future__ import annotations

import difflib
import hashlib
import pickle
import re
from collections.abc import Callable, Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxDirective, new_document
from sphinx.util.nodes import make_refnode
from sphinxcontrib.youtube.youtube import youtube

from studyguide.assets import add_static_dir
from studyguide.collected import inputs_changed, toctree_order
from studyguide.glossary_nodes import glossary_mention
from studyguide.i18n import _
from studyguide.latex import add_latex_package

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

logger = logging.getLogger(__name__)

EDITIONS = ("participant", "facilitator")
#: The Sphinx tag that selects the facilitator edition (``-t facilitator``).
FACILITATOR_TAG = "facilitator"
DOMAIN = "questions"
#: Attribute of a question kept in the domain: its whole node, pickled.
BODY = "sg_body"
#: Attribute of a question kept in the domain: a digest of what lists show of it.
SIGNATURE = "sg_signature"


# -- Nodes ---------------------------------------------------------------------


class discussion_question(nodes.General, nodes.Element):
    """A discussion question: header, MyST body, terms line, facilitator notes."""


class question_header(nodes.Part, nodes.TextElement):
    """The question's header line: its number and suggested time."""


class question_number(nodes.Inline, nodes.TextElement):
    """Placeholder for "Question 2.3", filled by :class:`QuestionNumbers`."""


class facilitator_note(nodes.General, nodes.Element):
    """Guidance for the facilitator; exists only in the facilitator edition."""


class questions_placeholder(nodes.General, nodes.Element):
    """Base of the placeholders filled from the collected questions.

    The documents holding one are rewritten whenever any document was read.
    """


class discussion_question_list(questions_placeholder):
    """Placeholder for the collected questions (whole guide or one chapter)."""


#: Each kind of questions placeholder -> what makes its content on doctree-resolved
#: (the sessions component adds its plans and handouts).
PLACEHOLDER_FILLERS: dict[type[nodes.Element], Callable[[Sphinx, Any, str], Any]] = {}


# -- Helpers shared with the sessions component ----------------------------------


def edition(config: Config) -> str:
    """The edition being built: ``"participant"`` or ``"facilitator"``."""
    return str(config.studyguide_edition)


def is_facilitator(config: Config) -> bool:
    """Whether facilitator notes are kept."""
    return edition(config) == "facilitator"


def parse_minutes(value: str) -> float | None:
    """A positive number of minutes, or ``None`` when *value* is not one."""
    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*", value):
        return None
    minutes = float(value)
    return minutes if minutes > 0 else None


def format_minutes(minutes: float) -> str:
    """ "10 minutes", "1 minute", "7.5 minutes", translated."""
    if minutes == 1:
        return _("1 minute")
    return _("%s minutes") % f"{minutes:g}"


def ordered_docnames(env: BuildEnvironment, docnames: Iterable[str]) -> list[str]:
    """*docnames* in toctree order; documents outside the toctree last, sorted."""
    wanted = set(docnames)
    order = [doc for doc in toctree_order(env) if doc in wanted]
    return order + sorted(wanted - set(order))


def chapter_number(env: BuildEnvironment, docname: str) -> str | None:
    """The chapter's number: front matter ``part:``, else its toctree position."""
    part = env.metadata.get(docname, {}).get("part")
    if part is not None and str(part).strip():
        return str(part).strip()
    order = toctree_order(env)
    if docname in order:
        return str(order.index(docname) + 1)
    return None


def question_number_text(env: BuildEnvironment, docname: str, index: int) -> str:
    """The number of the *index*-th (1-based) question of *docname*: "2.3"."""
    chapter = chapter_number(env, docname)
    return f"{chapter}.{index}" if chapter else str(index)


def question_title(env: BuildEnvironment, docname: str, index: int) -> str:
    """ "Question 2.3", translated."""
    return _("Question %s") % question_number_text(env, docname, index)


def chapter_title(env: BuildEnvironment, docname: str) -> str:
    """The chapter's title, as text."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def pickled_question(question: discussion_question) -> bytes:
    """The question and its body, pickled apart from its document.

    Every node names its document (``_document``) and its parent: pickled as
    they stand, they would take the whole chapter along.  For the pickling they
    name neither, and their lines count from the question's own line, so the
    bytes stay the same when an edit elsewhere in the chapter moves the
    question (they are the question's signature too).  The tree is as it was
    afterwards.
    """
    base = question.line or 0
    parent = question.parent
    saved = [(node, node._document, node.line) for node in question.findall()]
    for node, _document, line in saved:
        node._document = None
        if line is not None:
            node.line = line - base
    question.parent = None
    try:
        return pickle.dumps(question, pickle.HIGHEST_PROTOCOL)
    finally:
        question.parent = parent
        for node, document, line in saved:
            node._document = document
            node.line = line


def question_body(question: discussion_question) -> discussion_question:
    """A new, whole copy of a question kept in the domain (attributes and body)."""
    body: discussion_question = pickle.loads(question[BODY])
    base = question.line or 0
    for node in body.findall():
        if node.line is not None:
            node.line += base
    return body


def clear_ids(node: nodes.Element) -> nodes.Element:
    """Remove ids from *node* and its descendants (a copy placed elsewhere)."""
    for element in node.findall(nodes.Element):
        element["ids"] = []
        element["names"] = []
    return node


def refnode_or_text(
    builder: Builder,
    fromdocname: str,
    todocname: str,
    targetid: str | None,
    child: nodes.Node,
    title: str | None = None,
) -> nodes.Node:
    """A link to *todocname*#*targetid*, or *child* alone where the builder has no URI.

    LaTeX raises ``NoUri`` for a document that is not part of the PDF being
    built (a handout links to nothing outside itself).
    """
    try:
        return make_refnode(builder, fromdocname, todocname, targetid, child, title)
    except NoUri:
        return child


def known_term_names(env: BuildEnvironment) -> dict[str, str]:
    """Names a ``:terms:`` entry may use, lower-cased -> as written.

    Every glossary term and alias is a standard-domain ``term`` object (the
    glossary component registers both), and Sphinx matches them ignoring case.
    """
    std = env.domains.standard_domain
    names: dict[str, str] = {}
    for (objtype, name), _value in std.objects.items():
        if objtype == "term":
            names.setdefault(name.lower(), name)
    return names


def unknown_term_hint(env: BuildEnvironment, term: str) -> str | None:
    """``None`` when *term* is a glossary name, else a "did you mean" hint.

    Asks the glossary component's data (aliases, suggestions) when it is
    loaded, else the standard domain's terms.
    """
    glossary = glossary_data(env)
    if glossary is not None:
        if glossary.lookup(term) is not None:
            return None
        suggestion = glossary.suggest(term)
    else:
        terms = known_term_names(env)
        if term.lower() in terms:
            return None
        close = difflib.get_close_matches(term.lower(), terms, n=1)
        suggestion = terms[close[0]] if close else None
    if suggestion:
        return f"; did you mean {suggestion!r}?"
    return "; use a term or alias of the glossary"


def glossary_data(env: BuildEnvironment) -> Any:
    """The glossary component's data, or ``None`` without a usable glossary."""
    try:
        from studyguide.glossary_domain import get_glossary
    except ImportError:  # the guide's glossary component is optional
        return None
    try:
        glossary = get_glossary(env)
    except Exception:
        return None
    return glossary if glossary.ok and glossary.entries else None


# -- Directives ------------------------------------------------------------------


def _warn(message: str, location: Any, subtype: str, *args: Any) -> None:
    logger.warning(message, *args, location=location, type="studyguide", subtype=subtype)


class DiscussionQuestion(SphinxDirective):
    """``discussion-question``: a question with a MyST body.

    Options: ``:label:`` (for ``{ref}``/``{numref}``), ``:minutes:`` (suggested
    time, a positive number) and ``:terms:`` (comma-separated glossary terms).
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "label": directives.unchanged_required,
        "minutes": directives.unchanged,
        "terms": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        location = (self.env.docname, self.lineno)
        body = self.parse_content_to_nodes() if self.content else []
        text = [child for child in body if not isinstance(child, facilitator_note)]
        if not any(child.astext().strip() for child in text):
            _warn(
                "empty discussion question: write the question in the directive's body",
                location,
                "question",
            )
            return []

        node = discussion_question(classes=["sg-question", *self.options.get("class", [])])
        self.set_source_info(node)
        node["docname"] = self.env.docname
        node["label"] = ""
        label = self.options.get("label", "").strip()
        if label:
            node["label"] = nodes.fully_normalize_name(label)
            node_id = nodes.make_id(node["label"])
            if node_id and node_id not in self.state.document.ids:
                node["ids"].append(node_id)
                self.state.document.ids[node_id] = node
        if not node["ids"]:
            # An anchor even without a label: the collected lists link back to it.
            node_id = f"question-{self.env.new_serialno('studyguide-question') + 1}"
            while node_id in self.state.document.ids:
                node_id += "-1"
            node["ids"].append(node_id)
            self.state.document.ids[node_id] = node

        node["minutes"] = None
        if "minutes" in self.options:
            minutes = parse_minutes(self.options["minutes"] or "")
            if minutes is None:
                _warn(
                    "discussion question: ':minutes: %s' is not a positive number of "
                    "minutes; write e.g. ':minutes: 10'",
                    location,
                    "question",
                    self.options["minutes"],
                )
            node["minutes"] = minutes

        header = question_header(classes=["sg-question-header"])
        header += question_number(classes=["sg-question-number"])
        if node["minutes"]:
            text_minutes = format_minutes(node["minutes"])
            header += nodes.inline(text_minutes, text_minutes, classes=["sg-question-minutes"])
        node += header
        node.extend(body)

        terms = [t.strip() for t in self.options.get("terms", "").split(",") if t.strip()]
        node["terms"] = terms
        if terms:
            line = nodes.paragraph(classes=["sg-question-terms"])
            label_text = _("Terms:")
            line += nodes.strong(label_text, label_text)
            glossary = glossary_data(self.env)
            for i, term in enumerate(terms):
                line += nodes.Text(", " if i else " ")
                if glossary is not None:
                    entry = glossary.lookup(term)
                    if entry is not None:
                        # A mention, as the auto-linker makes them, counted as
                        # an explicit link to the entry.
                        line += glossary_mention(term, term, sg_term=entry.term)
                    else:
                        # Reported here, once, and printed as plain text: no link to nothing.
                        _warn(
                            "discussion question: unknown glossary term %r in :terms:%s",
                            self.get_location(),
                            "question",
                            term,
                            unknown_term_hint(self.env, term),
                        )
                        line += nodes.inline(term, term, classes=["sg-unknown-term"])
                    continue
                xref = addnodes.pending_xref(
                    "",
                    nodes.inline(term, term, classes=["xref", "std", "std-term"]),
                    refdomain="std",
                    reftype="term",
                    reftarget=term,
                    refexplicit=False,
                    refwarn=True,
                    refdoc=self.env.docname,
                    sg_question_term=True,
                )
                self.set_source_info(xref)
                line += xref
            node += line
        return [node]


class FacilitatorNote(SphinxDirective):
    """``facilitator-note``: guidance kept only in the facilitator edition."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        node = facilitator_note(classes=["sg-facilitator-note"])
        self.set_source_info(node)
        label = _("Facilitator note")
        title = nodes.paragraph(classes=["sg-facilitator-note-title"])
        title += nodes.strong(label, label)
        node += title
        node.extend(self.parse_content_to_nodes())
        return [node]


class DiscussionQuestions(SphinxDirective):
    """``discussion-questions``: the questions of the guide, or of ``:chapter:``."""

    option_spec: ClassVar[dict[str, Any]] = {"chapter": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        node = discussion_question_list()
        self.set_source_info(node)
        chapter = self.options.get("chapter", "").strip()
        node["chapter"] = docname_from(self.env, chapter) if chapter else ""
        return [node]


def docname_from(env: BuildEnvironment, name: str) -> str:
    """A document name written in a directive, relative to the current document."""
    name = name.strip().removesuffix(".md").removesuffix(".rst")
    return name[1:] if name.startswith("/") else docname_join(env.docname, name)


# -- Read time -------------------------------------------------------------------


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
            inside = any(isinstance(a, discussion_question) for a in _ancestors(note))
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


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _insert_note(question: discussion_question, note: facilitator_note) -> None:
    """A note given after its question goes before the question's terms line."""
    last = question[-1] if len(question) else None
    if isinstance(last, nodes.paragraph) and "sg-question-terms" in last["classes"]:
        question.insert(len(question) - 1, note)
    else:
        question += note


# -- Domain ----------------------------------------------------------------------


class QuestionsDomain(Domain):
    """The questions of every document, and the YouTube videos of each chapter."""

    name = DOMAIN
    label = "Discussion questions"
    initial_data: ClassVar[dict[str, Any]] = {"questions": {}, "videos": {}, "lists": {}}

    @property
    def questions(self) -> dict[str, list[discussion_question]]:
        """docname -> that document's questions, in document order."""
        return self.data.setdefault("questions", {})

    @property
    def videos(self) -> dict[str, list[str]]:
        """docname -> the YouTube video ids in that document."""
        return self.data.setdefault("videos", {})

    @property
    def lists(self) -> dict[str, bool]:
        """docname -> True where the document holds a placeholder (a set, picklable)."""
        return self.data.setdefault("lists", {})

    def clear_doc(self, docname: str) -> None:
        self.questions.pop(docname, None)
        self.videos.pop(docname, None)
        self.lists.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        # Only the given documents: the others' data is already here, and
        # copying it again would duplicate it (PITFALLS: the tutorial's todo).
        for docname in docnames:
            if docname in otherdata["questions"]:
                self.questions[docname] = otherdata["questions"][docname]
            if docname in otherdata["videos"]:
                self.videos[docname] = otherdata["videos"][docname]
            if docname in otherdata["lists"]:
                self.lists[docname] = True

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        found = []
        for index, question in enumerate(document.findall(discussion_question), start=1):
            question["sg_index"] = index
            question["docname"] = docname
            # The domain keeps the question's attributes as a node and its body
            # pickled: thousands of live nodes in domain data would slow every
            # garbage collection of the build (and the environment's pickling).
            shell = question.copy()
            body = pickled_question(question)
            shell[BODY] = body
            # What the lists show of it (lines counted from the question's).
            shell[SIGNATURE] = hashlib.sha256(body).hexdigest()
            found.append(shell)
        if found:
            self.questions[docname] = found
        video_ids = [str(v["id"]) for v in document.findall(youtube)]
        if video_ids:
            self.videos[docname] = video_ids
        if any(True for _node in document.findall(questions_placeholder)):
            self.lists[docname] = True

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

    def questions_of(self, docname: str) -> list[discussion_question]:
        """The questions of *docname*, in document order."""
        return list(self.questions.get(docname, []))

    def labels(self) -> dict[str, tuple[str, str, int]]:
        """label -> (docname, node id, index); the first in toctree order wins."""
        found: dict[str, tuple[str, str, int]] = {}
        for docname in ordered_docnames(self.env, self.questions):
            for question in self.questions[docname]:
                if question["label"] and question["label"] not in found:
                    found[question["label"]] = (docname, question["ids"][0], question["sg_index"])
        return found


def rewrite_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Documents with collected lists are written again when what they show changed.

    Their content comes from other documents, which may just have been read.
    """
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    return sorted(domain.lists) if inputs_changed(env) else []


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
            if glossary is not None:
                continue  # the directive reported unknown :terms: already
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


# -- Write time ------------------------------------------------------------------


class QuestionNumbers(SphinxPostTransform):
    """Write "Question 2.3" into each question's header, for every builder.

    The number comes from the domain and the front matter, so the HTML and
    the LaTeX print the same one.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for number in self.document.findall(question_number):
            question = number.parent.parent
            if isinstance(question, discussion_question) and not number.children:
                title = question_title(self.env, question["docname"], question["sg_index"])
                number += nodes.Text(title)


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


def fill_placeholders(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Fill each questions placeholder of the page (lists, session plans, handouts).

    One walk of the page finds every kind; ``PLACEHOLDER_FILLERS`` says what
    makes each one's content.
    """
    for placeholder in list(doctree.findall(questions_placeholder)):
        filler = PLACEHOLDER_FILLERS.get(type(placeholder))
        if filler is not None:
            placeholder.replace_self(filler(app, placeholder, fromdocname))


def question_list(
    app: Sphinx, placeholder: discussion_question_list, fromdocname: str
) -> list[nodes.Node]:
    """The content of a ``discussion-questions`` placeholder: copies of the questions."""
    env = app.env
    domain: QuestionsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    chapter = placeholder["chapter"]
    if chapter:
        if chapter not in env.found_docs:
            _warn(
                "discussion-questions: unknown chapter %r; give a document name "
                "such as 'part-1-insurrection'",
                placeholder,
                "question",
                chapter,
            )
        docnames = [chapter]
    else:
        docnames = ordered_docnames(env, domain.questions)
    listed = [(docname, domain.questions_of(docname)) for docname in docnames]
    copies = iter(
        question_copies(
            app,
            [question for _docname, questions in listed for question in questions],
            fromdocname,
        )
    )
    content: list[nodes.Node] = []
    for docname, questions in listed:
        if not questions:
            continue
        if not chapter:
            heading = nodes.rubric(classes=["sg-question-list-chapter"])
            title = chapter_title(env, docname)
            heading += refnode_or_text(app.builder, fromdocname, docname, None, nodes.Text(title))
            content.append(heading)
        content.extend(next(copies) for _question in questions)
    container = nodes.container(classes=["sg-question-list"])
    container.extend(content)
    return [container] if content else []


def question_copies(
    app: Sphinx, questions: Iterable[discussion_question], fromdocname: str, link: bool = True
) -> list[discussion_question]:
    """Resolved copies of collected questions, each number linking to its original.

    References resolve inside a document (as in ``sphinx.ext.todo``); all the
    copies share one, so the post-transforms run once for the lot and not once
    a question.
    """
    originals = list(questions)
    document = new_document("")
    for question in originals:
        copy = question_body(question)
        clear_ids(copy)
        copy["classes"].append("sg-question-copy")
        for xref in copy.findall(addnodes.pending_xref):
            xref["refdoc"] = fromdocname
        document += copy
    if originals:
        app.env.resolve_references(document, fromdocname, app.builder)
    copies: list[discussion_question] = list(document.children)
    document.clear()
    for question, copy in zip(originals, copies, strict=True):
        copy.parent = None
        if not link:
            continue
        for number in copy.findall(question_number):
            inner = nodes.inline("", "", *number.children)
            number.clear()
            number += refnode_or_text(
                app.builder, fromdocname, question["docname"], question["ids"][0], inner
            )
    return copies


# -- Visitors --------------------------------------------------------------------


def visit_question_html(self: HTML5Translator, node: discussion_question) -> None:
    self.body.append(self.starttag(node, "div"))


def depart_question_html(self: HTML5Translator, node: discussion_question) -> None:
    self.body.append("</div>\n")


def visit_header_html(self: HTML5Translator, node: question_header) -> None:
    self.body.append(self.starttag(node, "p"))


def depart_header_html(self: HTML5Translator, node: question_header) -> None:
    question = node.parent
    if question.get("ids"):
        link = _("Link to this question")
        self.body.append(f'<a class="headerlink" href="#{question["ids"][0]}" title="{link}">¶</a>')
    self.body.append("</p>\n")


def visit_number_html(self: HTML5Translator, node: question_number) -> None:
    self.body.append(self.starttag(node, "span", ""))


def depart_number_html(self: HTML5Translator, node: question_number) -> None:
    self.body.append("</span>")


def visit_note_html(self: HTML5Translator, node: facilitator_note) -> None:
    self.body.append(self.starttag(node, "aside", CLASS="admonition"))


def depart_note_html(self: HTML5Translator, node: facilitator_note) -> None:
    self.body.append("</aside>\n")


def visit_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    self.body.append("\n\\begin{sgquestion}")


def depart_question_latex(self: LaTeXTranslator, node: discussion_question) -> None:
    self.body.append("\\end{sgquestion}\n")


def visit_header_latex(self: LaTeXTranslator, node: question_header) -> None:
    # The header is the box's title: \begin{sgquestion}{<title>}.
    self.body.append("{")


def depart_header_latex(self: LaTeXTranslator, node: question_header) -> None:
    self.body.append("}")
    question = node.parent
    if question.get("ids"):
        self.body.append(self.hypertarget_to(question, anchor=True))
    self.body.append("\n")


def visit_number_latex(self: LaTeXTranslator, node: question_number) -> None:
    self.body.append("\\sgquestionnumber{")


def depart_number_latex(self: LaTeXTranslator, node: question_number) -> None:
    self.body.append("}")


def visit_note_latex(self: LaTeXTranslator, node: facilitator_note) -> None:
    self.body.append("\n\\begin{sgfacilitatornote}\n")


def depart_note_latex(self: LaTeXTranslator, node: facilitator_note) -> None:
    self.body.append("\n\\end{sgfacilitatornote}\n")


def visit_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_block_text(self: TextTranslator, node: nodes.Element) -> None:
    self.end_state(wrap=False)


def visit_header_text(self: TextTranslator, node: nodes.Element) -> None:
    self.new_state(0)


def depart_header_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")
    self.end_state()


def visit_inline_text(self: TextTranslator, node: nodes.Element) -> None:
    pass


def depart_inline_text(self: TextTranslator, node: nodes.Element) -> None:
    self.add_text(" ")


def visit_placeholder(self: Any, node: nodes.Element) -> None:
    # Filled on doctree-resolved; one left over (e.g. a builder that never
    # resolves) must not break the output.
    raise nodes.SkipNode


# -- Configuration -----------------------------------------------------------------


def _init_edition(app: Sphinx, config: Config) -> None:
    """The ``facilitator`` tag selects the facilitator edition.

    The edition is a config value with ``rebuild="env"``, so switching the tag
    re-reads every document (notes are removed at read time).
    """
    if app.tags.has(FACILITATOR_TAG):
        config.studyguide_edition = "facilitator"
    if config.studyguide_edition not in EDITIONS:
        logger.warning(
            "studyguide_edition = %r: use one of %s (or the tag '-t facilitator'); "
            "building the participant edition",
            config.studyguide_edition,
            ", ".join(map(repr, EDITIONS)),
            type="studyguide",
            subtype="config",
        )
        config.studyguide_edition = "participant"


def setup_questions(app: Sphinx) -> None:
    """Register the discussion-question component."""
    app.add_config_value(
        "studyguide_edition",
        "participant",
        "env",
        types=frozenset({str}),
        description="'participant' (default) or 'facilitator' (also: -t facilitator)",
    )
    app.connect("config-inited", _init_edition)
    add_latex_package(app, "sgquestions")
    app.add_css_file("studyguide-questions.css")
    add_static_dir(app)

    app.add_domain(QuestionsDomain)
    app.add_directive("discussion-question", DiscussionQuestion)
    app.add_directive("facilitator-note", FacilitatorNote)
    app.add_directive("discussion-questions", DiscussionQuestions)
    app.add_transform(FacilitatorNotes)
    app.add_post_transform(QuestionNumbers)
    app.connect("env-check-consistency", check_consistency)
    app.connect("env-updated", rewrite_lists)
    PLACEHOLDER_FILLERS[discussion_question_list] = question_list
    app.connect("doctree-resolved", fill_placeholders)
    # Before other listeners (e.g. the glossary's unknown-term warning).
    app.connect("missing-reference", resolve_question_refs, priority=400)

    block_text = (visit_block_text, depart_block_text)
    app.add_node(
        discussion_question,
        html=(visit_question_html, depart_question_html),
        latex=(visit_question_latex, depart_question_latex),
        text=block_text,
    )
    app.add_node(
        question_header,
        html=(visit_header_html, depart_header_html),
        latex=(visit_header_latex, depart_header_latex),
        text=(visit_header_text, depart_header_text),
    )
    app.add_node(
        question_number,
        html=(visit_number_html, depart_number_html),
        latex=(visit_number_latex, depart_number_latex),
        text=(visit_inline_text, depart_inline_text),
    )
    app.add_node(
        facilitator_note,
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, depart_note_latex),
        text=block_text,
    )
    skip = (visit_placeholder, None)
    app.add_node(discussion_question_list, html=skip, latex=skip, text=skip)
