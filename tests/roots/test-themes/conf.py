"""One chapter with a question, a facilitator note, glossary links and numbered
paragraphs, built with each theme (``-D html_theme=...``) for the contrast test."""

project = "Themes test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
html_theme = "alabaster"
studyguide_glossary = "glossary.yaml"
studyguide_numbered_paragraphs = ["chapter"]
