# The study guide's build.  `make html` and `make test` set everything up on
# first use (a virtual environment in .venv: requirements.txt builds the guide,
# requirements-test.txt adds the test tools and includes it).
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

.PHONY: help html pdf epub pdf-deps live clean test test-fast venv bench facilitator handouts runsheets cards site site-facilitator extension-docs schema Makefile

help:
	@echo "make html       build the web guide in $(BUILDDIR)/html"
	@echo "make pdf        build the printable guide in $(BUILDDIR)/latex (needs TeX: make pdf-deps)"
	@echo "                (A4; US letter: make pdf PAPER=letter)"
	@echo "make epub       build the e-reader edition in $(BUILDDIR)/epub"
	@echo "make facilitator  the facilitator edition (HTML and PDF) in $(BUILDDIR)/facilitator"
	@echo "make handouts   one printable PDF per session in $(BUILDDIR)/handouts, and"
	@echo "                each session's invitation, $(BUILDDIR)/handouts/invitation-N.pdf"
	@echo "make runsheets  the facilitator's run sheet of each session, $(BUILDDIR)/runsheets/session-N.pdf"
	@echo "                (clock times from 19:00; another start: make runsheets START=18:30)"
	@echo "make cards      each session's questions on A6 cards, four to an A4 sheet:"
	@echo "                $(BUILDDIR)/cards/session-N.pdf, and session-N-facilitator.pdf (notes on the backs)"
	@echo "make site       the site to publish, in $(BUILDDIR)/site: the web guide with"
	@echo "                the PDF, the EPUB and the handouts as downloads (needs TeX)"
	@echo "make site-facilitator  the facilitator's site, in $(BUILDDIR)/site-facilitator:"
	@echo "                the facilitator web edition with its PDF, EPUB and handouts (needs TeX)"
	@echo "make extension-docs  the extension's documentation in $(BUILDDIR)/extension-docs"
	@echo "make schema     the glossary's JSON Schema for conf.py's categories, $(BUILDDIR)/glossary.schema.json"
	@echo "make live       serve the guide and rebuild it on every change"
	@echo "make test       run the tests (on every core)"
	@echo "make test-fast  the tests without TeX and without the browser, for the edit loop"
	@echo "make bench      time the build on synthetic guides (BENCH_ARGS=--quick: a smoke run)"
	@echo "make clean      remove $(BUILDDIR)"
	@echo "make pdf-deps   install TeX Live, latexmk, fonts and poppler (Debian/Ubuntu, apt-get)"
	@echo "make BUILDER    any other Sphinx builder, strict (dirhtml, singlehtml, text, man,"
	@echo "                texinfo, xml, gettext, latexpdf...), in $(BUILDDIR)/BUILDER"

$(VENV)/.installed: requirements.txt requirements-test.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (found %s)" % sys.version.split()[0])'
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
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
# $(BUILDDIR)/handouts/session-N.pdf and session-N-facilitator.pdf; and the
# invitation of each session, a page of its own: invitation-N.pdf.
handouts: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
handouts: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/participant) -t handouts
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/facilitator) -t handouts -t facilitator
	$(call checklogs,$(BUILDDIR)/handouts/participant/latex/*.log \
	  $(BUILDDIR)/handouts/facilitator/latex/*.log)
	cp $(BUILDDIR)/handouts/participant/latex/session-*.pdf \
	   $(BUILDDIR)/handouts/participant/latex/invitation-*.pdf \
	   $(BUILDDIR)/handouts/facilitator/latex/session-*-facilitator.pdf $(BUILDDIR)/handouts/

# The facilitator's run sheet of each session (docs/runsheets/, facilitator
# edition only): $(BUILDDIR)/runsheets/session-N.pdf.  START=18:30 sets the
# clock of every sheet (studyguide_session_start); without it, each sheet's
# own :start: (19:00).
START       ?=
runsheets: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
runsheets: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/runsheets/build) -t runsheets -t facilitator \
	  $(if $(START),-D studyguide_session_start=$(START))
	$(call checklogs,$(BUILDDIR)/runsheets/build/latex/*.log)
	for pdf in $(BUILDDIR)/runsheets/build/latex/runsheet-*-facilitator.pdf; do \
	  n=$${pdf##*/runsheet-}; cp "$$pdf" $(BUILDDIR)/runsheets/session-$${n%-facilitator.pdf}.pdf; \
	done

