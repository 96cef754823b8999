"""Sphinx configuration of the study guide to *The Battle of Chile*.

The build runs ``sphinx-build -c . docs <outdir>``: this file sits at the top of
the repository and the sources live in ``docs/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "extensions"))

# -- Project -----------------------------------------------------------------

project = "The Battle of Chile: a study guide"
author = "The study guide's contributors"
copyright = "2008, the reviews' authors; 2026, the study guide's contributors"
release = version = "1.0"

# -- General -----------------------------------------------------------------

extensions = [
    "myst_parser",
    "studyguide",
    # Opt-in parts of the extension: unclosed fences and Markdown's HTML checked
    # (myst-parser's parser, checking); videos (sphinxcontrib-youtube, adapted).
    "studyguide.mystchecks",
    "studyguide.video",
]
root_doc = "index"
language = "en"
exclude_patterns: list[str] = ["_build", "**/.*"]
nitpicky = True
smartquotes = True
today_fmt = "%Y-%m-%d"

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = [
    "colon_fence",
    "deflist",
    "smartquotes",
]
myst_heading_anchors = 3

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = "The Battle of Chile: a study guide"
html_short_title = "The Battle of Chile"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# Toctree captions get aria-level (studyguide: Sphinx writes role="heading" alone).
studyguide_aria_captions = True
# Every page gets a meta description (its first paragraph) where it sets none.
studyguide_meta_descriptions = True
# Browsers ask every page for an icon (a 404 for /favicon.ico without one).
html_favicon = "docs/_static/favicon.svg"

# -- LaTeX / PDF -------------------------------------------------------------

latex_engine = "xelatex"
latex_documents = [
    ("index", "battle-of-chile.tex", project, author, "manual", False),
]
latex_elements = {
    # The paper size comes from studyguide_paper (below; make pdf PAPER=letter).
    "pointsize": "11pt",
    # Printed at home, single- or double-sided: no blank pages before chapters.
    "extraclassoptions": "openany,oneside",
    # Chapter heads come from sgbook.sty.
    "fncychap": "",
}
# The glossary, the chronology and the sources are printed once, as appendices (studyguide.book
# drops them from the main matter).
latex_appendices = ["glossary", "chronology", "sources"]
# External links print their address as a footnote: paper has no links.
latex_show_urls = "footnote"

# -- EPUB --------------------------------------------------------------------

epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_language = "en"
# A stable identifier, the same in every build.  Sphinx writes epub_uid into
# toc.ncx where epubcheck expects the identifier, so both are the same string,
# and an XML name (the uid is an XML id).
epub_identifier = epub_uid = "battle-of-chile-study-guide-5d0f3a52-7c2e-4b8e-9a51-6f1b0c4e2d17"
epub_description = "A study guide to Patricio Guzmán's documentary The Battle of Chile"
epub_show_urls = "no"
epub_basename = "battle-of-chile"
epub_use_index = True
# Sphinx keeps the previous build's record as .buildinfo.bak when conf.py
# changes; it is not part of the book.
epub_exclude_files = [".buildinfo.bak"]

# -- The guide's extension ---------------------------------------------------

studyguide_glossary = "glossary.yaml"
# The guide's own categories, in the glossary page's order (the extension's
# default, None, takes any category as the entries give it).
studyguide_categories = ["party", "organisation", "person", "place", "event", "concept"]
# Every dated glossary entry and event cites a source (else a warning:
# the strict build fails).
studyguide_require_sources = "dated"
studyguide_autolink = "first"
# A film: "Film" and "Screening" in the session plans, "Watch this part of the film".
studyguide_work_kind = "film"
studyguide_numbered_paragraphs = ["part-*"]  # the chapters: numbers, {para} citations
# HTML written in Markdown shows as written (a {raw} directive stays raw).
studyguide_html_as_text = True
# Videos: ids checked, lazy iframes, offline; a QR code in print, a link elsewhere.
studyguide_video = True
# The printed guide as a book (sgbook.sty: needs xelatex, set above).
studyguide_book = True
studyguide_paper = "a4"  # or "letter": make pdf PAPER=letter
studyguide_pdf_subject = (
    "Reviews of Patricio Guzmán’s documentary The Battle of Chile, "
    "with a glossary and discussion questions for reading groups"
)
studyguide_pdf_keywords = [
    "The Battle of Chile",
    "La batalla de Chile",
    "Patricio Guzmán",
    "Salvador Allende",
    "Popular Unity",
    "Chile 1973",
    "documentary",
    "study guide",
]

# Editions and handouts.  The participant edition is the default; the tag
# `-t facilitator` (make facilitator) builds the facilitator edition, with the
# facilitator notes, labelled "Facilitator edition" in every format and with
# "-facilitator" in its file names (the extension does both).  The tag
# `-t handouts` (make handouts) builds, instead of the guide, one A4 handout
# per session from docs/handouts/, which other builds leave out.
SESSIONS = [
    (1, "The Insurrection of the Bourgeoisie"),
    (2, "The Coup d’État"),
    (3, "People’s Power"),
]


def session_documents(
    folder: str, stem: str, title: str
) -> list[tuple[str, str, str, str, str, bool]]:
    """One short LaTeX document a session: ``folder/session-N`` -> ``stem-N.tex``."""
    return [
        (
            f"{folder}/session-{n}",
            f"{stem}-{n}.tex",
            title.format(n=n, title=name),
            project,
            "howto",
            False,
        )
        for n, name in SESSIONS
    ]


def short_documents(**elements: str) -> dict[str, str]:
    """The LaTeX settings of the short documents (handouts, invitations, run sheets,
    cards): 10 pt, no contents and no index; *elements* add to them."""
    return {
        **latex_elements,
        "pointsize": "10pt",
        "tableofcontents": "",
        "printindex": "",
        **elements,
    }


if tags.has("handouts"):  # noqa: F821
    latex_documents = session_documents("handouts", "session", "Session {n}: {title}")
    # The invitation of each session, a page of its own (docs/invitations/).
    latex_documents += session_documents(
        "invitations", "invitation", "Invitation to session {n}: {title}"
    )
    latex_appendices = []
    latex_domain_indices = False
    # A handout fits on two A4 pages: smaller type, narrower margins.
    latex_elements = short_documents(
        sphinxsetup="hmargin={1.8cm,1.8cm}, vmargin={1.5cm,1.8cm}", maketitle=r"\sghandouttitle"
    )
else:
    exclude_patterns.append("handouts")

# Run sheets (docs/runsheets/): facilitator material, so they exist only in
# the facilitator edition.  `-t runsheets -t facilitator` (make runsheets)
# prints one per session, _build/runsheets/session-N.pdf; the start time is
# each sheet's :start:, or `-D studyguide_session_start=18:30` (START=18:30).
# The handouts' and the cards' builds print documents of their own only.
if not tags.has("facilitator") or tags.has("handouts") or tags.has("cards"):  # noqa: F821
    exclude_patterns.append("runsheets")
if tags.has("runsheets") and tags.has("facilitator"):  # noqa: F821
    latex_documents = session_documents("runsheets", "runsheet", "Run sheet, session {n}: {title}")
    latex_appendices = []
    latex_domain_indices = False
    # At most four A4 pages at 10 pt.
    latex_elements = short_documents(
        sphinxsetup="hmargin={1.5cm,1.5cm}, vmargin={1.2cm,1.5cm}", maketitle=r"\sghandouttitle"
    )

# Downloads: what `make site` builds before the web guide, linked from the
# front page and the sessions page ({studyguide-downloads}).  Paths are
# relative to the build directory (_build).  Where a file is missing (a plain
# `make html`), the pages say how to get it instead.
studyguide_downloads = {
    "guide-pdf": ("The guide to print (PDF, A4)", "latex/battle-of-chile.pdf"),
    "guide-epub": ("The guide for e-readers (EPUB)", "epub/battle-of-chile.epub"),
    **{
        f"session-{n}": (f"Handout of session {n}: {title} (PDF)", f"handouts/session-{n}.pdf")
        for n, title in SESSIONS
    },
}
studyguide_downloads_note = (
    "The printable guide (PDF), the EPUB and the session handouts are published "
    "with the web edition of the guide."
)
# The facilitator's site (`make site-facilitator`) links the facilitator's own
# files: the facilitator edition of the book, the facilitator handouts, the run
# sheets and the question cards (with the notes on the backs).
if tags.has("facilitator") and not tags.has("handouts"):  # noqa: F821
    studyguide_downloads = {
        "guide-pdf": (
            "The guide to print, facilitator edition (PDF, A4)",
            "facilitator/latex/battle-of-chile-facilitator.pdf",
        ),
        "guide-epub": (
            "The guide for e-readers, facilitator edition (EPUB)",
            "facilitator/epub/battle-of-chile.epub",
        ),
        **{
            f"session-{n}": (
                f"Facilitator's handout of session {n}: {title} (PDF)",
                f"handouts/session-{n}-facilitator.pdf",
            )
            for n, title in SESSIONS
        },
        **{
            f"runsheet-{n}": (
                f"Run sheet of session {n}: {title} (PDF)",
                f"runsheets/session-{n}.pdf",
            )
            for n, title in SESSIONS
        },
        **{
            f"cards-{n}": (
                f"Question cards of session {n}, notes on the backs (PDF)",
                f"cards/session-{n}-facilitator.pdf",
            )
            for n, title in SESSIONS
        },
    }
    studyguide_downloads_note = (
        "The facilitator edition's printable guide (PDF), EPUB, handouts, run sheets "
        "and question cards are published with the facilitator's web edition."
    )


# Question cards (docs/cards/): `-t cards` (make cards) prints the questions of
# each session on A6 cards, four to an A4 sheet, _build/cards/session-N.pdf
# and, with the notes on the backs, session-N-facilitator.pdf.
if tags.has("cards"):  # noqa: F821
    _edition = " (facilitator edition)" if tags.has("facilitator") else ""  # noqa: F821
    latex_documents = session_documents(
        "cards", "cards", "Question cards, session {n}: {title}" + _edition
    )
    latex_appendices = []
    latex_domain_indices = False
    latex_elements = short_documents(maketitle="")
else:
    exclude_patterns.append("cards")

# Invitations (docs/invitations/): where the film can be found.  Icarus Films
# distributes it (the running times in the chapters are theirs).
studyguide_film_title = "The Battle of Chile"
studyguide_distributor = "Icarus Films"
studyguide_distributor_url = "https://icarusfilms.com/"


# -- Manual page -------------------------------------------------------------

# A manual page cannot be clicked in every terminal: web addresses are printed.
man_show_urls = True
# (Sphinx 9 with docutils 0.22 printed links as <#term-...>: the extension fixes it.)
