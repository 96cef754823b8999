"""Helpers shared by every test module: paths, tool checks, strict builds, PDF text.

A plain module (not ``conftest``), so that tests in sub-folders import the same
helpers by the same name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "extensions") not in sys.path:
    sys.path.insert(0, str(ROOT / "extensions"))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_tools(*tools: str) -> None:
    """Skip when a command-line tool is missing; in CI, fail instead."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if not missing:
        return
    message = f"missing {', '.join(missing)} (install with: bash .ci/install-system-deps)"
    if IN_CI:
        pytest.fail(f"CI must have every tool: {message}")
    pytest.skip(message)


def sphinx_build(
    builder: str,
    outdir: Path,
    *extra: str,
    srcdir: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``sphinx-build -n -W --keep-going`` in a subprocess.

    Without ``srcdir``: the real guide (``docs/`` with the top-level conf.py);
    with it, a test project and its own conf.py.  The extension is importable
    and colour is off; ``env`` adds variables (SOURCE_DATE_EPOCH, ...).
    """
    conf = [] if srcdir else ["-c", str(ROOT)]
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, *conf, "-n", "-W", "--keep-going"]
    cmd += [*extra, str(srcdir or ROOT / "docs"), str(outdir)]
    variables = dict(os.environ, NO_COLOR="1", **(env or {}))
    variables["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "extensions"), os.environ.get("PYTHONPATH")])
    )
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=variables, check=False)


def pdf_text(pdf: Path, *args: str) -> str:
    """The text of a PDF, as poppler's pdftotext reads it."""
    require_tools("pdftotext")
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def written_after_edit(source: Path, edit: str) -> list[str]:
    """Append *edit* to a source file of a test project, build it again (it was
    built before), and return the documents Sphinx wrote, besides genindex and search."""
    from sphinx.testing.util import SphinxTestApp

    source.write_text(source.read_text(encoding="utf-8") + edit, encoding="utf-8")
    later = time.time() + 5
    os.utime(source, (later, later))
    written: list[str] = []
    app = SphinxTestApp("html", srcdir=source.parent, status=StringIO(), warning=StringIO())
    try:
        app.connect("html-page-context", lambda app, name, *args: written.append(name))
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return sorted(name for name in written if name not in {"genindex", "search"})


def latexmk(outdir: Path | str, target: str = "all-pdf") -> None:
    """Make the PDFs of a LaTeX build with its own Makefile (latexmk), stopping at
    the first TeX error; skip without TeX (fail in CI)."""
    require_tools("xelatex", "latexmk")
    result = subprocess.run(
        ["make", "-C", str(outdir), target, "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


#: Lines for the end of the test run (conftest's terminal summary): counts of
#: generated cases, so that a normal ``make test`` shows them.
SUMMARY: list[str] = []
