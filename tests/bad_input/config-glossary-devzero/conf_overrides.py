studyguide_glossary = "/dev/zero"
