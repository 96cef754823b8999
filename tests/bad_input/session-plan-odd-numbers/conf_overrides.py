studyguide_numbered_paragraphs = ["chapter"]
