"""A small book: front text, a toctree under a section, a video, an appendix."""

project = "Video test: a small book"
author = "Tester"
copyright = "2026, Tester"
version = release = "0.1"
extensions = ["studyguide"]
exclude_patterns = ["_build"]
nitpicky = True
latex_engine = "xelatex"
latex_documents = [("index", "video-test.tex", project, author, "manual", False)]
latex_elements = {"extraclassoptions": "openany,oneside", "fncychap": ""}
latex_appendices = ["glossary"]
studyguide_book = True
studyguide_video = True
studyguide_pdf_subject = "A test of the book layout"
studyguide_pdf_keywords = ["video", "QR code"]
epub_identifier = epub_uid = "video-test-book"
epub_exclude_files = [".buildinfo.bak"]
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
