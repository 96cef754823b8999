"""The printed guide as a book: paper size, PDF metadata, chapters, appendix.

LaTeX layout lives in ``latex/sgbook.sty`` (title page, fonts, headers, line
breaking).  All of it only with ``studyguide_book = True`` (the guide sets
it): the layout loads fontspec, so it needs ``latex_engine = "xelatex"`` or
``"lualatex"``, and a LaTeX build says so.  This module does what needs Python:

* ``studyguide_paper`` (``"a4"`` or ``"letter"``) chooses the paper size;
* ``studyguide_pdf_subject`` and ``studyguide_pdf_keywords`` become PDF metadata
  (with the title split at its first colon for the title page) in a generated
  ``sgbookinfo.sty``, with the facilitator edition's label (``studyguide.editions``);
* a LaTeX post-transform makes the documents of the root toctree chapters, even
  when the toctree sits under a section of the root document, gathers the root
  document's own text into an unnumbered chapter, and drops documents listed
  in ``latex_appendices`` from the main matter, so that the glossary is printed
  once, as an appendix;
* the index's page ranges get their dash: Sphinx's ``sphinx.xdy`` sets no
  ``markup-range`` separator, so xindy printed pages 19 to 21 as "1921";
* ``main(LOGFILE...)`` checks LaTeX's logs after latexmk (``make pdf``,
  ``make facilitator`` and ``make handouts`` run it on every log they made):
  it fails on an overfull box wider than the limit, an undefined reference or
  citation (a link that leads nowhere), and a character missing from the
  fonts (text that silently vanished from the page), naming each one.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as tex_escape

from studyguide.config import Setting, add_config_values, config_error, is_str_list
from studyguide.editions import edition_label
from studyguide.i18n import _
from studyguide.latex import add_latex_package
from studyguide.nodeutil import ancestors

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sphinx.application import Sphinx
    from sphinx.config import Config


#: ``studyguide_paper`` values and the LaTeX class option each one selects.
PAPERS = {"a4": "a4paper", "letter": "letterpaper"}
#: Overfull boxes up to this width (in points) are invisible in print.
OVERFULL_LIMIT_PT = 3.0
INFO_PACKAGE = "sgbookinfo"


# -- Configuration ----------------------------------------------------------


def _check_config(app: Sphinx, config: Config) -> None:
    if not config.studyguide_book:
        return
    paper = config.studyguide_paper
    if isinstance(paper, str) and paper.strip().lower() in PAPERS:
        paper = config.studyguide_paper = paper.strip().lower()  # make pdf PAPER=A4
    else:
        config_error(
            app,
            "studyguide_paper = %r: choose one of %s (e.g. make pdf PAPER=letter)",
            paper,
            ", ".join(repr(name) for name in PAPERS),
        )
        paper = config.studyguide_paper = "a4"
    subject = config.studyguide_pdf_subject
    if not isinstance(subject, str):
        config_error(
            app, "studyguide_pdf_subject = %r in conf.py: it must be text (a string)", subject
        )
        config.studyguide_pdf_subject = ""
    keywords = config.studyguide_pdf_keywords
    if not is_str_list(keywords):
        config_error(
            app, "studyguide_pdf_keywords = %r in conf.py: it must be a list of strings", keywords
        )
        config.studyguide_pdf_keywords = []
    # The paper size is a class option; one setting chooses it for every build.
    config.latex_elements = {**config.latex_elements, "papersize": PAPERS[paper]}


# -- PDF metadata and title page ---------------------------------------------


def _tex(app: Sphinx, text: str) -> str:
    return tex_escape(text, app.config.latex_engine)


def _info_commands(app: Sphinx, title: str) -> list[str]:
    """Metadata and the title page's parts of one document, as LaTeX commands."""
    main, _sep, sub = title.partition(": ")
    subject = app.config.studyguide_pdf_subject
    keywords = ", ".join(app.config.studyguide_pdf_keywords)
    macros = {
        "sphinxstudyguidebooktitle": main,
        "sphinxstudyguidebooksubtitle": sub[:1].upper() + sub[1:],
        "sphinxstudyguidebooksubject": subject,
        "sphinxstudyguidecontentsname": str(_("Contents")),
    }
    edition = edition_label(app.config)
    if edition:  # title page, running heads, handouts (sgbook.sty)
        macros["sphinxstudyguideedition"] = edition
    metadata = {
        # Every PDF's title is its own: the facilitator's files say which they are.
        "pdftitle": f"{title} ({edition})" if edition else title,
        "pdfsubject": subject,
        "pdfkeywords": keywords,
        "pdfauthor": app.config.author,
    }
    return [
        *(rf"\def\{name}{{{_tex(app, value)}}}" for name, value in macros.items()),
        r"\hypersetup{"
        + ", ".join(f"{key}={{{_tex(app, value)}}}" for key, value in metadata.items())
        + "}",
    ]


