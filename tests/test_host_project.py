"""No side effects on a host project: what it did not ask for stays as Sphinx makes it.

``tests/roots/test-host-project`` loads the extension and none of its opt-in
settings (``studyguide_html_as_text``, ``studyguide_aria_captions``,
``studyguide_video``, ``studyguide_book``), with no glossary.
"""

from __future__ import annotations

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import build as guide_build
from guidetest import latexmk, messages, pdf_text, require_tools
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

HOST = Path(__file__).parent / "roots" / "test-host-project"
#: The guide's opt-in settings, all on.
GUIDE_SETTINGS = {
    "studyguide_html_as_text": True,
    "studyguide_aria_captions": True,
    "studyguide_video": True,
    "studyguide_meta_descriptions": True,
}


def build(tmp_path: Path, builder: str = "html", **overrides: object) -> SphinxTestApp:
    srcdir = tmp_path / "src"
    shutil.copytree(HOST, srcdir)
    app = guide_build(srcdir, builder, confoverrides=overrides)
    assert messages(app) == []
    return app


def soup(app: SphinxTestApp, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / name).read_text(encoding="utf-8"), "html.parser")


def test_host_html_stays_its_own(tmp_path: Path) -> None:
    app = build(tmp_path)
    index = soup(app, "index.html")
    body = index.select_one("div.body")
    assert body is not None
    # Markdown's HTML is HTML.
    details = body.find("details")
    assert details is not None
    assert details.summary.get_text() == "More"
    assert [kbd.get_text() for kbd in body.find_all("kbd")] == ["Ctrl", "C"]
    assert "<kbd>" not in body.get_text()
    # A raw role with classes (reST, and reST inside MyST) passes through.
    assert body.select_one("span.raw-html > span.host-raw").get_text() == "raw"
    page = soup(app, "page.html")
    assert page.select_one("span.raw-html > mark").get_text() == "marked"
    # Sphinx's own title markup.
    captions = index.select('p.caption[role="heading"]')
    assert captions
    assert all(caption.get("aria-level") is None for caption in captions)
    # sphinxcontrib-youtube's own iframe.
    iframe = soup(app, "video.html").find("iframe")
    assert iframe["src"] == "https://www.youtube.com/embed/CnTPJ6kmB0s"
    assert iframe.get("loading") is None
    # No meta description the project did not ask for.
    assert index.find("meta", attrs={"name": "description"}) is None


def test_paragraphs_are_written_as_sphinx_writes_them(tmp_path: Path) -> None:
    """No writer's paragraph visitor is replaced: with no numbered pages, a
    paragraph is what Sphinx writes without the extension."""
    app = build(tmp_path / "with")
    handlers = app.registry.translation_handlers
    assert [name for name, nodes in handlers.items() if "paragraph" in nodes] == []
    plain = build(tmp_path / "without", extensions=["myst_parser", "sphinxcontrib.youtube"])
    for page in ["index.html", "page.html"]:
        paragraphs = [str(p) for p in soup(app, page).select("div.body p")]
        assert paragraphs, page
        assert paragraphs == [str(p) for p in soup(plain, page).select("div.body p")], page


def test_guide_settings_turn_the_features_on(tmp_path: Path) -> None:
    app = build(tmp_path, **GUIDE_SETTINGS)
    index = soup(app, "index.html")
    body = index.select_one("div.body")
    assert body is not None
    assert body.find("details") is None
    assert "<details><summary>More</summary>" in body.get_text()
    assert "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy." in body.get_text()
    # Raw roles are deliberate: still raw, and a raw node with classes is no crash.
    assert body.select_one("span.raw-html > span.host-raw").get_text() == "raw"
    assert soup(app, "page.html").select_one("span.raw-html > mark") is not None
    captions = index.select('p.caption[role="heading"]')
    assert {caption.get("aria-level") for caption in captions} == {"2"}
    iframe = soup(app, "video.html").find("iframe")
    assert iframe["loading"] == "lazy"
    assert index.find("meta", attrs={"name": "description"})["content"]


def latex_build(tmp_path: Path, **overrides: object) -> SphinxTestApp:
    # The video page stays out: sphinxcontrib-youtube fetches thumbnails for LaTeX.
    return build(tmp_path, "latex", exclude_patterns=["_build", "video.md"], **overrides)


def test_latex_without_book_layout(tmp_path: Path) -> None:
    app = latex_build(tmp_path)
    tex = (Path(app.outdir) / "host.tex").read_text(encoding="utf-8")
    assert app.config.latex_engine == "pdflatex"
    assert r"\usepackage{sgbook}" not in tex
    assert "sgbookinfo" not in tex
    assert not (Path(app.outdir) / "sgbook.sty").exists()


