"""The strict ``sphinx-build`` command the benchmarks run (the Makefile's flags)."""

from __future__ import annotations

import sys
from pathlib import Path

STRICT = ("-n", "-W", "--keep-going")


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
