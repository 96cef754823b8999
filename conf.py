"""Sphinx configuration of the study guide to *The Battle of Chile*.

The build runs ``sphinx-build -c . docs <outdir>``: this file sits at the top of
the repository and the sources live in ``docs/``.
"""

from __future__ import annotations

import os
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

# -- LaTeX / PDF -------------------------------------------------------------

latex_engine = "xelatex"
latex_documents = [
    ("index", "battle-of-chile.tex", project, author, "manual", False),
]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
}

# -- EPUB --------------------------------------------------------------------

epub_title = project
epub_author = author
epub_publisher = author
epub_copyright = copyright

# -- The guide's extension ---------------------------------------------------

studyguide_glossary = "glossary.yaml"
studyguide_autolink = "first"
