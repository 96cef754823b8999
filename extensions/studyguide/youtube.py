"""The videos' half that needs sphinxcontrib-youtube (the extra ``[video]``).

Imported only where a project asks for videos (``studyguide.video`` in
``extensions``, or ``studyguide_video = True``): see :mod:`studyguide.video`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.texescape import escape as tex_escape
from sphinxcontrib.youtube import utils as yt_utils
from sphinxcontrib.youtube import youtube as yt

from studyguide._compat import disconnect_handler
from studyguide.config import work_words
from studyguide.i18n import _
from studyguide.latex import add_latex_package
from studyguide.video import VIDEO_ID, qr_filename, watch_url, write_qr_png

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator
    from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)


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
        try:
            return super().run()
        except ValueError as exc:  # sphinxcontrib-youtube's check of :width:, :aspect:...
            logger.warning(
                "youtube %s: %s; write e.g. ':width: 100%%' or ':width: 560px', "
                "':aspect: 16:9', ':align: center'",
                video_id,
                exc,
                location=(self.state.document.settings.env.docname, self.lineno),
                type="studyguide",
                subtype="video",
            )
            return []


def visit_youtube_html(self: HTML5Translator, node: yt.youtube) -> None:
    """The iframe, in privacy mode where asked, lazy-loaded and titled by its part.

    A caption names the part and links to the video's page, which also serves
    a reader offline or with embedded video blocked.
    """
    privacy = "https://www.youtube-nocookie.com/embed/"
    embed = "https://www.youtube.com/embed/"
    node["platform_url"] = embed if node["privacy_mode"] is None else privacy
    env = self.builder.env
    docname = self.builder.current_docname
    part = env.titles[docname].astext() if docname in env.titles else env.config.project
    self.body.append('<figure class="studyguide-video">\n')
    start = len(self.body)
    yt_utils.visit_video_node_html(
        self,
        node,
        additional_attr={
            "referrerpolicy": "strict-origin-when-cross-origin",
            "loading": "lazy",
            "title": _("Video: %s") % part,
            "allow": "encrypted-media; picture-in-picture; fullscreen",
        },
    )
    # A boolean attribute has no value: allowfullscreen="true" is invalid HTML.
    for index in range(start, len(self.body)):
        self.body[index] = self.body[index].replace(' allowfullscreen="true"', " allowfullscreen")
    url = watch_url(node["id"])
    self.body.append(
        f"<figcaption>{self.encode(part)}: "
        f'<a class="reference external" href="{url}">'
        f"{self.encode(_('watch it on YouTube'))}</a></figcaption>\n</figure>\n"
    )


def visit_youtube_latex(self: LaTeXTranslator, node: yt.youtube) -> None:
    """A QR code of the video's URL, the URL beneath it, kept on one page."""
    url = watch_url(node["id"])
    filename = qr_filename(node["id"])
    write_qr_png(url, Path(self.builder.outdir) / filename)
    label = tex_escape(work_words(self.config).video, self.config.latex_engine)
    self.body.append(f"\n\\sphinxstudyguidevideo{{{url}}}{{{filename}}}{{{label}}}\n")
    raise nodes.SkipNode


class VideoAsLink(SphinxPostTransform):
    """Where no video plays (text, manual page, info file): "Video: URL"."""

    default_priority = 200
    builders: tuple[str, ...] = ("text", "man", "texinfo")
    classes: tuple[str, ...] = ()

    def label(self) -> str:
        return str(_("Video"))

    def run(self, **kwargs: object) -> None:
        label = self.label()
        for video in list(self.document.findall(yt.youtube)):
            url = watch_url(video["id"])
            paragraph = nodes.paragraph("", f"{label}: ", nodes.reference(url, url, refuri=url))
            paragraph["classes"].extend(self.classes)
            paragraph.source, paragraph.line = video.source, video.line
            video.replace_self(paragraph)


class VideoAsLinkEpub(VideoAsLink):
    """EPUB: e-readers play no embedded video; a link to the video's page."""

    builders = ("epub",)
    classes = ("studyguide-video",)

    def label(self) -> str:
        return work_words(self.config).video


def depart_noop(self: object, node: nodes.Node) -> None:
    """Nothing to close."""


def _remove_thumbnail_download(app: Sphinx) -> None:
    # sphinxcontrib-youtube downloads a thumbnail per video for LaTeX: no network.
    disconnect_handler(app, "env-updated", yt_utils.download_images)


def enable(app: Sphinx) -> None:
    """Load sphinxcontrib-youtube and adapt it (once per application)."""
    app.setup_extension("sphinxcontrib.youtube")
    add_latex_package(app, "sgvideo")
    _remove_thumbnail_download(app)
    app.add_post_transform(VideoAsLink)
    app.add_post_transform(VideoAsLinkEpub)
    app.add_directive("youtube", YouTube, override=True)
    app.add_node(
        yt.youtube,
        override=True,
        html=(visit_youtube_html, depart_noop),
        latex=(visit_youtube_latex, depart_noop),
    )
