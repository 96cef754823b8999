"""A reStructuredText project using the installed extension: its own glossary
with a custom category, no questions, no glossary page."""

project = "Instruments of the orchestra"
extensions = ["studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
man_pages = [("index", "instruments", project, ["Tests"], 7)]
texinfo_documents = [("index", "instruments", project, "Tests", "instruments", project, "Music")]
studyguide_glossary = "terms.yaml"
studyguide_categories = {"instrument": "Instruments", "person": "People"}
studyguide_glossary_page = False
