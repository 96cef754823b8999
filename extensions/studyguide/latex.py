"""LaTeX support: ships ``sphinxstudyguide.sty`` and loads it in the preamble."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STY = Path(__file__).parent / "latex" / "sphinxstudyguide.sty"


def copy_sty(app: Sphinx) -> None:
    """Put the package beside the ``.tex`` files of a LaTeX build."""
    if app.builder.format == "latex":
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STY, Path(app.outdir) / STY.name)


def setup_latex(app: Sphinx) -> None:
    """Load the guide's LaTeX package in every LaTeX document."""
    app.add_latex_package("sphinxstudyguide")
    app.connect("builder-inited", copy_sty)
