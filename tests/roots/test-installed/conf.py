"""A small guide as a user of the installed wheel writes it: MyST, a glossary,
a chapter with a question and a facilitator note, a session plan."""

project = "Installed guide"
author = "Tester"
copyright = "2026, Tester"
version = release = "0.1"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
studyguide_categories = ["person", "idea"]
latex_documents = [("index", "installed.tex", project, author, "manual", False)]
man_pages = [("index", "installed", project, [author], 7)]
texinfo_documents = [("index", "installed", project, author, "installed", "A test.", "Misc")]
epub_identifier = epub_uid = "installed-guide-test"
epub_basename = "installed"
