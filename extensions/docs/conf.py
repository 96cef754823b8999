"""The documentation of the Sphinx extension sphinx-studyguide (``make extension-docs``).

A project of its own, apart from the study guide in ``docs/``.  Its examples
are two small guides, ``examples/myst`` and ``examples/rst``, that the tests
build; the pages include them rather than copy them.
"""

from __future__ import annotations

import sys
from pathlib import Path

# The extension from this repository (when it is not installed).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from studyguide import __version__

project = "sphinx-studyguide"
author = "The study guide's contributors"
copyright = "2026, the study guide's contributors"
release = __version__
version = ".".join(__version__.split(".")[:2])

extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2
root_doc = "index"
language = "en"
exclude_patterns = ["_build", "examples"]
nitpicky = True
html_theme = "alabaster"
html_title = "sphinx-studyguide"
