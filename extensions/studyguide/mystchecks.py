"""MyST checks (extension ``studyguide.mystchecks``): unclosed fences; Markdown's HTML as text.

An opt-in extension: ``extensions = ["myst_parser", "studyguide",
"studyguide.mystchecks"]``.  It loads myst-parser and registers, in place of
its Markdown parser, the same parser with a checking renderer (below).  It
does not go with myst-nb's notebook parser (the ``.md`` files myst-nb reads
are myst-nb's), and ``studyguide`` alone never loads it, except where
``studyguide_html_as_text = True`` asks for it.

An unclosed code fence (```` ``` ```` or ``:::`` with no closing line) is legal
CommonMark: the block runs to the end of the document (or of the list item or
directive holding it).  myst-parser turns the rest of the chapter into one
literal block without a word, and the reviews' text silently vanishes from the
page.  The guide's Markdown parser is myst-parser's, with a renderer that
looks at each fence as myst-parser renders it (directive bodies included, since
they are parsed as Markdown in turn) and warns where one is left open: no
second parse of the source.

HTML written in Markdown (``<script>``, ``<b>``) is passed by myst-parser to
the web page as it is, and dropped from the PDF: a question that holds it
would run script in the reader's browser, and lose its words in print.  With
``studyguide_html_as_text = True`` (the guide sets it) such HTML is shown as
written (escaped in HTML, printed in LaTeX), HTML comments stay hidden; the
renderer does it as it meets the HTML, so a ``{raw}`` directive or a reST
``raw`` role, which say what they mean, are untouched.  Off (the default),
Markdown's HTML is raw HTML, as myst-parser makes it.

A role or directive name with an unknown domain prefix (```{t:::erm}` ``)
makes Sphinx warn "unknown role name" with no file or line, before
myst-parser's own located warning: the renderer gives myst-parser's warning
alone.

"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.mdit_to_docutils.base import token_line
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import MystWarnings, create_warning
from sphinx.util import logging

from studyguide.i18n import _

# An HTML comment made raw by myst-parser: the author's note, kept hidden.
COMMENT = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.S)

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def is_unclosed(token: SyntaxTreeNode) -> bool:
    """Whether a ``fence`` or ``colon_fence`` token ran to its container's end.

    markdown-it gives a fence the lines ``map = [opening, after)``: ``after``
    is past the closing line when there is one, and the content is every line
    between.  An unclosed fence has one line fewer than its map holds.
    """
    if not token.map:
        return False
    start, after = token.map
    content = token.content or ""
    lines = content.count("\n") + (1 if content and not content.endswith("\n") else 0)
    return after - start - 2 != lines


class CheckingRenderer(SphinxRenderer):
    """myst-parser's Sphinx renderer, warning about each fence left open."""

    def _check_fence(self, token: SyntaxTreeNode) -> None:
        if is_unclosed(token) and token.map:
            markup = token.markup or ""
            logger.warning(
                _(
                    "unclosed fence %r: everything after it, to the end of the document (or "
                    "of the list item or directive holding it), becomes code and is lost from "
                    "the page; close it with a line holding %r"
                ),
                markup,
                markup,
                location=(self.sphinx_env.docname, token.map[0]),  # 1-based here
                type="studyguide",
                subtype="unclosed_fence",
            )

    def render_fence(self, token: SyntaxTreeNode) -> None:
        self._check_fence(token)
        super().render_fence(token)

    def render_colon_fence(self, token: SyntaxTreeNode) -> None:
        self._check_fence(token)
        super().render_colon_fence(token)

    def _unknown_domain(self, name: str) -> bool:
        """Whether *name* has a domain prefix (``std:``) that names no domain."""
        domain, colon, _rest = name.lower().partition(":")
        return bool(colon) and domain not in self.sphinx_env.domains

    def render_myst_role(self, token: SyntaxTreeNode) -> None:
        name = token.meta["name"]
        if not self._unknown_domain(name):
            super().render_myst_role(token)
            return
        # myst-parser's own warning, without Sphinx's unlocated one before it.
        self.create_warning(
            f'Unknown interpreted text role "{name}".',
            MystWarnings.UNKNOWN_ROLE,
            line=token_line(token) if token.map else 0,
            append_to=self.current_node,
        )

    def run_directive(
        self, name: str, first_line: str, content: str, position: int, *args: Any, **kwargs: Any
    ) -> list[nodes.Element]:
        if not self._unknown_domain(name):
            return super().run_directive(name, first_line, content, position, *args, **kwargs)
        warning = self.create_warning(
            f"Unknown directive type: {name!r}", MystWarnings.UNKNOWN_DIRECTIVE, line=position
        )
        return [warning] if warning else []

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        # html_inline is rendered by this method too.
        parent = self.current_node
        start = len(parent.children)
        super().render_html_block(token)
        if self.sphinx_env.config.studyguide_html_as_text:
            for raw in parent.children[start:]:
                if isinstance(raw, nodes.raw):
                    html_as_text(raw)


class CheckedMystParser(MystParser):
    """myst-parser's Sphinx parser, rendering with :class:`CheckingRenderer`.

    ``parse`` is myst-parser's own (5.2), with the renderer class swapped:
    myst-parser has no public hook for the renderer (its ``parse`` passes
    ``SphinxRenderer`` to ``create_md_parser`` itself), and the alternative,
    patching its module, would change every other project in the process.
    Compare it with ``MystParser.parse`` on each upgrade of myst-parser.
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        config: MdParserConfig = document.settings.env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # reported during the render
        else:
            if topmatter:

                def warning(wtype: Any, msg: str) -> None:
                    create_warning(document, msg, wtype, line=1, append_to=document)

                config = merge_file_level(config, topmatter, warning)
        parser = create_md_parser(config, CheckingRenderer)
        parser.options["document"] = document
        parser.render(inputstring)


def html_as_text(raw: nodes.raw) -> None:
    """Put the text of Markdown's HTML in place of the raw node, shown as written."""
    text = raw.astext()
    if COMMENT.fullmatch(text):
        # An HTML comment is the author's note, not text: it stays hidden.
        replacement: nodes.Node = nodes.comment(text, text)
    elif isinstance(raw.parent, nodes.TextElement):
        replacement = nodes.Text(text)
    else:
        replacement = nodes.paragraph(text, text)
        replacement.source, replacement.line = raw.source, raw.line
    raw.parent.replace(raw, replacement)


def setup(app: Sphinx) -> dict[str, Any]:
    """The extension ``studyguide.mystchecks``: myst-parser's parser, checking."""
    app.setup_extension("studyguide")
    app.setup_extension("myst_parser")
    app.add_source_parser(CheckedMystParser, override=True)
    from studyguide import __version__

    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
