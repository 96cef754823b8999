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
# Paper of the printed guide: a4 (default) or letter (make pdf PAPER=letter).
PAPER       ?= a4

.PHONY: help html pdf epub pdf-deps live clean test venv bench facilitator handouts

help:
	@echo "make html       build the web guide in $(BUILDDIR)/html"
	@echo "make pdf        build the printable guide in $(BUILDDIR)/latex (needs TeX: make pdf-deps)"
	@echo "                (A4; US letter: make pdf PAPER=letter)"
	@echo "make epub       build the e-reader edition in $(BUILDDIR)/epub"
	@echo "make facilitator  the facilitator edition (HTML and PDF) in $(BUILDDIR)/facilitator"
	@echo "make handouts   one printable PDF per session in $(BUILDDIR)/handouts"
	@echo "make live       serve the guide and rebuild it on every change"
	@echo "make test       run the tests"
	@echo "make bench      time the build on synthetic guides (BENCH_ARGS=--quick: a smoke run)"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "make pdf-deps   install TeX Live, latexmk, fonts and poppler (Debian/Ubuntu, apt-get)"

$(VENV)/.installed: requirements.txt
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
	@# Lines that run into the margin fail the build, as warnings do.
	PYTHONPATH=extensions $(VENV)/bin/python -c \
	  'import sys; from studyguide.book import main; sys.exit(main(sys.argv[1:]))' \
	  $(BUILDDIR)/latex/battle-of-chile.log

epub: $(VENV)/.installed
	$(call sphinx,epub,$(BUILDDIR))

# The facilitator edition: the guide with the facilitator notes (tag
# "facilitator"), HTML and PDF, in its own build directory.
facilitator: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
facilitator: $(VENV)/.installed
	$(call sphinx,html,$(BUILDDIR)/facilitator) -t facilitator
	$(call sphinx,latexpdf,$(BUILDDIR)/facilitator) -t facilitator

# One A4 handout per session (docs/handouts/), in both editions:
# $(BUILDDIR)/handouts/session-N.pdf and session-N-facilitator.pdf.
handouts: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
handouts: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/participant) -t handouts
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/facilitator) -t handouts -t facilitator
	cp $(BUILDDIR)/handouts/participant/latex/session-*.pdf \
	   $(BUILDDIR)/handouts/facilitator/latex/session-*-facilitator.pdf $(BUILDDIR)/handouts/

pdf-deps:
	bash .ci/install-system-deps --pdf-only

live: $(VENV)/.installed
	$(VENV)/bin/sphinx-autobuild $(SPHINXFLAGS) --watch extensions --watch conf.py \
	  $(SOURCEDIR) $(BUILDDIR)/html

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The extension against hand-written Sphinx and plain prose at 10, 50 and 200 chapters (benchmarks/README.md).
BENCH_ARGS ?=
bench: $(VENV)/.installed
	$(VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(BUILDDIR)
