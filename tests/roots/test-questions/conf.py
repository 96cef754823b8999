"""A small guide: two chapters with questions, a glossary, the lists and a session."""

project = "Questions test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [
    ("index", "questions-test.tex", "Questions test", "Tester", "manual", False),
    ("handout", "handout.tex", "Session 1", "Tester", "howto", False),
]
# As the guide: the book layout, checked videos.
studyguide_book = True
studyguide_video = True
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
