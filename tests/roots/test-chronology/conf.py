"""A tiny guide for the chronology tests: two chapters, a glossary, two chronologies."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))

project = "Chronology test"
author = "Tests"
copyright = "2026, Tests"
version = "1"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["smartquotes"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "chronology-test.tex", "Chronology test", "Tests", "manual")]
studyguide_glossary = "glossary.yaml"
