studyguide_pdf_subject = 42
