studyguide_edition = "facilitator"
