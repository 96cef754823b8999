"""Shared fixtures: Sphinx's test fixtures, test roots, tool checks, the real guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from guidetest import ROOT, SUMMARY, latexmk, require_tools, sphinx_build

pytest_plugins = ["sphinx.testing.fixtures"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what tests put in ``guidetest.SUMMARY`` (e.g. the fuzz test's case count)."""
    for line in SUMMARY:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test projects live in ``tests/roots/test-<name>/``."""
    return ROOT / "tests" / "roots"


def _strict_guide_build(factory: pytest.TempPathFactory, builder: str) -> Path:
    """The real guide built once with ``builder``; the build must be warning-free."""
    outdir = factory.mktemp("guide") / builder
    result = sphinx_build(builder, outdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


@pytest.fixture(scope="session")
def guide_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide as HTML."""
    return _strict_guide_build(tmp_path_factory, "html")


@pytest.fixture(scope="session")
def guide_latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's LaTeX sources (no TeX needed)."""
    return _strict_guide_build(tmp_path_factory, "latex")


@pytest.fixture(scope="session")
def guide_pdf(guide_latex: Path) -> Path:
    """The real guide's PDF, made from the LaTeX sources with latexmk."""
    require_tools("xelatex", "latexmk", "pdftotext")
    latexmk(guide_latex)
    pdfs = [p for p in guide_latex.glob("*.pdf")]
    assert pdfs, "latexmk made no PDF"
    return guide_latex / "battle-of-chile.pdf"
