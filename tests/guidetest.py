"""Helpers shared by every test module: paths, tool checks, strict builds, PDF text.

A plain module (not ``conftest``), so that tests in sub-folders import the same
helpers by the same name.  Test projects are built in-process with
``sphinx.testing`` (the ``app``/``make_app`` fixtures, or :func:`build`);
:func:`sphinx_build` runs the command line where a test is about the command
line itself or the real guide.  :func:`built_once` shares an expensive build
between pytest-xdist workers.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

if TYPE_CHECKING:
    from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "extensions") not in sys.path:
    sys.path.insert(0, str(ROOT / "extensions"))

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ROOTS = ROOT / "tests" / "roots"


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
    source.write_text(source.read_text(encoding="utf-8") + edit, encoding="utf-8")
    later = time.time() + 5
    os.utime(source, (later, later))
    written: list[str] = []
    app = build(
        source.parent,
        connect={"html-page-context": lambda app, name, *args: written.append(name)},
    )
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


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by relative path."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# -- Test projects, built in-process -------------------------------------------------


def copy_root(name: str, destination: Path) -> Path:
    """A copy of ``tests/roots/test-<name>`` in ``destination/src``, to build or edit."""
    srcdir = destination / "src"
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def build(
    srcdir: Path,
    builder: str = "html",
    *,
    connect: Mapping[str, Callable[..., object]] | None = None,
    **kwargs: object,
) -> SphinxTestApp:
    """Build a project with ``sphinx.testing``; clean up at once, so builds can follow.

    ``connect`` maps events to listeners connected before the build; ``kwargs``
    go to ``SphinxTestApp`` (``confoverrides``, ``builddir``, ``parallel``...).
    """
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **kwargs)  # type: ignore[arg-type]
    try:
        for event, listener in (connect or {}).items():
            app.connect(event, listener)
        app.build()
    finally:
        app.cleanup()
    return app


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def messages(app: SphinxTestApp) -> list[str]:
    """The build's warnings and errors, one per line, colour removed, paths made relative."""
    text = _COLOUR.sub("", app.warning.getvalue())
    src = str(app.srcdir)
    text = text.replace(src + os.sep, "").replace(src + "/", "")
    return [line for line in text.splitlines() if line.strip()]


def assert_no_warnings(app: SphinxTestApp) -> None:
    assert app.warning.getvalue() == "", app.warning.getvalue()


def soup(app: SphinxTestApp | Path, page: str) -> BeautifulSoup:
    """A built page (``name.html`` or any file of the output) parsed with BeautifulSoup."""
    outdir = Path(app if isinstance(app, Path) else app.outdir)
    return BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")


# -- Builds shared between pytest-xdist workers ------------------------------------


def shared_root(factory: pytest.TempPathFactory) -> Path:
    """The temporary directory every worker of this run sees (its own without xdist)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``make(outdir)`` once per test run, whichever worker asks first; the others wait.

    A failed build fails every test that needs it, with the first worker's
    message; a skip (a missing tool) is not recorded, so each worker skips itself.
    """
    root = shared_root(factory)
    outdir = root / "shared" / name
    outdir.parent.mkdir(parents=True, exist_ok=True)
    done, failed = outdir.with_suffix(".done"), outdir.with_suffix(".failed")
    with _locked(outdir.with_suffix(".lock")):
        if failed.exists():
            pytest.fail(f"the shared build {name} failed:\n{failed.read_text(encoding='utf-8')}")
        if not done.exists():
            try:
                make(outdir)
            except (Exception, pytest.fail.Exception) as error:
                failed.write_text(str(error), encoding="utf-8")
                raise
            done.touch()
    return outdir
