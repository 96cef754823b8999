"""The facilitator edition, labelled as such in every format.

The edition is the config value ``studyguide_edition`` (``"participant"``, the
default, or ``"facilitator"``; the tag ``-t facilitator`` sets it, see the
questions component).  The participant edition carries no label at all.  The
facilitator edition, so that nobody prints it for the group by mistake, says
"Facilitator edition" (translated, ``studyguide.i18n``):

* HTML: in every page's ``<title>`` and as a banner at the top of every page,
  documents and generated pages (index, search) alike, in any theme: an
  ``html-page-context`` handler renders each page through
  ``templates/studyguide-edition.html``, which extends the page's own template
  and puts the banner first in its ``body`` block (the top of the page in furo,
  the top of the text in alabaster and other themes based on ``basic``);
* PDF: on the title page, in the running head and in the handouts' heads
  (``latex/sgbook.sty``, from the macro ``\\sphinxstudyguideedition`` that the
  book component writes into ``sgbookinfo.sty``);
* file names: every ``latex_documents`` target gets the suffix
  ``-facilitator`` (``battle-of-chile.tex`` -> ``battle-of-chile-facilitator.tex``,
  hence ``battle-of-chile-facilitator.pdf``), unless it has it already.

The participant edition copies no page source that holds a facilitator note
into ``_sources/`` (``html_copy_source``, on by default, copies the source as
written, notes included): such a page gets no "Show source" link.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide.assets import add_static_dir
from studyguide.config import config_warning
from studyguide.i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


FACILITATOR = "facilitator"
#: Added to the name of every LaTeX document of the facilitator edition.
FILE_SUFFIX = "-facilitator"
TEMPLATES_DIR = Path(__file__).parent / "templates"
#: The page template that wraps the theme's own one with the banner.
PAGE_TEMPLATE = "studyguide-edition.html"
CSS_FILE = "studyguide-edition.css"


EDITIONS = ("participant", FACILITATOR)
#: The Sphinx tag that selects the facilitator edition (``-t facilitator``).
FACILITATOR_TAG = FACILITATOR


def edition(config: Config) -> str:
    """The edition being built: ``"participant"`` or ``"facilitator"``."""
    return str(config.studyguide_edition)


def is_facilitator(config: Config) -> bool:
    """Whether facilitator notes are kept."""
    return edition(config) == FACILITATOR


def init_edition(app: Sphinx, config: Config) -> None:
    """The ``facilitator`` tag selects the facilitator edition.

    The edition is a config value with ``rebuild="env"``, so switching the tag
    re-reads every document (notes are removed at read time).
    """
    if app.tags.has(FACILITATOR_TAG):
        config.studyguide_edition = "facilitator"
    if config.studyguide_edition not in EDITIONS:
        config_warning(
            "studyguide_edition = %r: use one of %s (or the tag '-t facilitator'); "
            "building the participant edition",
            config.studyguide_edition,
            ", ".join(map(repr, EDITIONS)),
        )
        config.studyguide_edition = "participant"


def edition_label(config: Config) -> str | None:
    """The edition's label, translated ("Facilitator edition"); ``None`` for participants."""
    return str(_("Facilitator edition")) if is_facilitator(config) else None


def facilitator_filename(name: str) -> str:
    """``book.tex`` -> ``book-facilitator.tex`` (unchanged when it has the suffix)."""
    path = Path(name)
    if path.stem.endswith(FILE_SUFFIX):
        return name
    return str(path.with_name(f"{path.stem}{FILE_SUFFIX}{path.suffix}"))


# -- Configuration ------------------------------------------------------------------


def _configure(app: Sphinx, config: Config) -> None:
    """Name the facilitator edition's files and register its page template.

    Runs after the questions component has read the tag ``-t facilitator``
    into ``studyguide_edition`` (same event, connected later).
    """
    if not is_facilitator(config):
        return
    config.latex_documents = [
        (start, facilitator_filename(target), *rest)
        for start, target, *rest in config.latex_documents
    ]
    templates = str(TEMPLATES_DIR)
    if templates not in config.templates_path:
        config.templates_path.append(templates)
    app.add_css_file(CSS_FILE)


# -- HTML -------------------------------------------------------------------------------


def banner_html(label: str) -> str:
    """The banner at the top of every page of the facilitator edition."""
    note = _("It has the facilitator notes; do not share it with participants.")
    # A named region: a landmark, so that it is not content outside every
    # landmark where a theme puts it above its own (furo).
    return (
        f'<div class="sg-edition-banner" role="region" aria-label="{escape(label)}">'
        f'<p><strong class="sg-edition-label">{escape(label)}</strong> — '
        f'<span class="sg-edition-note">{escape(str(note))}</span></p>'
        "</div>\n"
    )


def _label_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> str | None:
    """Put the label in the page's title and render it with the banner."""
    label = edition_label(app.config)
    if label is None or app.builder.format != "html":
        return None
    docstitle = context.get("docstitle") or ""
    labelled = f"{docstitle} ({label})" if docstitle else label
    # furo prints the title once on the page whose title is the guide's own.
    if context.get("title") == docstitle:
        context["title"] = labelled
    context["docstitle"] = labelled
    context["studyguide_edition_banner"] = banner_html(label)
    context["studyguide_page_template"] = templatename
    return PAGE_TEMPLATE


#: How much of a source or dependency is read for a facilitator note (as the glossary
#: data is bounded: 4 MB).
SOURCE_READ_LIMIT = 4 * 1024 * 1024


def _source_has_notes(app: Sphinx, docname: str) -> bool:
    """Whether the source of *docname*, or a file it includes, writes a facilitator note."""
    env = app.env
    paths = [Path(env.doc2path(docname))]
    paths += [Path(app.srcdir, dependency) for dependency in env.dependencies.get(docname, ())]
    for path in paths:
        # A dependency may be any file conf.py names (the glossary data, even a
        # device such as /dev/zero): regular files only, read up to a bound.
        try:
            if not path.is_file():
                continue
            with path.open("rb") as handle:
                text = handle.read(SOURCE_READ_LIMIT).decode("utf-8", errors="replace")
        except OSError:
            continue
        if "facilitator-note" in text:
            return True
    return False


def _keep_notes_out_of_sources(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: Any,
) -> None:
    """Participant edition: no copy in ``_sources/`` of a page whose source has notes."""
    if is_facilitator(app.config) or doctree is None or not context.get("sourcename"):
        return
    if _source_has_notes(app, pagename):
        # Sphinx copies the source, and links it, only where sourcename is set.
        context["sourcename"] = ""


# -- Setup ------------------------------------------------------------------------------


def setup_editions(app: Sphinx) -> None:
    """Label the facilitator edition in HTML, in the PDF and in file names."""
    app.connect("config-inited", _configure, priority=600)
    add_static_dir(app)
    app.connect("html-page-context", _label_page)
    # Before any listener that returns a template (the first result ends the event).
    app.connect("html-page-context", _keep_notes_out_of_sources, priority=400)
