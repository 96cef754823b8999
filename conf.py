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
    "sphinxcontrib.youtube",
    "studyguide",
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
# The glossary is printed once, as an appendix (studyguide.book drops it from
# the main matter).
latex_appendices = ["glossary"]
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
epub_use_index = True
# Sphinx keeps the previous build's record as .buildinfo.bak when conf.py
# changes; it is not part of the book.
epub_exclude_files = [".buildinfo.bak"]

# -- The guide's extension ---------------------------------------------------

studyguide_glossary = "glossary.yaml"
studyguide_autolink = "first"
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
# facilitator notes.  The tag `-t handouts` (make handouts) builds, instead of
# the guide, one A4 handout per session from docs/handouts/, which other
# builds leave out.
studyguide_edition = "facilitator" if tags.has("facilitator") else "participant"  # noqa: F821
SESSIONS = [
    (1, "The Insurrection of the Bourgeoisie"),
    (2, "The Coup d’État"),
    (3, "People’s Power"),
]
if tags.has("handouts"):  # noqa: F821
    _edition = "-facilitator" if studyguide_edition == "facilitator" else ""
    latex_documents = [
        (
            f"handouts/session-{n}",
            f"session-{n}{_edition}.tex",
            f"Session {n}: {title}",
            project,
            "howto",
            False,
        )
        for n, title in SESSIONS
    ]
    latex_appendices = []
    latex_domain_indices = False
    latex_elements = {
        **latex_elements,
        # A handout fits on two A4 pages: smaller type, narrower margins.
        "pointsize": "10pt",
        "sphinxsetup": "hmargin={1.8cm,1.8cm}, vmargin={1.5cm,1.8cm}",
        "maketitle": r"\sghandouttitle",
        "tableofcontents": "",
        "printindex": "",
    }
else:
    exclude_patterns.append("handouts")
