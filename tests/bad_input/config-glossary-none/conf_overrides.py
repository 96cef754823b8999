studyguide_glossary = None
