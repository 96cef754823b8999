"""The meeting's printed matter: a run sheet, an invitation and question cards
for a chapter with a content note, core and reserve questions with notes."""

project = "Meeting test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [
    ("index", "meeting-test.tex", "Meeting test", "Tester", "manual", False),
    ("runsheet", "runsheet.tex", "Run sheet", "Tester", "howto", False),
    ("invitation", "invitation.tex", "Invitation", "Tester", "howto", False),
    ("cards", "cards.tex", "Cards", "Tester", "howto", False),
]
studyguide_numbered_paragraphs = ["chapter-*"]
studyguide_film_title = "THE-FILM"
studyguide_distributor = "DISTRIBUTOR-NAME"
studyguide_distributor_url = "https://distributor.example/"
studyguide_work_kind = "film"
