"""Two chapters with numbered paragraphs, a question citing them, the list of questions."""

project = "Paragraphs test"
author = "Tester"
copyright = "2026, Tester"
version = release = "0.1"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
studyguide_numbered_paragraphs = ["chapter-*"]
latex_engine = "xelatex"
latex_documents = [
    ("index", "paragraphs-test.tex", "Paragraphs test", "Tester", "manual", False),
    ("handout", "handout.tex", "Session 1", "Tester", "howto", False),
]
latex_elements = {"extraclassoptions": "openany,oneside"}
epub_identifier = epub_uid = "paragraphs-test"
epub_exclude_files = [".buildinfo.bak"]
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
