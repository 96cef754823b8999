"""The film's videos: sphinxcontrib-youtube, made offline, lazy and validated.

Optional: ``pip install "sphinx-studyguide[video]"`` (sphinxcontrib-youtube,
and segno for the QR codes), then ``extensions = [..., "studyguide.video"]``
or ``studyguide_video = True`` in conf.py.  Without either, the extension
loads no video extension and changes nothing of one a project loads itself.

sphinxcontrib-youtube downloads a thumbnail per video for LaTeX builds
(``env-updated``); offline it writes an empty file and waits on the network.
The guide needs no thumbnail, so that listener is removed.  The HTML iframe
gets ``loading="lazy"`` and a title.  In print a video becomes a QR code (a PNG
made with segno at build time, without network) with its URL beneath; in EPUB
it becomes a link to the video's page; in text, manual pages and info files
the line "Video: URL".  The half that imports sphinxcontrib-youtube is
:mod:`studyguide.youtube`.
"""

from __future__ import annotations

import io
import re
import sys
from typing import TYPE_CHECKING, Any

from studyguide.config import Setting, add_config_values, config_error, config_warning

if TYPE_CHECKING:
    from pathlib import Path

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
WATCH_URL = "https://www.youtube.com/watch?v={}"
#: PNG, not PDF: xdvipdfmx refuses segno's PDF ("Error 256").  Scale 10 printed
#: 2.5 cm wide decodes with zbarimg from a 150 dpi render.
QR_SCALE = 10
EXTENSION = "studyguide.video"


def watch_url(video_id: str) -> str:
    """The public URL of a YouTube video, as printed and encoded in QR codes."""
    return WATCH_URL.format(video_id)


def video_ids(document: nodes.Node) -> list[str]:
    """The ids of the YouTube videos in *document* (none where no video extension is loaded)."""
    module = sys.modules.get("sphinxcontrib.youtube.youtube")
    if module is None:
        return []
    return [str(node["id"]) for node in document.findall(module.youtube)]


def qr_filename(video_id: str) -> str:
    """The QR code's file name: hex, since ``_`` and ``-`` in ids upset TeX."""
    return f"sgqr-{video_id.encode('ascii').hex()}.png"


def write_qr_png(url: str, path: Path) -> None:
    """Write the QR code of *url* as PNG, unless the file already holds it."""
    import segno  # only where a QR code is printed (LaTeX, EPUB): 5 ms to import

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    data = buffer.getvalue()
    # Same bytes, same file: latexmk then sees nothing new to rebuild.
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _inherit_html_visitors(app: Sphinx) -> None:
    """Give the EPUB builder every HTML visitor it has no visitor of its own for.

    Sphinx takes a builder's visitors from its name ("epub") *instead of* its
    format ("html") as soon as one node registers ``epub=``, as
    sphinxcontrib-youtube's nodes do; every other extension node would then be
    unknown in EPUB.

    Sphinx has no public API for this fallback (``app.add_node`` needs each
    node class, which the registry does not keep), so the registry's table is
    completed in place, adding only what is missing.
    """
    handlers = app.registry.translation_handlers
    if app.builder.name in handlers and app.builder.format in handlers:
        own = handlers[app.builder.name]
        for name, visitors in handlers[app.builder.format].items():
            own.setdefault(name, visitors)


def _register(app: Sphinx, config: Config) -> None:
    """``studyguide_video = True``: load the extension ``studyguide.video``."""
    if not config.studyguide_video or EXTENSION in app.extensions:
        return
    try:
        import sphinxcontrib.youtube  # noqa: F401
    except ImportError:
        config_warning(
            "studyguide_video = True needs sphinxcontrib-youtube, which is not installed; "
            'install it with: pip install "sphinx-studyguide[video]"',
            subtype="video",
        )
        return
    app.setup_extension(EXTENSION)


def setup_video(app: Sphinx) -> None:
    """Declare ``studyguide_video``; load the video support where it is asked for."""
    add_config_values(
        app,
        {
            "studyguide_video": Setting(
                False,
                "videos checked, lazy, offline, a QR code in print, a link elsewhere "
                "(loads studyguide.video)",
            ),
        },
    )
    app.connect("config-inited", _register)
    app.connect("builder-inited", _inherit_html_visitors)


def setup(app: Sphinx) -> dict[str, Any]:
    """The extension ``studyguide.video``: sphinxcontrib-youtube, adapted."""
    app.setup_extension("studyguide")
    from studyguide import __version__

    metadata = {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
    try:
        from studyguide import youtube
    except ImportError as exc:
        # An error that names the fix, not a crash report: the build goes on
        # (its videos unknown directives) and fails.
        config_error(
            app,
            "studyguide.video needs sphinxcontrib-youtube and segno (%s); install them with: "
            'pip install "sphinx-studyguide[video]"',
            exc,
        )
        return metadata
    youtube.enable(app)
    return metadata
