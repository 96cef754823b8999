"""The reference's MyST examples: a small guide of its own, built by the tests."""

project = "Example guide"
author = "The example's authors"
copyright = "2026, the example's authors"
version = release = "1.0"
extensions = ["myst_parser", "studyguide", "studyguide.mystchecks", "studyguide.video"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True

studyguide_work_kind = "book"
studyguide_glossary = "glossary.yaml"
studyguide_categories = {"person": "People", "place": "Places", "idea": "Ideas"}
studyguide_autolink = "first"
studyguide_numbered_paragraphs = ["part-*"]
studyguide_meeting_minutes = 90
studyguide_downloads = {
    "guide-pdf": ("The guide to print (PDF)", "latex/example.pdf"),
    "handout-1": ("Handout of session 1 (PDF)", "latex/handout-1.pdf"),
}
studyguide_downloads_note = "The PDFs are published with the site."

latex_engine = "xelatex"
latex_documents = [
    ("index", "example.tex", project, author, "manual", False),
    ("handout", "handout-1.tex", "Session 1", author, "howto", False),
    ("invitation", "invitation-1.tex", "Invitation to session 1", author, "howto", False),
    ("runsheet", "runsheet-1.tex", "Run sheet, session 1", author, "howto", False),
    ("cards", "cards-1.tex", "Question cards, session 1", author, "howto", False),
]
studyguide_require_sources = "dated"
epub_basename = "example"
