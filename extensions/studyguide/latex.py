"""LaTeX support: each component ships a ``.sty`` under ``latex/`` and loads it.

``add_latex_package(app, "sgvideo")`` puts ``latex/sgvideo.sty`` beside the
``.tex`` files of every LaTeX build and loads it in the preamble.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

STY_DIR = Path(__file__).parent / "latex"


def _copy_packages(app: Sphinx) -> None:
    if app.builder.format != "latex":
        return
    outdir = Path(app.outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    for name in app.registry.studyguide_latex_packages:  # type: ignore[attr-defined]
        shutil.copyfile(STY_DIR / f"{name}.sty", outdir / f"{name}.sty")


def add_latex_package(app: Sphinx, name: str) -> None:
    """Ship ``latex/<name>.sty`` with LaTeX builds and ``\\usepackage`` it."""
    packages: list[str] = getattr(app.registry, "studyguide_latex_packages", [])
    if not packages:
        app.registry.studyguide_latex_packages = packages  # type: ignore[attr-defined]
        app.connect("builder-inited", _copy_packages)
    if name not in packages:
        packages.append(name)
        app.add_latex_package(name)
