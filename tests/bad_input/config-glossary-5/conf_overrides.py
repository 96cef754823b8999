studyguide_glossary = 5
