"""Each kind of bad input the question component must report."""

project = "Bad questions"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
