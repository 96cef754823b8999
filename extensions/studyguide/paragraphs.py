"""Numbered paragraphs: a number in the margin, a stable anchor, and ``{para}`` to cite one.

Which pages: the config value ``studyguide_numbered_paragraphs``, a list of
document-name patterns (``["part-*"]``); by default none, so the component
touches nothing it is not asked to.

Stages of the build:

* read time (:class:`NumberParagraphs`): in each chosen page, every paragraph
  that is a child of a section, or of a block quote that is a child of a
  section, gets ``sg_para = n`` (counted from 1 in document order) and the id
  ``para-n``.  Headings, anything inside a directive (a video, a question, a
  note) and the paragraphs of a section that holds discussion questions are
  not counted.  The number is stored with the doctree: every builder and
  edition prints the same one;
* the ``paragraphs`` domain keeps how many paragraphs each page numbers, and
  which pages each page cites (parallel-safe; a page citing one that changed
  is read again);
* ``{para}`16``` (this page) or ``{para}`part-2-coup#16``` (another page)
  fixes its target page while parsing, so a copy of it elsewhere (a
  facilitator note on the page of all questions, in a session plan) still
  points to the page it was written in.  The domain resolves it to a link
  "¶ 16" (same page) or "part 2, ¶ 16" (another page: its chapter number, as
  questions are numbered, or else its title); the PDF adds the page,
  "¶ 16, p. 12".  Citing a paragraph that does not exist is a warning;
* write time (:class:`ShowParagraphNumbers`, a post-transform for the html,
  latex and text formats): each numbered paragraph opens with an
  ``sg_para_number`` node, which has no text and its own visitors: HTML an
  empty ``<span class="sg-para-number" data-sg-para="3">`` whose number CSS
  generated content draws in the margin (not copied with the text, not in the
  search index); EPUB a small number at the start of the paragraph
  (e-readers ignore such CSS); LaTeX ``\\sgparamark`` (the number in the left
  margin, with a ``\\label``); text a "[3] " prefix.  Other builders (man,
  texinfo, xml, gettext) never see it.  Paragraphs keep the writers' own
  visitors, the host project's and any other extension's.

Warnings: ``studyguide.paragraph`` (a citation of no numbered paragraph, a
malformed citation, an id taken) and ``studyguide.config`` (a bad config
value).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Set
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging
from sphinx.util.docutils import SphinxRole
from sphinx.util.matching import Matcher
from sphinx.util.nodes import make_refnode, split_explicit_title

from studyguide.assets import add_static_dir
from studyguide.config import Setting, add_config_values, config_warning, is_str_list
from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.i18n import _
from studyguide.latex import add_latex_package
from studyguide.numbers import shown, whole_number
from studyguide.questions.helpers import chapter_number, chapter_title
from studyguide.questions.nodes import discussion_question
from studyguide.visitors import SKIP, Visitors, register_nodes, write_empty_element

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

logger = logging.getLogger(__name__)

CONFIG = "studyguide_numbered_paragraphs"
DOMAIN = "paragraphs"
#: The paragraph's number, an attribute of the paragraph node.
NUMBER = "sg_para"
#: Block quotes made by these directives are decoration, not the text.
DECORATIVE_QUOTES = frozenset({"epigraph", "highlights", "pull-quote"})
CITATION = re.compile(r"(?:(?P<doc>[^#]*)#)?(?P<number>[0-9]+)")
#: The highest paragraph number a citation may give (a chapter has a few hundred).
MAX_PARAGRAPH = 99_999


def paragraph_id(number: int) -> str:
    """The anchor of a numbered paragraph: ``para-3``."""
    return f"para-{number}"


def single_page_id(docname: str, number: int) -> str:
    """The anchor of a numbered paragraph in the singlehtml page: ``chapter-a-para-3``.

    Every chapter counts from 1, so the one page that holds them all needs the
    document in each id (``para-3`` would repeat).
    """
    return nodes.make_id(f"{docname}-{paragraph_id(number)}")


def _warn(message: str, location: Any, *args: Any, subtype: str = "paragraph") -> None:
    logger.warning(message, *args, location=location, type="studyguide", subtype=subtype)


# -- Configuration -----------------------------------------------------------------


def _check_config(app: Sphinx, config: Config) -> None:
    value = getattr(config, CONFIG)
    if is_str_list(value):
        return
    config_warning(
        "%s = %r: give a list of document-name patterns, e.g. ['part-*'] "
        "(or [] for none); numbering no paragraphs",
        CONFIG,
        value,
    )
    setattr(config, CONFIG, [])


# -- Read time ---------------------------------------------------------------------


def _holds_questions(section: nodes.Element) -> bool:
    return any(isinstance(child, discussion_question) for child in section.children)


def _counted(paragraph: nodes.paragraph) -> bool:
    """Whether *paragraph* is part of the page's running text."""
    parent = paragraph.parent
    if isinstance(parent, nodes.block_quote):
        if DECORATIVE_QUOTES & set(parent["classes"]):
            return False
        parent = parent.parent
    if not isinstance(parent, nodes.section) or _holds_questions(parent):
        return False
    return bool(paragraph.astext().strip())


