"""A tiny guide for the glossary tests: two chapters, a glossary page."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))

extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["smartquotes"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "glossary-test.tex", "Glossary test", "Tests", "manual")]
studyguide_glossary = "glossary.yaml"
# As the guide: the book layout.
studyguide_book = True
