"""The bad-input corpus's base project: the guide's settings, one short chapter.

Each case directory beside this one holds the files that differ from it and
``expected.txt``, the exact messages the strict build must print.
The tests put ``extensions/`` on ``PYTHONPATH``.
"""

project = "Bad input"
extensions = ["myst_parser", "studyguide"]
root_doc = "index"
language = "en"
nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
myst_heading_anchors = 3
html_theme = "basic"
latex_engine = "xelatex"
studyguide_glossary = "glossary.yaml"
studyguide_autolink = "first"
# As the guide: HTML in Markdown shows as written.
studyguide_html_as_text = True
studyguide_video = True
studyguide_book = True
# The guide's categories (the extension's default takes any).
studyguide_categories = ["party", "organisation", "person", "place", "event", "concept"]
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
