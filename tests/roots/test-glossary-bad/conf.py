"""Broken glossary data, one file per mistake (chosen with confoverrides)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))

extensions = ["myst_parser", "studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
studyguide_glossary = "good.yaml"
# The guide's categories (the extension's default takes any).
studyguide_categories = ["party", "organisation", "person", "place", "event", "concept"]
