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

.PHONY: help html pdf pdf-deps live clean test venv

help:
	@echo "make html       build the web guide in $(BUILDDIR)/html"
	@echo "make pdf        build the printable guide in $(BUILDDIR)/latex (needs TeX: make pdf-deps)"
	@echo "make live       serve the guide and rebuild it on every change"
	@echo "make test       run the tests"
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

pdf: $(VENV)/.installed
	@command -v latexmk >/dev/null 2>&1 && command -v xelatex >/dev/null 2>&1 || \
	  { echo "make pdf: TeX is missing (xelatex and latexmk); run 'make pdf-deps' to install it" >&2; exit 2; }
	$(call sphinx,latexpdf,$(BUILDDIR))

pdf-deps:
	bash .ci/install-system-deps --pdf-only

live: $(VENV)/.installed
	$(VENV)/bin/sphinx-autobuild $(SPHINXFLAGS) --watch extensions --watch conf.py \
	  $(SOURCEDIR) $(BUILDDIR)/html

test: $(VENV)/.installed
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(BUILDDIR)