def book_info(app: Sphinx, title: str, documents: Sequence[tuple[str, str]] = ()) -> str:
    """The LaTeX of ``sgbookinfo.sty``: metadata and the title page's parts.

    One file serves every document of a build (the handouts): *documents*
    pairs each ``.tex`` file's job name with its title, and the package picks
    the block of the document being typeset by its job name; *title* is the
    default.
    """
    lines = [
        r"\NeedsTeXFormat{LaTeX2e}",
        r"\ProvidesPackage{" + INFO_PACKAGE + "}[2026/11/23 study guide: generated book data]",
        *_info_commands(app, title),
        # The index's group of entries that start with a digit or a symbol
        # ("1973 coup"): Sphinx calls it "Non-alphabetical".
        r"\AtBeginDocument{\renewcommand{\sphinxnonalphabeticalgroupname}{"
        + _tex(app, str(_("Numbers and symbols")))
        + "}}",
    ]
    for job, doc_title in documents:
        lines.append(rf"\@namedef{{sgbookinfo@{job}}}{{%")
        lines.extend(f"  {command}%" for command in _info_commands(app, doc_title))
        lines.append("}")
    if documents:
        lines.append(r"\ifcsname sgbookinfo@\jobname\endcsname\@nameuse{sgbookinfo@\jobname}\fi")
    lines.append("")
    return "\n".join(lines)


