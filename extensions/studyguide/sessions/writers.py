"""One visitor pair per builder (HTML, LaTeX, text) for the sessions' nodes.

EPUB uses the HTML visitors; the agendas' box only wraps its children
(``studyguide.visitors``), and in text it is nothing of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.texescape import escape

from studyguide.visitors import html_element, wrapped, write_empty_element

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator
    from sphinx.writers.text import TextTranslator

    from studyguide.sessions.nodes import session_agenda, writing_space


# -- Room to write ---------------------------------------------------------------------


def visit_space_html(self: HTML5Translator, node: writing_space) -> None:
    style = f"height: {2 * node['lines']}rem"
    write_empty_element(self, node, "div", suffix="\n", CLASS="sg-writing-space", style=style)


def visit_space_latex(self: LaTeXTranslator, node: writing_space) -> None:
    self.body.append(f"\n\\sgwritinglines{{{node['lines']}}}\n")
    raise nodes.SkipNode


def visit_space_text(self: TextTranslator, node: writing_space) -> None:
    self.new_state(0)
    self.add_text("\n".join(["_" * 60] * node["lines"]))
    self.end_state(wrap=False)
    raise nodes.SkipNode


# -- Agendas: a table per format ---------------------------------------------------------


AGENDAS_HTML = html_element("div")
#: The context brief: a block set apart, to be read out.
CONTEXT_HTML = html_element("div")
CONTEXT_LATEX = wrapped("\n\\begin{sgcontext}\n", "\n\\end{sgcontext}\n")
AGENDAS_LATEX = wrapped("\n\\begin{sgagendas}\n", "\\end{sgagendas}\n")


def visit_agenda_html(self: HTML5Translator, node: session_agenda) -> None:
    self.body.append(self.starttag(node, "div"))
    self.body.append(f'<p class="sg-agenda-title">{self.encode(node["title"])}</p>\n')
    for subtitle, rows, (label, minutes) in node["meetings"]:
        name = subtitle or node["title"]
        self.body.append(f'<table class="sg-agenda-table" aria-label="{self.attval(name)}">\n')
        if subtitle:
            caption = self.encode(subtitle)
            self.body.append(f'<caption class="sg-agenda-meeting">{caption}</caption>\n')
        self.body.append("<tbody>\n")
        for row_label, row_minutes in rows:
            self.body.append(
                f'<tr><th scope="row">{self.encode(row_label)}</th>'
                f'<td class="sg-agenda-minutes">{self.encode(row_minutes)}</td></tr>\n'
            )
        self.body.append("</tbody>\n")
        self.body.append(
            f'<tfoot><tr class="sg-agenda-total"><th scope="row">{self.encode(label)}</th>'
            f'<td class="sg-agenda-minutes">{self.encode(minutes)}</td></tr></tfoot>\n'
        )
        self.body.append("</table>\n")


def depart_agenda_html(self: HTML5Translator, node: session_agenda) -> None:
    self.body.append("</div>\n")


def visit_agenda_latex(self: LaTeXTranslator, node: session_agenda) -> None:
    def tex(text: str) -> str:
        return escape(text, self.config.latex_engine)

    index = node.parent.index(node)
    if index:
        # Two agendas side by side, then the next row.
        self.body.append("\\sgagendasep\n" if index % 2 else "\\sgagendabreak\n")
    self.body.append(f"\\begin{{sgagenda}}{{{tex(node['title'])}}}\n")
    for subtitle, rows, (label, minutes) in node["meetings"]:
        if subtitle:
            self.body.append(f"\\sgagendameeting{{{tex(subtitle)}}}\n")
        for row_label, row_minutes in rows:
            self.body.append(f"\\sgagendarow{{{tex(row_label)}}}{{{tex(row_minutes)}}}\n")
        self.body.append(f"\\sgagendatotal{{{tex(label)}}}{{{tex(minutes)}}}\n")
    self.body.append("\\sgagendanotes\n")


def depart_agenda_latex(self: LaTeXTranslator, node: session_agenda) -> None:
    self.body.append("\\end{sgagenda}\n")


def visit_agenda_text(self: TextTranslator, node: session_agenda) -> None:
    lines = [node["title"]]
    for subtitle, rows, total in node["meetings"]:
        width = max(len(label) for label, _minutes in [*rows, total]) + 2
        indent = "  "
        if subtitle:
            lines.append(f"  {subtitle}:")
            indent = "    "
        lines += [f"{indent}{label.ljust(width, '.')} {minutes}" for label, minutes in rows]
        label, minutes = total
        lines += [
            indent + "-" * (width + len(minutes) + 1),
            f"{indent}{label.ljust(width)} {minutes}",
        ]
    self.new_state(0)
    self.add_text("\n".join(lines))
    self.end_state(wrap=False)
    self.new_state(2)


def depart_agenda_text(self: TextTranslator, node: session_agenda) -> None:
    self.end_state()
