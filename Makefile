# The study guide's build.  `make html` and `make test` set everything up on
# first use (a virtual environment in .venv from requirements.txt).
#
# Every build is strict: a warning fails it.

PYTHON      ?= python3
VENV        ?= .venv
BUILDDIR    ?= _build
SOURCEDIR   := docs
SPHINXOPTS  ?=
STRICT      := -n -W --keep-going
SPHINXBUILD := $(VENV)/bin/sphinx-build
SPHINXFLAGS  = -c . $(STRICT) $(SPHINXOPTS)
# sphinx-build -M BUILDER SOURCEDIR BUILDDIR FLAGS: -M must come first.
sphinx = $(SPHINXBUILD) -M $(1) $(SOURCEDIR) $(2) $(SPHINXFLAGS)
PYTEST_ARGS ?=
# The tests run on every core (pytest-xdist), a module's tests on one worker, so
# that a build a module shares is made once (tests/conftest.py).  PYTEST_JOBS=0:
# one process.
PYTEST_JOBS ?= auto
pytest = $(VENV)/bin/python -m pytest -n $(PYTEST_JOBS) --dist loadscope
# Paper of the printed guide: a4 (default) or letter (make pdf PAPER=letter).
PAPER       ?= a4
# The LaTeX logs' check (studyguide.book.main): lines in the margin, undefined
# references or citations, glyphs missing from the fonts fail the build.
checklogs = PYTHONPATH=extensions $(VENV)/bin/python -c \
	  'import sys; from studyguide.book import main; sys.exit(main(sys.argv[1:]))' $(1)

.PHONY: help html pdf epub pdf-deps live clean test test-fast venv bench facilitator handouts site Makefile

help:
	@echo "make html       build the web guide in $(BUILDDIR)/html"
	@echo "make pdf        build the printable guide in $(BUILDDIR)/latex (needs TeX: make pdf-deps)"
	@echo "                (A4; US letter: make pdf PAPER=letter)"
	@echo "make epub       build the e-reader edition in $(BUILDDIR)/epub"
	@echo "make facilitator  the facilitator edition (HTML and PDF) in $(BUILDDIR)/facilitator"
	@echo "make handouts   one printable PDF per session in $(BUILDDIR)/handouts"
	@echo "make site       the site to publish, in $(BUILDDIR)/site: the web guide with"
	@echo "                the PDF, the EPUB and the handouts as downloads (needs TeX)"
	@echo "make live       serve the guide and rebuild it on every change"
	@echo "make test       run the tests (on every core)"
	@echo "make test-fast  the tests without TeX and without the browser, for the edit loop"
	@echo "make bench      time the build on synthetic guides (BENCH_ARGS=--quick: a smoke run)"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "make pdf-deps   install TeX Live, latexmk, fonts and poppler (Debian/Ubuntu, apt-get)"
	@echo "make BUILDER    any other Sphinx builder, strict (dirhtml, singlehtml, text, man,"
	@echo "                texinfo, xml, gettext, latexpdf...), in $(BUILDDIR)/BUILDER"

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

html: $(VENV)/.installed
	$(call sphinx,html,$(BUILDDIR))

# latexmk stops at the first TeX error instead of making a broken PDF.
pdf: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
pdf: $(VENV)/.installed
	@command -v latexmk >/dev/null 2>&1 && command -v xelatex >/dev/null 2>&1 || \
	  { echo "make pdf: TeX is missing (xelatex and latexmk); run 'make pdf-deps' to install it" >&2; exit 2; }
	$(call sphinx,latexpdf,$(BUILDDIR)) -D studyguide_paper=$(PAPER)
	@# Lines in the margin, dead links and missing glyphs fail the build, as warnings do.
	$(call checklogs,$(BUILDDIR)/latex/*.log)

epub: $(VENV)/.installed
	$(call sphinx,epub,$(BUILDDIR))

# The facilitator edition: the guide with the facilitator notes (tag
# "facilitator"), labelled as such, HTML and PDF, in its own build directory:
# $(BUILDDIR)/facilitator/html and .../latex/battle-of-chile-facilitator.pdf.
facilitator: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
facilitator: $(VENV)/.installed
	$(call sphinx,html,$(BUILDDIR)/facilitator) -t facilitator
	$(call sphinx,latexpdf,$(BUILDDIR)/facilitator) -t facilitator
	$(call checklogs,$(BUILDDIR)/facilitator/latex/*.log)

# One A4 handout per session (docs/handouts/), in both editions:
# $(BUILDDIR)/handouts/session-N.pdf and session-N-facilitator.pdf.
handouts: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
handouts: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/participant) -t handouts
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/facilitator) -t handouts -t facilitator
	$(call checklogs,$(BUILDDIR)/handouts/participant/latex/*.log \
	  $(BUILDDIR)/handouts/facilitator/latex/*.log)
	cp $(BUILDDIR)/handouts/participant/latex/session-*.pdf \
	   $(BUILDDIR)/handouts/facilitator/latex/session-*-facilitator.pdf $(BUILDDIR)/handouts/

# The site to publish: the participant web guide, with the PDF, the EPUB and
# the participant handouts built first, so that its pages link them as
# downloads (copied into $(BUILDDIR)/site/_downloads).  One build after the
# other (also under make -j: the PDF and the EPUB share the doctrees), and the
# web guide from scratch (-E), so that its search index is whole.
site: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
site: $(VENV)/.installed
	$(MAKE) pdf
	$(MAKE) epub
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/participant) -t handouts
	cp $(BUILDDIR)/handouts/participant/latex/session-*.pdf $(BUILDDIR)/handouts/
	$(SPHINXBUILD) -b html -E -d $(BUILDDIR)/doctrees-site $(SPHINXFLAGS) \
	  $(SOURCEDIR) $(BUILDDIR)/site
	@echo "The site to publish is in $(BUILDDIR)/site (start page: index.html)."

pdf-deps:
	bash .ci/install-system-deps --pdf-only

live: $(VENV)/.installed
	$(VENV)/bin/sphinx-autobuild $(SPHINXFLAGS) --watch extensions --watch conf.py \
	  $(SOURCEDIR) $(BUILDDIR)/html

test: $(VENV)/.installed
	$(pytest) $(PYTEST_ARGS)

# No TeX (PDFs) and no Chromium: what an edit most often breaks, in under two minutes.
test-fast: $(VENV)/.installed
	$(pytest) -m "not tex and not browser" $(PYTEST_ARGS)

# The extension against hand-written Sphinx and plain prose at 10, 50 and 200 chapters (benchmarks/README.md).
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILDDIR)

# Files make might try to remake with the catch-all rule below: they have none.
requirements.txt pyproject.toml: ;

# Any other target is a Sphinx builder (dirhtml, singlehtml, text, man, texinfo,
# xml, gettext, latexpdf...), built as strictly as html.
%: Makefile $(VENV)/.installed
	$(call sphinx,$@,$(BUILDDIR))
