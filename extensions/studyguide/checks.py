"""Source checks: mistakes the parsers accept in silence, and raw HTML made text.

An unclosed code fence (```` ``` ```` or ``:::`` with no closing line) is legal
CommonMark: the block runs to the end of the document (or of the list item or
directive holding it).  myst-parser turns the rest of the chapter into one
literal block without a word, and the reviews' text silently vanishes from the
page.  This module parses each Markdown source once more, with myst-parser's
own block parser and configuration, and warns where a fence is left open.

HTML written in Markdown (``<script>``, ``<b>``) is passed by myst-parser to
the web page as it is, and dropped from the PDF: a question or definition
that holds it would run script in the reader's browser, and lose its words in
print.  The guide's text is text: such HTML is shown as written (escaped in
HTML, printed in LaTeX).  A ``{raw}`` directive, which says what it means,
still passes HTML through.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from studyguide.i18n import _

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

FENCE_TOKENS = frozenset({"fence", "colon_fence"})
DIRECTIVE = re.compile(r"\{([^}\s]+)\}")
# A directive body without a fence line cannot hold an open fence: not parsed again.
COMMENT = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.S)
FENCE_MARK = re.compile(r"^[ \t>]*(?:`{3,}|~{3,}|:{3,})", re.M)
# Directives whose body is literal text, not Markdown: a fence inside is content.
LITERAL_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "sourcecode",
        "code-cell",
        "literalinclude",
        "math",
        "raw",
        "eval-rst",
        "eval-md",
        "csv-table",
        "youtube",
        "mermaid",
        "graphviz",
    }
)


def _closes(line: str, markup: str) -> bool:
    """Whether ``line`` is a closing fence for an opening ``markup``."""
    # A fence inside a block quote or list keeps its container's prefix.
    body = line.lstrip(" \t>")
    return re.fullmatch(rf"{re.escape(markup[0])}{{{len(markup)},}}[ \t]*", body) is not None


def unclosed_fences(md: MarkdownIt, text: str, offset: int = 0) -> list[tuple[int, str]]:
    """``(line, markup)`` of each fence in ``text`` left open, 1-based lines.

    Directive bodies that hold Markdown are searched too, since myst-parser
    parses them as Markdown later and a fence left open there swallows the
    rest of the directive.
    """
    lines = text.splitlines()
    found: list[tuple[int, str]] = []
    tokens: list[Token] = md.parse(text, {})
    for token in tokens:
        if token.type not in FENCE_TOKENS or token.map is None:
            continue
        start, end = token.map
        last = end - 1
        if last <= start or last >= len(lines) or not _closes(lines[last], token.markup):
            found.append((offset + start + 1, token.markup))
            continue
        name = DIRECTIVE.match(token.info.strip())
        if name and name.group(1) not in LITERAL_DIRECTIVES and FENCE_MARK.search(token.content):
            found.extend(unclosed_fences(md, token.content, offset + start + 1))
    return found


_PARSERS: dict[int, tuple[MdParserConfig, MarkdownIt]] = {}


def _parser(config: MdParserConfig) -> MarkdownIt:
    """One parser per configuration and process: making one costs more than a parse."""
    cached = _PARSERS.get(id(config))
    if cached is None or cached[0] is not config:
        md = create_md_parser(config, SphinxRenderer)
        # Fences are block structure: the inline pass, most of a parse's cost, is skipped.
        md.disable(
            ["inline", "linkify", "replacements", "smartquotes", "text_join"], ignoreInvalid=True
        )
        cached = _PARSERS[id(config)] = (config, md)
    return cached[1]


def check_fences(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about each code or directive fence a Markdown chapter leaves open."""
    if not str(app.env.doc2path(docname)).endswith(".md"):
        return
    config = getattr(app.env, "myst_config", None)
    if config is None:
        return
    for line, markup in unclosed_fences(_parser(config), source[0]):
        logger.warning(
            _(
                "unclosed fence %r: everything after it, to the end of the document (or "
                "of the list item or directive holding it), becomes code and is lost from "
                "the page; close it with a line holding %r"
            ),
            markup,
            markup,
            location=(docname, line),
            type="studyguide",
            subtype="unclosed_fence",
        )


class MarkedRaw(Raw):
    """docutils' ``raw`` directive, marking its nodes as deliberate."""

    def run(self) -> list[nodes.Node]:
        result = super().run()
        for node in result:
            if isinstance(node, nodes.raw):
                node["sg_raw_directive"] = True
        return result


class HtmlAsText(SphinxTransform):
    """HTML written in the Markdown text becomes text, shown as written."""

    # Early: the auto-linker and the domains see the text.
    default_priority = 100

    def apply(self, **kwargs: object) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if raw.get("sg_raw_directive") or "html" not in raw.get("format", "").split():
                continue
            text = raw.astext()
            if COMMENT.fullmatch(text):
                # An HTML comment is the author's note, not text: it stays hidden.
                raw.replace_self(nodes.comment(text, text))
                continue
            if isinstance(raw.parent, nodes.TextElement):
                replacement: nodes.Node = nodes.Text(text)
            else:
                replacement = nodes.paragraph(text, text)
                replacement.source, replacement.line = raw.source, raw.line
            raw.replace_self(replacement)


def setup_checks(app: Sphinx) -> None:
    """Check the sources for what myst-parser would silently misread."""
    app.connect("source-read", check_fences)
    app.add_directive("raw", MarkedRaw, override=True)
    app.add_transform(HtmlAsText)
