studyguide_glossary = "."
