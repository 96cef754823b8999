"""Downloads: the built PDF, EPUB and handouts, linked from the web guide.

``studyguide_downloads`` names the files another build makes, each with the
label of its link::

    studyguide_downloads = {
        "guide-pdf": ("The guide, to print (PDF, A4)", "latex/battle-of-chile.pdf"),
        "session-1": ("Handout of session 1 (PDF)", "handouts/session-1.pdf"),
    }

A path is relative to the build directory, the folder that holds this build's
output folder (``_build`` for ``_build/html``, as ``sphinx-build -M`` lays it
out), and must stay inside it: an absolute path, ``..`` or a symbolic link
that leads out of it is refused with a warning, so that nothing but built
files is ever copied into the published site.

``{studyguide-downloads}`` lists them (``{studyguide-downloads} session-1``: the
named ones only; option ``:heading:`` and the directive's content come before
the list) as Sphinx downloads, so the HTML builder copies the files into
``_downloads/`` and they travel with the site.  Files that do not exist (a
plain ``make html`` on a machine without TeX) are left out, without a warning,
and the list says instead how to get them: ``studyguide_downloads_note``, parsed
as the page's markup, once per page.  A page whose files were missing is read
again as soon as one appears.  Builders that cannot link a download (EPUB,
LaTeX, text) print nothing of it, heading and text included.

Warnings (``type="studyguide"``, subtype ``downloads``): a ``studyguide_downloads``
entry that is not ``name: (label, path)`` or whose path leaves the build
directory, a name the directive does not know.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from studyguide.config import Setting, add_config_values, config_warning
from studyguide.docdomain import PerDocument, PerDocumentDomain
from studyguide.i18n import _
from studyguide.visitors import SKIP, Visitors, register_nodes

if TYPE_CHECKING:
    from collections.abc import Iterable, Set

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

DOMAIN = "sgdownloads"


class downloads(nodes.General, nodes.Element):
    """A list of downloads and/or the note saying where to get them."""


class downloads_note(nodes.General, nodes.Element):
    """The note shown in place of downloads that are missing (once a page)."""


# -- Configuration ----------------------------------------------------------------


def _check_config(app: Sphinx, config: Config) -> None:
    entries = config.studyguide_downloads
    valid = isinstance(entries, dict) and all(
        isinstance(name, str)
        and isinstance(value, (tuple, list))
        and len(value) == 2
        and all(isinstance(part, str) and part for part in value)
        for name, value in entries.items()
    )
    if not valid:
        config_warning(
            "studyguide_downloads must map names to (label, path) pairs of strings, "
            'e.g. {"guide-pdf": ("The guide (PDF)", "latex/guide.pdf")}; '
            "no downloads are listed",
            subtype="downloads",
        )
        config.studyguide_downloads = {}
        return
    build_dir = Path(app.outdir).resolve().parent
    for name, (_label, path) in list(entries.items()):
        if inside_build_dir(build_dir, path) is None:
            config_warning(
                "studyguide_downloads[%r]: the path %r leaves the build directory (an "
                "absolute path, '..' or a symbolic link pointing out); give a path inside "
                "it, relative to it, e.g. 'latex/guide.pdf'; %r is not listed",
                name,
                path,
                name,
                subtype="downloads",
            )
            del entries[name]


def inside_build_dir(build_dir: Path, path: str) -> Path | None:
    """*path* (relative to *build_dir*) resolved, if it stays inside *build_dir*, else None.

    Symbolic links are followed: a link in the build directory to a file
    outside it is outside.  Only built files are published: nothing else of
    the machine reaches ``_downloads/``.
    """
    if Path(path).is_absolute() or "\0" in path:
        return None
    try:
        resolved = (build_dir / path).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a bad name
        return None
    return resolved if resolved.is_relative_to(build_dir) and resolved != build_dir else None


# -- The domain: which files each page expected, and whether they existed ----------------


class DownloadsDomain(PerDocumentDomain):
    """The downloads each document lists, and which of them existed when it was read."""

    name = DOMAIN
    label = "studyguide downloads"
    #: The folder that holds this build's output folder (``_build`` for
    #: ``_build/html``), where the paths of ``studyguide_downloads`` start.
    build_dir: Path = Path()
    #: docname -> {absolute path of a listed file: whether it existed when read}
    files = PerDocument[dict[str, bool]]()

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]
) -> Iterable[str]:
    """Documents whose missing downloads exist now (present ones are Sphinx dependencies)."""
    domain: DownloadsDomain = env.domains[DOMAIN]  # type: ignore[assignment]
    return [
        docname
        for docname, files in domain.files.items()
        if docname not in removed
        and any(not existed and Path(path).is_file() for path, existed in files.items())
    ]


# -- The directive ---------------------------------------------------------------------


class Downloads(SphinxDirective):
    """``studyguide-downloads [NAME ...]``: links to the built files that exist."""

    optional_arguments = 20
    final_argument_whitespace = False
    #: ``:heading:`` a heading (a level-2 rubric, not a section, so that builders
    #: without downloads print nothing); the content: text before the list.
    option_spec: ClassVar[dict[str, Any]] = {"heading": directives.unchanged_required}
    has_content = True

    def run(self) -> list[nodes.Node]:
        entries: dict[str, tuple[str, str]] = self.config.studyguide_downloads
        names = self.arguments or list(entries)
        unknown = [name for name in names if name not in entries]
        if unknown:
            logger.warning(
                "%s: unknown download %s; the names in studyguide_downloads are: %s",
                self.name,
                ", ".join(map(repr, unknown)),
                ", ".join(entries) or "(none)",
                location=(self.env.docname, self.lineno),
                type="studyguide",
                subtype="downloads",
            )
        domain: DownloadsDomain = self.env.domains[DOMAIN]  # type: ignore[assignment]
        seen = domain.files.setdefault(self.env.docname, {})
        docdir = Path(self.env.doc2path(self.env.docname)).parent
        node = downloads(classes=["sg-downloads"])
        self.set_source_info(node)
        if self.options.get("heading"):
            heading = self.options["heading"]
            node += nodes.rubric(heading, heading, **{"heading-level": 2})
        if self.content:
            node.extend(self.parse_content_to_nodes())
        items = nodes.bullet_list()
        missing = False
        for name in names:
            if name not in entries:
                continue
            label, path = entries[name]
            # Checked again: a link may have been made since the configuration was read.
            file = inside_build_dir(domain.build_dir, path)
            if file is None:
                logger.warning(
                    "%s: the file of download %r, %r, is outside the build directory "
                    "(a symbolic link pointing out?); it is not published",
                    self.name,
                    name,
                    path,
                    location=(self.env.docname, self.lineno),
                    type="studyguide",
                    subtype="downloads",
                )
                continue
            seen[str(file)] = file.is_file()
            if not file.is_file():
                missing = True
                continue
            # A path relative to the document: Sphinx's download collector
            # copies it into _downloads/ and makes it a dependency of the page.
            target = os.path.relpath(file, docdir)
            ref = addnodes.download_reference(
                "", "", reftarget=Path(target).as_posix(), refdoc=self.env.docname
            )
            ref += nodes.inline(label, label)
            para = nodes.paragraph()
            para += ref
            para += nodes.Text(", ")
            size = _size(file.stat().st_size)
            para += nodes.inline(size, size, classes=["sg-download-size"])
            items += nodes.list_item("", para)
        if len(items):
            node += items
        if missing:
            note = downloads_note(classes=["sg-downloads-note"])
            note.extend(self.parse_text_to_nodes(self.note_text()))
            node += note
        return [node]

    def note_text(self) -> str:
        text: str = self.config.studyguide_downloads_note
        return text or str(
            _("The PDF, the EPUB and the handouts are published with the web edition.")
        )


def _size(size: int) -> str:
    """A file's size as a reader wants it: "1.2 MB", "340 kB"."""
    if size >= 1_000_000:
        return str(_("%s MB")) % f"{size / 1_000_000:.1f}"
    return str(_("%s kB")) % max(1, round(size / 1000))


