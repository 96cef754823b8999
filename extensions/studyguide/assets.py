"""The extension's own CSS and JavaScript, served from its ``static`` folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC_DIR = Path(__file__).parent / "static"


def _append_static_dir(app: Sphinx, config: Config) -> None:
    static = str(STATIC_DIR)
    if static not in config.html_static_path:
        config.html_static_path.append(static)


def add_static_dir(app: Sphinx) -> None:
    """Put the static folder on ``html_static_path`` (any component may ask; once is done).

    On ``config-inited``, before Sphinx compares the configuration with the
    last build's: added later, it would read as a changed setting every build.
    """
    app.connect("config-inited", _append_static_dir)
