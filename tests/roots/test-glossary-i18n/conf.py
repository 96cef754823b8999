"""A glossary translated through gettext: locale/es/LC_MESSAGES/glossary.po
translates one definition and one headword (to the entry's alias).  The tests
build it with ``language = "es"``, and with the gettext builder."""

project = "Glossary i18n test"
author = "Tester"
extensions = ["myst_parser", "studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "glossary-i18n.tex", "Glossary i18n test", "Tester", "manual")]
studyguide_glossary = "glossary.yaml"
locale_dirs = ["locale"]
