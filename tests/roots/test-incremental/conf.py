"""A small guide for the incremental-vs-clean tests: chapters with numbered
paragraphs, questions citing paragraphs and each other, the list of
questions, a glossary with aliases, in Spanish (the extension's catalog)."""

project = "Incremental test"
author = "Tester"
copyright = "2026, Tester"
version = release = "0.1"
language = "es"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence", "smartquotes"]
exclude_patterns = ["_build"]
nitpicky = True
studyguide_glossary = "glossary.yaml"
studyguide_numbered_paragraphs = ["part-*"]
