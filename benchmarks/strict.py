"""The benchmarks' strict ``sphinx-build`` command (the Makefile's flags) and set-up."""

from __future__ import annotations

import compileall
import sys
from pathlib import Path

STRICT = ("-n", "-W", "--keep-going")
EXTENSIONS = Path(__file__).resolve().parent.parent / "extensions"


def cache_bytecode() -> None:
    """Write the extension's bytecode before any build is timed.

    Sphinx and the other installed packages were compiled when pip installed
    them; the extension runs from its source folder, and where
    ``PYTHONDONTWRITEBYTECODE`` is set (as on this project's CI machines) every
    timed build would compile its modules again (about 0.04 s).
    """
    compileall.compile_dir(EXTENSIONS, quiet=1)


def sphinx_command(
    srcdir: Path, outdir: Path, *extra: str, confdir: Path | None = None
) -> list[str]:
    """``python -m sphinx -b html [-c CONFDIR] -n -W --keep-going EXTRA SRCDIR OUTDIR``."""
    conf = ["-c", str(confdir)] if confdir else []
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        *conf,
        *STRICT,
        *extra,
        str(srcdir),
        str(outdir),
    ]
