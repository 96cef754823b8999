"""The film's videos: sphinxcontrib-youtube, made offline, lazy and validated.

sphinxcontrib-youtube downloads a thumbnail per video for LaTeX builds
(``env-updated``); offline it writes an empty file and waits on the network.
The guide needs no thumbnail, so that listener is removed.  The HTML iframe
gets ``loading="lazy"`` and a title; in LaTeX the video becomes its URL.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging
from sphinxcontrib.youtube import utils as yt_utils
from sphinxcontrib.youtube import youtube as yt

from studyguide.latex import add_latex_package

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
WATCH_URL = "https://www.youtube.com/watch?v={}"


def watch_url(video_id: str) -> str:
    """The public URL of a YouTube video, as printed and encoded in QR codes."""
    return WATCH_URL.format(video_id)


class YouTube(yt.YouTube):
    """sphinxcontrib-youtube's directive, checking the video id first."""

    def run(self) -> list[nodes.Node]:
        video_id = self.arguments[0]
        if not VIDEO_ID.fullmatch(video_id):
            logger.warning(
                "invalid YouTube video id %r: an id is 11 characters of "
                "A-Z, a-z, 0-9, '_' and '-' (the part after 'v=' in the URL)",
                video_id,
                location=(self.state.document.settings.env.docname, self.lineno),
                type="studyguide",
                subtype="video",
            )
            return []
        return super().run()


def visit_youtube_html(self: HTML5Translator, node: yt.youtube) -> None:
    """The iframe, in privacy mode where asked, lazy-loaded and titled."""
    privacy = "https://www.youtube-nocookie.com/embed/"
    embed = "https://www.youtube.com/embed/"
    node["platform_url"] = embed if node["privacy_mode"] is None else privacy
    yt_utils.visit_video_node_html(
        self,
        node,
        additional_attr={
            "referrerpolicy": "strict-origin-when-cross-origin",
            "loading": "lazy",
            "title": "YouTube video player",
            "allow": "encrypted-media; picture-in-picture; fullscreen",
        },
    )


def visit_youtube_latex(self: LaTeXTranslator, node: yt.youtube) -> None:
    """The video's URL, set off on its own line."""
    url = watch_url(node["id"])
    self.body.append("\n\\sphinxstudyguidevideo{%s}\n" % url)
    raise nodes.SkipNode


def depart_noop(self: object, node: nodes.Node) -> None:
    """Nothing to close."""


def _remove_thumbnail_download(app: Sphinx) -> None:
    for listener in list(app.events.listeners.get("env-updated", [])):
        if listener.handler is yt_utils.download_images:
            app.disconnect(listener.id)


def setup_video(app: Sphinx) -> None:
    """Load sphinxcontrib-youtube and adapt it to an offline, printable guide."""
    app.setup_extension("sphinxcontrib.youtube")
    add_latex_package(app, "sgvideo")
    _remove_thumbnail_download(app)
    app.add_directive("youtube", YouTube, override=True)
    app.add_node(
        yt.youtube,
        override=True,
        html=(visit_youtube_html, depart_noop),
        latex=(visit_youtube_latex, depart_noop),
        epub=(yt_utils.visit_video_node_epub, depart_noop),
        text=(yt_utils.visit_video_node_unsupported, depart_noop),
    )