@pytest.mark.tex
def test_latex_without_book_layout_makes_a_pdf_with_pdflatex(tmp_path: Path) -> None:
    require_tools("pdflatex")
    # TeX's own Computer Modern: Sphinx's default TeX Gyre may not be installed.
    app = latex_build(tmp_path, latex_elements={"fontpkg": ""})
    latexmk(app.outdir)
    text = " ".join(pdf_text(Path(app.outdir) / "host.pdf").split())
    assert "Hidden until opened." in text
    # Raw HTML is dropped from LaTeX, as Sphinx does.
    assert "Press Ctrl+C to copy." in text
    assert "A word in reStructuredText." in text


def test_book_layout_needs_xelatex_or_lualatex(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        latex_build(tmp_path, studyguide_book=True)
    assert str(error.value) == (
        "studyguide_book = True: the book layout (sgbook.sty) uses fontspec, which "
        "latex_engine = 'pdflatex' cannot load; set latex_engine = 'xelatex' or 'lualatex' "
        "in conf.py, or studyguide_book = False for Sphinx's own layout"
    )


def test_book_layout_with_xelatex(tmp_path: Path) -> None:
    app = latex_build(tmp_path, studyguide_book=True, latex_engine="xelatex")
    tex = (Path(app.outdir) / "host.tex").read_text(encoding="utf-8")
    assert r"\usepackage{sgbook}" in tex


def test_setup_loads_no_parser_and_no_video_extension(tmp_path: Path) -> None:
    """``studyguide`` alone: myst-parser and sphinxcontrib-youtube stay unloaded, the
    source parsers are Sphinx's own, and no video folder is left in the output.

    (A stray README.md is tested in a process of its own, test_neighbours.py:
    myst-parser, loaded by other tests of this process, changes Sphinx's default
    ``source_suffix`` in place, hence the explicit one here.)"""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["studyguide"]\nstudyguide_glossary = None\n'
        'source_suffix = {".rst": "restructuredtext"}\n'
    )
    (srcdir / "index.rst").write_text("Index\n=====\n\nText.\n")
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
        assert "myst_parser" not in app.extensions
        assert "sphinxcontrib.youtube" not in app.extensions
        assert "studyguide.mystchecks" not in app.extensions
        assert not {"markdown", "md", "myst"} & set(app.registry.source_parsers)
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    assert not (Path(app.outdir) / "_video_thumbnail").exists()


def test_opt_in_settings_load_their_extensions(tmp_path: Path) -> None:
    app = build(tmp_path, studyguide_html_as_text=True, studyguide_video=True)
    assert {"studyguide.mystchecks", "studyguide.video", "sphinxcontrib.youtube"} <= set(
        app.extensions
    )


def test_questions_without_a_glossary_file(tmp_path: Path) -> None:
    """The default glossary file is optional: questions alone build with no message."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "studyguide"]\nmyst_enable_extensions = ["colon_fence"]\n'
    )
    (srcdir / "index.md").write_text(
        "# Questions only\n\n::::{discussion-question}\n:minutes: 10\n\nWhat changed?\n::::\n"
    )
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    assert "What changed?" in page.get_text()


#: Runs sphinx-build with sphinxcontrib-youtube hidden, as where the extra is not installed.
WITHOUT_YOUTUBE = (
    "import sys; sys.modules['sphinxcontrib.youtube'] = None; "
    "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"
)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            'extensions = ["studyguide", "studyguide.video"]',
            "ERROR: while setting up extension studyguide.video: studyguide.video needs "
            "sphinxcontrib-youtube and segno (import of "
            "sphinxcontrib.youtube halted; None in sys.modules); install them with: "
            'pip install "sphinx-studyguide[video]" [studyguide.config]',
        ),
        (
            'extensions = ["studyguide"]\nstudyguide_video = True',
            "WARNING: studyguide_video = True needs sphinxcontrib-youtube, which is not "
            'installed; install it with: pip install "sphinx-studyguide[video]" '
            "[studyguide.video]",
        ),
    ],
    ids=["extension", "setting"],
)
def test_video_without_the_extra(tmp_path: Path, setting: str, message: str) -> None:
    import subprocess
    import sys

    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(f"{setting}\nstudyguide_glossary = None\n")
    (srcdir / "index.rst").write_text("Index\n=====\n")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_YOUTUBE,
            "-b",
            "html",
            "-q",
            str(srcdir),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_COLOR": "1"},
    )
    assert " ".join(result.stderr.split()) == message
    assert result.returncode == (1 if message.startswith("ERROR") else 0)
