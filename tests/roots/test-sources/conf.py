"""A tiny guide for the sources tests: a chapter, a glossary with sources, a Sources page."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))

project = "Sources test"
author = "Tests"
copyright = "2026, Tests"
version = "1"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["smartquotes"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "sources-test.tex", "Sources test", "Tests", "manual")]
studyguide_glossary = "glossary.yaml"
