"""Shared fixtures: Sphinx's test fixtures, test roots, tool checks, the real guide."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "extensions"))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Test projects live in ``tests/roots/test-<name>/``."""
    return ROOT / "tests" / "roots"


def require_tools(*tools: str) -> None:
    """Skip when a command-line tool is missing; in CI, fail instead."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"missing {', '.join(missing)} (install with: bash .ci/install-system-deps)"
    if IN_CI:
        pytest.fail(f"CI must have every tool: {message}")
    pytest.skip(message)


def sphinx_build(builder: str, outdir: Path, *extra: str, srcdir: Path | None = None,
                 confdir: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build`` strictly on the guide (or a copy of it)."""
    cmd = [
        sys.executable, "-m", "sphinx", "-b", builder,
        "-c", str(confdir or ROOT), "-n", "-W", "--keep-going",
        *extra, str(srcdir or ROOT / "docs"), str(outdir),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture(scope="session")
def guide_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide, built once as HTML; the build must be warning-free."""
    outdir = tmp_path_factory.mktemp("guide") / "html"
    result = sphinx_build("html", outdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


@pytest.fixture(scope="session")
def guide_latex(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real guide's LaTeX sources (no TeX needed)."""
    outdir = tmp_path_factory.mktemp("guide") / "latex"
    result = sphinx_build("latex", outdir)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return outdir


@pytest.fixture(scope="session")
def guide_pdf(guide_latex: Path) -> Path:
    """The real guide's PDF, made from the LaTeX sources with latexmk."""
    require_tools("xelatex", "latexmk", "pdftotext")
    result = subprocess.run(
        ["make", "-C", str(guide_latex), "all-pdf", "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    pdfs = [p for p in guide_latex.glob("*.pdf")]
    assert pdfs, "latexmk made no PDF"
    return guide_latex / "battle-of-chile.pdf"


def pdf_text(pdf: Path, *args: str) -> str:
    """The text of a PDF, as poppler's pdftotext reads it."""
    require_tools("pdftotext")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