# -- Output -----------------------------------------------------------------------------


class OneNoteAPage(SphinxPostTransform):
    """Keep the first missing-files note of a page; drop lists left empty."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        noted = False
        for node in list(self.document.findall(downloads)):
            for note in list(node.findall(downloads_note)):
                if noted:
                    note.parent.remove(note)
                noted = True
            if not any(isinstance(c, (nodes.bullet_list, downloads_note)) for c in node):
                node.parent.remove(node)


def visit_downloads_html(self: HTML5Translator, node: nodes.Element) -> None:
    # The EPUB builder is an HTML builder that cannot link a download.
    if not getattr(self.builder, "download_support", False):
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "div"))


def depart_downloads_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def _note_build_dir(app: Sphinx) -> None:
    domain: DownloadsDomain = app.env.domains[DOMAIN]  # type: ignore[assignment]
    domain.build_dir = Path(app.outdir).resolve().parent


def setup_downloads(app: Sphinx) -> None:
    """Register the downloads setting, directive and output transform."""
    add_config_values(
        app,
        {
            "studyguide_downloads": Setting(
                {}, "name -> (label, path of a built file, relative to the build directory)"
            ),
            "studyguide_downloads_note": Setting(
                "", "what the downloads list says when a file is missing"
            ),
        },
    )
    app.connect("config-inited", _check_config)
    app.add_domain(DownloadsDomain)
    app.add_directive("studyguide-downloads", Downloads)
    app.connect("builder-inited", _note_build_dir)
    app.connect("env-get-outdated", _outdated)
    app.add_post_transform(OneNoteAPage)
    # Nothing where a download cannot be linked (LaTeX, text, ...).
    html = Visitors(html=(visit_downloads_html, depart_downloads_html))
    register_nodes(app, dict.fromkeys((downloads, downloads_note), html), fallback=SKIP)
