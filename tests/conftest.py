"""Shared fixtures: Sphinx's test fixtures, test roots, tool checks, the real guide.

The real guide's builds are session fixtures built once per test run, also under
pytest-xdist (``make test`` runs ``-n auto``): the first worker to ask builds,
the others wait for it and read the same directory (:func:`guidetest.built_once`).
A module's tests run on one worker (``--dist loadscope``), so a module-scoped
build is made once too.  (Not ``--dist loadgroup``: with pytest 9.2 it
distributes as if no test had a group, pytest-dev/pytest-xdist#1386.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from guidetest import (
    ROOT,
    ROOTS,
    SUMMARY,
    built_once,
    latexmk,
    require_tools,
    sphinx_build,
    tree_hashes,
)

pytest_plugins = ["sphinx.testing.fixtures"]

BROWSER_TESTS = ROOT / "tests" / "browser"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what tests put in ``guidetest.SUMMARY`` (e.g. the fuzz test's case count)."""
    for line in SUMMARY:
        terminalreporter.write_line(line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark what needs TeX or Chromium (``make test-fast`` leaves it out) even where
    a module forgot."""
    for item in items:
        if "guide_pdf" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.tex)
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test projects live in ``tests/roots/test-<name>/``."""
    return ROOTS


def _strict_guide_build(
    factory: pytest.TempPathFactory, name: str, builder: str, *extra: str
) -> Path:
    """The real guide built once per run with ``builder``; the build must be
    warning-free.  ``docs/`` before and after go to ``<name>.docs.json``."""

    def make(outdir: Path) -> None:
        before = tree_hashes(ROOT / "docs")
        result = sphinx_build(builder, outdir, *extra)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr, result.stderr
        after = tree_hashes(ROOT / "docs")
        outdir.with_suffix(".docs.json").write_text(
            json.dumps({"before": before, "after": after, "stderr": result.stderr}),
            encoding="utf-8",
        )

    return built_once(factory, name, make)


@pytest.fixture(scope="session")
def guide_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide as HTML."""
    return _strict_guide_build(tmp_path_factory, "guide-html", "html")


@pytest.fixture(scope="session")
def guide_latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's LaTeX sources (no TeX needed)."""
    return _strict_guide_build(tmp_path_factory, "guide-latex", "latex")


@pytest.fixture(scope="session")
def guide_epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide as EPUB (doctrees apart: in the EPUB's directory they would be packed)."""
    doctrees = tmp_path_factory.mktemp("guide-epub-doctrees")
    return _strict_guide_build(tmp_path_factory, "guide-epub", "epub", "-d", str(doctrees))


@pytest.fixture(scope="session")
def guide_facilitator_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's facilitator edition as HTML."""
    return _strict_guide_build(
        tmp_path_factory, "guide-facilitator-html", "html", "-t", "facilitator"
    )


@pytest.fixture(scope="session")
def guide_pdf(guide_latex: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's PDF, made from the LaTeX sources with latexmk (once per run)."""
    require_tools("xelatex", "latexmk", "pdftotext")

    def make(outdir: Path) -> None:
        latexmk(guide_latex)
        assert list(guide_latex.glob("*.pdf")), "latexmk made no PDF"
        outdir.mkdir()

    built_once(tmp_path_factory, "guide-pdf", make)
    return guide_latex / "battle-of-chile.pdf"
