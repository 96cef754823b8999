"""A small site that links files other builds make: a book and two handouts."""

project = "Downloads test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
studyguide_downloads = {
    "book": ("The book (PDF)", "latex/book.pdf"),
    "handout-1": ("Handout 1 (PDF)", "handouts/handout-1.pdf"),
    "handout-2": ("Handout 2 (PDF)", "handouts/handout-2.pdf"),
}
studyguide_downloads_note = "The PDFs come with the site: `make site`."
