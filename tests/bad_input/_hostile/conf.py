"""Hostile content: HTML, script and LaTeX specials in glossary and question text.

Not a bad-input case (it builds); ``test_bad_input.py`` checks that the text
comes out escaped in the page, the tooltips and the search index, and prints
correctly in the PDF.
"""

project = "Hostile content"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
root_doc = "index"
language = "en"
nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
html_theme = "basic"
latex_engine = "xelatex"
latex_documents = [("index", "hostile.tex", "Hostile content", "Tester", "manual", False)]
studyguide_glossary = "glossary.yaml"
studyguide_autolink = "first"
# As the guide: HTML in Markdown shows as written.
studyguide_html_as_text = True
studyguide_video = True
studyguide_book = True
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
