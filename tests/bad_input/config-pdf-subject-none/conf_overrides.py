studyguide_pdf_subject = None
