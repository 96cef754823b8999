studyguide_paper = "A5"