# Question cards (docs/cards/): each question of a session on an A6 card,
# four to an A4 sheet with cut marks: $(BUILDDIR)/cards/session-N.pdf, and
# session-N-facilitator.pdf with each note on the back of its card (print
# both sides, flip on the long edge).
cards: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
cards: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/cards/participant) -t cards
	$(call sphinx,latexpdf,$(BUILDDIR)/cards/facilitator) -t cards -t facilitator
	$(call checklogs,$(BUILDDIR)/cards/participant/latex/*.log \
	  $(BUILDDIR)/cards/facilitator/latex/*.log)
	for pdf in $(BUILDDIR)/cards/participant/latex/cards-*.pdf \
	           $(BUILDDIR)/cards/facilitator/latex/cards-*-facilitator.pdf; do \
	  name=$${pdf##*/cards-}; cp "$$pdf" $(BUILDDIR)/cards/session-$$name; \
	done

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
	$(SPHINXBUILD) -b html -E $(STRICT) -d $(BUILDDIR)/doctrees-extension-docs extensions/docs $(BUILDDIR)/site/extension
	@echo "The site to publish is in $(BUILDDIR)/site (start page: index.html)."

# The facilitator's site: the facilitator web edition (with the notes) and its
# own downloads, built first: the facilitator PDF, the facilitator EPUB, the
# facilitator handouts, the run sheets and the question cards (built before
# the web pages, so that they link the files).  In $(BUILDDIR)/site-facilitator.
site-facilitator: export LATEXMKOPTS = -interaction=nonstopmode -halt-on-error
site-facilitator: $(VENV)/.installed
	$(call sphinx,latexpdf,$(BUILDDIR)/facilitator) -t facilitator -D studyguide_paper=$(PAPER)
	$(call checklogs,$(BUILDDIR)/facilitator/latex/*.log)
	$(call sphinx,epub,$(BUILDDIR)/facilitator) -t facilitator
	$(call sphinx,latexpdf,$(BUILDDIR)/handouts/facilitator) -t handouts -t facilitator
	$(call checklogs,$(BUILDDIR)/handouts/facilitator/latex/*.log)
	mkdir -p $(BUILDDIR)/handouts
	cp $(BUILDDIR)/handouts/facilitator/latex/session-*-facilitator.pdf $(BUILDDIR)/handouts/
	$(MAKE) runsheets cards
	$(SPHINXBUILD) -b html -E -t facilitator -d $(BUILDDIR)/doctrees-site-facilitator \
	  $(SPHINXFLAGS) $(SOURCEDIR) $(BUILDDIR)/site-facilitator
	@echo "The facilitator's site is in $(BUILDDIR)/site-facilitator (start page: index.html)."

# The extension's own documentation (extensions/docs/, a Sphinx project of its
# own; make site publishes it under extension/).
extension-docs: $(VENV)/.installed
	$(SPHINXBUILD) -b html $(STRICT) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-extension-docs \
	  extensions/docs $(BUILDDIR)/extension-docs

# The JSON Schema of docs/glossary.yaml for the categories conf.py sets (for editors).
schema: $(VENV)/.installed
	PYTHONPATH=extensions $(VENV)/bin/python -m studyguide schema . -o $(BUILDDIR)/glossary.schema.json

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
requirements.txt requirements-test.txt pyproject.toml: ;

# Any other target is a Sphinx builder (dirhtml, singlehtml, text, man, texinfo,
# xml, gettext, latexpdf...), built as strictly as html.
%: Makefile $(VENV)/.installed
	$(call sphinx,$@,$(BUILDDIR))
