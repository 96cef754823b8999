"""Session plans whose body (the closing) holds cross-references of every kind
and a facilitator note: resolved like any other content, the note kept only in
the facilitator edition."""

project = "Sessions body test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
# As the guide: the sources (with the facilitator note) are not copied.
html_copy_source = False
studyguide_numbered_paragraphs = ["chapter-*"]
latex_documents = [
    ("index", "sessions-body.tex", "Sessions body test", "Tester", "manual", False),
    ("handout", "handout.tex", "Session 1", "Tester", "howto", False),
]
