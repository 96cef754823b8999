studyguide_glossary = "glosary.yaml"