def _write_book_info(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    documents = app.config.latex_documents
    title = documents[0][2] if documents else app.config.project
    jobs = [(Path(target).stem, doc_title) for _start, target, doc_title, *_rest in documents]
    path = Path(app.outdir) / f"{INFO_PACKAGE}.sty"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(book_info(app, title, jobs if len(jobs) > 1 else ()), encoding="utf-8")


# -- Chapters and appendix ------------------------------------------------------


class BookLayout(SphinxPostTransform):
    """Shape the assembled LaTeX document as a book.

    Sphinx inlines the root toctree where it stands; in the guide it stands
    under the section "How to use this guide", which would make the reviews
    sections of that chapter.  Here each document of the root toctree becomes
    a chapter, the root document's own text an unnumbered chapter before them,
    and documents printed as appendices are not printed a second time.
    """

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        root = next(iter(self.document.findall(nodes.section)), None)
        if root is None or not any(self.document.findall(addnodes.start_of_file)):
            return  # not an assembled book (a single document)
        appendices = set(self.config.latex_appendices)
        for sof in list(self.document.findall(addnodes.start_of_file)):
            if sof["docname"] in appendices and root in ancestors(sof):
                sof.parent.remove(sof)
        self._hoist_chapters(root)
        self._wrap_front_text(root)

    @staticmethod
    def _hoist_chapters(root: nodes.section) -> None:
        """Move the documents the root document includes up to chapter level."""
        for child in list(root.children):
            if not isinstance(child, nodes.section):
                continue
            included = [
                sof
                for sof in child.findall(addnodes.start_of_file)
                if not any(isinstance(a, addnodes.start_of_file) for a in ancestors(sof))
            ]
            position = root.index(child) + 1
            for sof in included:
                sof.parent.remove(sof)
                root.insert(position, sof)
                position += 1

    @staticmethod
    def _wrap_front_text(root: nodes.section) -> None:
        """Put the root document's text, before the chapters, in a chapter."""
        first = next(
            (i for i, c in enumerate(root.children) if isinstance(c, addnodes.start_of_file)),
            None,
        )
        start = 1 if root.children and isinstance(root[0], nodes.title) else 0
        if first is None or first <= start:
            return
        front = root.children[start:first]
        if not any(not isinstance(n, (nodes.target, nodes.compound)) for n in front):
            return
        title = str(_("About this guide"))
        chapter = nodes.section(
            "",
            nodes.title(title, title),
            ids=["studyguide-about-this-guide"],
            classes=["studyguide-front"],
        )
        for node in front:
            root.remove(node)
            chapter += node
        root.insert(start, chapter)


# -- Overfull boxes ---------------------------------------------------------

OVERFULL = re.compile(
    r"^Overfull \\(?P<box>[hv])box \((?P<points>[0-9]+(?:\.[0-9]+)?)pt too (?:wide|high)\) "
    r"(?P<where>.*)$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class OverfullBox:
    """One of LaTeX's "Overfull \\hbox" warnings."""

    box: str
    points: float
    where: str

    def __str__(self) -> str:
        return f"overfull \\{self.box}box, {self.points:.1f}pt too wide, {self.where}"


def overfull_boxes(log: str, limit: float = 0.0) -> list[OverfullBox]:
    """The overfull boxes in a LaTeX log wider than *limit* points."""
    found = [OverfullBox(m["box"], float(m["points"]), m["where"]) for m in OVERFULL.finditer(log)]
    return [box for box in found if box.points > limit]


#: LaTeX's and hyperref's undefined references and citations.  The label stops at a
#: backquote (labels have none), so a line of many "Reference `" is read once, not
#: again from each (quadratic); the font name of a missing character is bounded alike.
UNDEFINED = re.compile(
    r"(?P<kind>Reference|Citation|Hyper reference) `(?P<label>[^'`\n]*)' on page (?P<page>[0-9]+) "
    r"undefined"
)
#: XeTeX's "Missing character: There is no X (U+XXXX) in font F!".
MISSING_CHAR = re.compile(
    r"Missing character: There is no (?P<char>.) \((?P<code>U\+[0-9A-F]+)\) in font "
    r"(?P<font>[^!\n]{0,1000})!"
)
#: TeX breaks the lines of its log after this many characters (max_print_line).
LOG_LINE = 79


def unwrap_log(log: str) -> str:
    """A TeX log with the lines TeX broke at ``LOG_LINE`` characters joined again."""
    lines = log.splitlines(keepends=True)
    return "".join(
        line.rstrip("\n") if len(line.rstrip("\n")) == LOG_LINE else line for line in lines
    )


def undefined_references(log: str) -> list[str]:
    """Each undefined reference or citation of a LaTeX log, once, as a message."""
    found: dict[str, None] = {}
    for match in UNDEFINED.finditer(unwrap_log(log)):
        found[f"undefined {match['kind'].lower()} '{match['label']}' (page {match['page']})"] = None
    return list(found)


def missing_characters(log: str) -> list[str]:
    """Each character a font of the PDF lacks (it is not printed), once, as a message."""
    found: dict[str, None] = {}
    for match in MISSING_CHAR.finditer(unwrap_log(log)):
        font = match["font"].split("/")[0].strip('[]"')
        found[f"missing character {match['char']} ({match['code']}) in font {font}"] = None
    return list(found)


def check_log(path: Path, limit: float) -> int:
    """Report a log's defects on stderr; 0 when it has none, 1 when it has, 2 unreadable."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"{path}: cannot read the LaTeX log: {error.strerror}", file=sys.stderr)
        return 2
    boxes = overfull_boxes(text, limit)
    problems = [str(box) for box in boxes]
    problems += undefined_references(text) + missing_characters(text)
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    if boxes:
        print(
            f"{path}: {len(boxes)} line(s) run into the margin by more than {limit}pt",
            file=sys.stderr,
        )
    if problems:
        return 1
    print(f"{path}: no overfull box wider than {limit}pt, no undefined reference, no missing glyph")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Check LaTeX logs; fail on a wide overfull box, an undefined reference or a missing glyph."""
    parser = argparse.ArgumentParser(
        prog="studyguide.book",
        description=(
            "Check LaTeX logs: overfull boxes wider than a limit (they run into the "
            "margin), undefined references or citations, characters missing from the fonts."
        ),
    )
    parser.add_argument(
        "log", type=Path, nargs="+", help="the .log files latexmk left beside the PDFs"
    )
    parser.add_argument(
        "--limit",
        type=float,
        default=OVERFULL_LIMIT_PT,
        help="points tolerated (default %(default)s)",
    )
    args = parser.parse_args(argv)
    return max(check_log(path, args.limit) for path in args.log)


# -- Index ------------------------------------------------------------------

#: The xindy style Sphinx copies next to the LaTeX sources (``-M sphinx.xdy``).
XINDY_STYLE = "sphinx.xdy"
#: A page range as a book prints it, 19–21: an en dash (the book's fonts are
#: loaded without TeX ligatures, so "--" would print as two hyphens).
XINDY_RANGE = r'(markup-range :sep "\textendash{}")'


def _add_index_range_dash(app: Sphinx, exception: Exception | None) -> None:
    """Give xindy's page ranges an en dash, in the style file of this build."""
    if exception is not None or app.builder.format != "latex":
        return
    style = Path(app.outdir) / XINDY_STYLE
    if not style.is_file():
        return  # makeindex, not xindy: its ranges have a dash already
    text = style.read_text(encoding="utf-8")
    if XINDY_RANGE not in text:
        style.write_text(
            f"{text.rstrip()}\n\n;; studyguide: page ranges\n{XINDY_RANGE}\n", encoding="utf-8"
        )


# -- Setup ------------------------------------------------------------------


#: LaTeX engines that load fontspec, which sgbook.sty needs.
BOOK_ENGINES = ("xelatex", "lualatex")


def _check_engine(app: Sphinx) -> None:
    engine = app.config.latex_engine
    if app.builder.format == "latex" and engine not in BOOK_ENGINES:
        raise ConfigError(
            f"studyguide_book = True: the book layout (sgbook.sty) uses fontspec, which "
            f"latex_engine = {engine!r} cannot load; set latex_engine = 'xelatex' or "
            f"'lualatex' in conf.py, or studyguide_book = False for Sphinx's own layout"
        )


def _register_book(app: Sphinx, config: Config) -> None:
    """The book's LaTeX packages and layout transform, when the project asks for them."""
    if not config.studyguide_book:
        return
    app.connect("builder-inited", _check_engine, priority=100)
    add_latex_package(app, "sgbook")
    app.add_latex_package(INFO_PACKAGE, after_hyperref=True)
    app.connect("builder-inited", _write_book_info)
    app.add_post_transform(BookLayout)
    app.connect("build-finished", _add_index_range_dash)


def setup_book(app: Sphinx) -> None:
    """Register the book's settings; the rest on config-inited, if ``studyguide_book``."""
    add_config_values(
        app,
        {
            "studyguide_book": Setting(
                False, "the LaTeX book layout (sgbook.sty; needs xelatex or lualatex)"
            ),
            "studyguide_paper": Setting("a4"),
            "studyguide_pdf_subject": Setting(""),
            "studyguide_pdf_keywords": Setting([], types={list, tuple}),
        },
    )
    app.connect("config-inited", _check_config)
    app.connect("config-inited", _register_book)
