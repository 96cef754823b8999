"""Session plans: two chapters with running times, core and reserve questions,
a content note, key terms chosen by the author, a handout."""

project = "Sessions test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [
    ("index", "sessions-test.tex", "Sessions test", "Tester", "manual", False),
    ("handout", "handout.tex", "Session 1", "Tester", "howto", False),
]
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