class NumberParagraphs(SphinxTransform):
    """Number the running text's paragraphs of the pages the config names."""

    # After the facilitator notes are placed (500), before the auto-linker (800).
    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        patterns = getattr(self.config, CONFIG)
        if not patterns or not Matcher(patterns)(self.env.docname):
            return
        number = 0
        for paragraph in self.document.findall(nodes.paragraph):
            if not _counted(paragraph):
                continue
            number += 1
            paragraph[NUMBER] = number
            paragraph["classes"].append("sg-para")
            node_id = paragraph_id(number)
            if node_id in self.document.ids:
                _warn(
                    "the id %r of numbered paragraph %d is taken by another target "
                    "of this page: rename that target",
                    paragraph,
                    node_id,
                    number,
                )
                continue
            paragraph["ids"].insert(0, node_id)
            self.document.ids[node_id] = paragraph


# -- The role ----------------------------------------------------------------------


class ParaRole(SphinxRole):
    """``{para}`16```, ``{para}`part-2-coup#16```, ``{para}`see here <part-2-coup#16>```.

    The target page is fixed here, from the page being read: a copy of the
    role in another page still cites the page it was written in.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        explicit, title, target = split_explicit_title(self.text)
        match = CITATION.fullmatch(target.strip())
        number = whole_number(match["number"], 1, MAX_PARAGRAPH) if match else None
        if match is None or number is None:
            _warn(
                "{para}`%s`: cite a paragraph by its number, '16', or by page and "
                "number, 'part-2-coup#16' (a number from 1 to %d)",
                self.get_location(),
                shown(self.text),
                MAX_PARAGRAPH,
            )
            return [nodes.inline(self.rawtext, title, classes=["sg-para-ref"])], []
        docname = self.env.docname
        if match["doc"] is not None and match["doc"].strip():
            name = match["doc"].strip().removesuffix(".md").removesuffix(".rst")
            docname = name[1:] if name.startswith("/") else docname_join(docname, name)
        text = title if explicit else _same_page_label(number)
        xref = addnodes.pending_xref(
            self.rawtext,
            nodes.inline(text, text, classes=["xref", "sg-para-ref"]),
            refdomain=DOMAIN,
            reftype="para",
            reftarget=f"{docname}#{number}",
            refexplicit=explicit,
            refwarn=True,
            refdoc=self.env.docname,
        )
        self.set_source_info(xref)
        return [xref], []


def _same_page_label(number: int) -> str:
    return f"¶\N{NO-BREAK SPACE}{number}"


def citation_label(env: BuildEnvironment, fromdocname: str, docname: str, number: int) -> str:
    """ "¶ 16" on its own page; "part 2, ¶ 16" elsewhere (else "<title>, ¶ 16")."""
    label = _same_page_label(number)
    if docname == fromdocname:
        return label
    chapter = chapter_number(env, docname)
    if chapter is None:
        return f"{chapter_title(env, docname)}, {label}"
    return _("part %(chapter)s, %(paragraph)s") % {"chapter": chapter, "paragraph": label}


# -- Domain ------------------------------------------------------------------------


class sg_para_pageref(nodes.Inline, nodes.Element):
    """After a citation in the PDF: ", p. 12" (``refid``: the LaTeX label's id)."""


class ParagraphsDomain(PerDocumentDomain):
    """How many paragraphs each page numbers, and which pages each page cites."""

    name = DOMAIN
    label = "Numbered paragraphs"
    #: docname -> how many paragraphs it numbers (pages with none are absent)
    counts = PerDocument[int]()
    #: docname -> the other pages its ``{para}`` roles cite
    cites = PerDocument[list[str]]()

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Citations already reported: copies of a note must not repeat them.
        self._reported: set[tuple[Any, ...]] = set()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        count = sum(1 for node in document.findall(nodes.paragraph) if node.get(NUMBER))
        if count:
            self.counts[docname] = count
        cited = {
            node["reftarget"].rpartition("#")[0]
            for node in document.findall(addnodes.pending_xref)
            if node.get("refdomain") == DOMAIN
        }
        cited.discard(docname)
        if cited:
            self.cites[docname] = sorted(cited)

    def page_inputs(self, docname: str) -> int:
        """How many paragraphs *docname* numbers: pages showing copies of its notes
        (lists of questions, session plans) cite them (see ``collected``)."""
        return self.counts.get(docname, 0)

    def citing(self, docnames: Set[str]) -> list[str]:
        """The pages that cite any of *docnames*."""
        return sorted(doc for doc, cited in self.cites.items() if docnames & set(cited))

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.Element | None:
        docname, _sep, text_number = target.rpartition("#")
        number = whole_number(text_number, 1, MAX_PARAGRAPH)
        if number is None:  # not made by the role
            return None
        count = self.counts.get(docname, 0)
        if not 1 <= number <= count:
            self._report(env, node, docname, number, count)
            return contnode
        if not node.get("refexplicit"):
            text = citation_label(env, fromdocname, docname, number)
            contnode = nodes.inline(text, text, classes=contnode["classes"])
        if builder.name == "man":
            return contnode  # a man page shows a link's target after it: "<#:para-5>"
        if builder.name == "singlehtml":
            # One page: a link to the prefixed id on it (Sphinx's own refnode
            # would write "#document-chapter-a#para-2", two fragments).
            reference = nodes.reference("", "", internal=True)
            reference["refid"] = single_page_id(docname, number)
            reference["reftitle"] = chapter_title(env, docname)
            reference += contnode
            return reference
        node_id = paragraph_id(number)
        try:
            link = make_refnode(
                builder, fromdocname, docname, node_id, contnode, chapter_title(env, docname)
            )
        except NoUri:  # a page outside this output (a handout): the label alone
            return contnode
        if builder.format != "latex" or env.config.latex_show_pagerefs:
            return link
        # Sphinx's LaTeX writer prints no page number here: the extension does.
        wrapper = nodes.inline("", "", classes=["sg-para-citation"])
        wrapper += link
        wrapper += sg_para_pageref(refid=f"{docname}:{node_id}")
        return wrapper

    def _report(
        self,
        env: BuildEnvironment,
        node: addnodes.pending_xref,
        docname: str,
        number: int,
        count: int,
    ) -> None:
        key = (node.source, node.line, node["reftarget"])
        if key in self._reported:
            return
        self._reported.add(key)
        if docname not in env.all_docs:
            close = difflib.get_close_matches(docname, sorted(self.counts), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "write the page's document name"
            _warn(
                "{para} cites paragraph %d of %r, which is not a page of the guide: %s",
                node,
                number,
                docname,
                hint,
            )
        elif not count:
            _warn(
                "{para} cites paragraph %d of %r, which has no numbered paragraphs: "
                "cite a page that %s numbers",
                node,
                number,
                docname,
                CONFIG,
            )
        else:
            _warn(
                "paragraph %d does not exist in %r (it has %d numbered paragraphs): "
                "cite one from 1 to %d",
                node,
                number,
                docname,
                count,
                count,
            )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[tuple[str, nodes.Element]]:
        return []


def read_citing_pages(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> list[str]:
    """Pages citing a page that changed are read again: their labels and checks follow it."""
    domain: ParagraphsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    return domain.citing(set(added) | set(changed) | set(removed))


# -- Write time ------------------------------------------------------------------


class sg_para_number(nodes.Inline, nodes.Element):
    """A numbered paragraph's number (``number``), its first child in the output.

    No text of its own: each builder's visitor draws the number, so neither
    the search index nor the paragraph's text holds it.
    """


class ShowParagraphNumbers(SphinxPostTransform):
    """Open each numbered paragraph with its number, for the formats that show it.

    The paragraph itself keeps the writers' own visitors: the extension
    changes nothing of how a host project's paragraphs are written.
    """

    default_priority = 400
    formats = ("html", "latex", "text")

    def run(self, **kwargs: Any) -> None:
        for paragraph in self.document.findall(nodes.paragraph):
            number = paragraph.get(NUMBER)
            if not number or (paragraph.children and isinstance(paragraph[0], sg_para_number)):
                continue
            paragraph.insert(0, sg_para_number("", number=number))


class SinglePageParagraphIds(SphinxPostTransform):
    """singlehtml: each numbered paragraph's id gets its document (``chapter-a-para-3``).

    Runs on the page that holds every document (``start_of_file`` nodes mark
    where each begins), before the references are resolved.
    """

    default_priority = 5
    builders = ("singlehtml",)

    def run(self, **kwargs: Any) -> None:
        # Top down: Sphinx gives a start_of_file the children of the document
        # it inlines without setting their parent, so no walk upwards.
        stack: list[tuple[nodes.Node, str]] = [(self.document, self.env.docname)]
        while stack:
            node, docname = stack.pop()
            if isinstance(node, addnodes.start_of_file):
                docname = node["docname"]
            if isinstance(node, nodes.paragraph) and node.get(NUMBER):
                old, new = paragraph_id(node[NUMBER]), single_page_id(docname, node[NUMBER])
                node["ids"] = [new if node_id == old else node_id for node_id in node["ids"]]
            if isinstance(node, nodes.Element):
                stack.extend((child, docname) for child in node.children)


# -- Visitors ----------------------------------------------------------------------


def visit_number_html(self: HTML5Translator, node: sg_para_number) -> None:
    # An empty span: CSS draws the attribute in the margin (generated content
    # is not copied with the text, and the search index sees no word).
    attributes = {"data-sg-para": str(node["number"])}
    write_empty_element(self, node, "span", CLASS="sg-para-number", **attributes)


def visit_number_epub(self: HTML5Translator, node: sg_para_number) -> None:
    # E-readers ignore most CSS: the number is a small span in the text.
    self.body.append(f'<span class="sg-para-number">{node["number"]}</span> ')
    raise nodes.SkipNode


def visit_number_latex(self: LaTeXTranslator, node: sg_para_number) -> None:
    number = node["number"]
    node_id = paragraph_id(number)
    label = self.hypertarget(node_id) if node_id in node.parent["ids"] else ""
    self.body.append(rf"\sgparamark{{{number}}}{{{label}}}")
    raise nodes.SkipNode


def visit_number_text(self: TextTranslator, node: sg_para_number) -> None:
    self.add_text(f"[{node['number']}] ")
    raise nodes.SkipNode


def visit_pageref_latex(self: LaTeXTranslator, node: sg_para_pageref) -> None:
    self.body.append(rf"\sgparapageref{{{self.idescape(node['refid'])}}}")
    raise nodes.SkipNode


# -- Setup -------------------------------------------------------------------------


def setup_paragraphs(app: Sphinx) -> None:
    """Register the numbered-paragraphs component."""
    add_config_values(
        app,
        {
            CONFIG: Setting(
                [],
                "document-name patterns of the pages whose paragraphs are numbered",
                types={list, tuple},
            )
        },
    )
    app.connect("config-inited", _check_config)
    add_static_dir(app)
    app.add_css_file("studyguide-paragraphs.css")
    add_latex_package(app, "sgparagraphs")
    app.add_transform(NumberParagraphs)
    app.add_domain(ParagraphsDomain)
    app.add_role("para", ParaRole())
    app.connect("env-get-outdated", read_citing_pages)
    app.add_post_transform(ShowParagraphNumbers)
    app.add_post_transform(SinglePageParagraphIds)
    # Made only for the formats that show it (html, latex, text); skipped
    # elsewhere should another builder of such a format meet one.
    register_nodes(
        app,
        {
            sg_para_number: Visitors.leaf(
                html=visit_number_html,
                epub=visit_number_epub,
                latex=visit_number_latex,
                text=visit_number_text,
            ),
            sg_para_pageref: Visitors(latex=(visit_pageref_latex, None), epub=SKIP),
        },
        fallback=SKIP,
    )
