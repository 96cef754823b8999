"""Bad session input: each mistake gets one clear warning with file and line."""

project = "Sessions bad"
extensions = ["myst_parser", "studyguide"]
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build"]
nitpicky = True
# The words of the session plans and videos: "Film", "Screening" (default: "other").
studyguide_work_kind = "film"
