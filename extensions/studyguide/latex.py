"""LaTeX support: each component ships a ``.sty`` under ``latex/`` and loads it.

``add_latex_package(app, "sgvideo")`` puts ``latex/sgvideo.sty`` beside the
``.tex`` files of every LaTeX build and loads it in the preamble.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STY_DIR = Path(__file__).parent / "latex"


def _copy_package(name: str, app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(STY_DIR / f"{name}.sty", outdir / f"{name}.sty")


def add_latex_package(app: Sphinx, name: str) -> None:
    """Ship ``latex/<name>.sty`` with LaTeX builds and ``\\usepackage`` it.

    Call it once per package and application (Sphinx itself warns about a
    package added twice): each package has a ``builder-inited`` listener of
    its own, so nothing is kept between calls.
    """
    app.connect("builder-inited", partial(_copy_package, name))
    app.add_latex_package(name)
