"""A host project that loads the extension and asks for none of its opt-in
features: its own HTML, raw roles, videos, title markup and LaTeX stay its own."""

project = "Host project"
author = "Tester"
extensions = ["myst_parser", "sphinxcontrib.youtube", "studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
studyguide_glossary = None
latex_documents = [("index", "host.tex", project, author, "manual", False)]
