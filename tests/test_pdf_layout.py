"""The printed guide's layout in LaTeX: chapters, appendix, video QR code, metadata.

These build the small ``test-video`` book with Sphinx's LaTeX builder (no TeX
needed); ``test_pdf_book.py`` runs TeX on it and on the real guide.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from guidetest import require_tools
from sphinx.testing.util import SphinxTestApp
from studyguide.book import OverfullBox, main, overfull_boxes
from studyguide.video import qr_filename

URL = "https://www.youtube.com/watch?v=CnTPJ6kmB0s"


def _tex(app: SphinxTestApp) -> str:
    return (Path(app.outdir) / "video-test.tex").read_text(encoding="utf-8")


def _headings(tex: str) -> list[str]:
    return re.findall(r"^\\(chapter|section|appendix)\b(?:\{([^}]*)\})?", tex, re.MULTILINE)


@pytest.mark.sphinx("latex", testroot="video")
def test_book_chapters_front_text_and_appendix(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = _tex(app)
    # The front text and its section become an unnumbered chapter; the toctree's
    # document is a chapter, not a section of "How to read it"; the glossary is
    # printed once, after \appendix.
    assert _headings(tex)[:5] == [
        ("chapter", "About this guide"),
        ("section", "How to read it"),
        ("chapter", "Chapter one"),
        ("appendix", ""),
        ("chapter", "Glossary"),
    ]
    assert tex.count("The glossary’s only entry, printed once.") == 1
    assert tex.index("Front text of the book") < tex.index(r"\section{How to read it}")


@pytest.mark.sphinx("latex", testroot="video")
def test_video_is_a_qr_code_with_its_url(app: SphinxTestApp) -> None:
    app.build()
    tex = _tex(app)
    png = qr_filename("CnTPJ6kmB0s")
    assert png == "sgqr-436e54504a366b6d423073.png"
    assert f"\\sphinxstudyguidevideo{{{URL}}}{{{png}}}{{Watch this part of the film}}" in tex
    assert (Path(app.outdir) / png).read_bytes().startswith(b"\x89PNG")
    assert (Path(app.outdir) / "sgvideo.sty").is_file()
    require_tools("zbarimg")
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", str(Path(app.outdir) / png)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert decoded == URL


@pytest.mark.sphinx("latex", testroot="video")
def test_pdf_metadata_and_title_parts(app: SphinxTestApp) -> None:
    app.build()
    tex = _tex(app)
    assert r"\documentclass[a4paper,10pt,english,openany,oneside]{sphinxmanual}" in tex
    assert r"\usepackage{sgbook}" in tex
    # The generated metadata comes after hyperref, which its \hypersetup needs.
    assert tex.index(r"\usepackage{hyperref}") < tex.index(r"\usepackage{sgbookinfo}")
    info = (Path(app.outdir) / "sgbookinfo.sty").read_text(encoding="utf-8")
    assert r"\def\sphinxstudyguidebooktitle{Video test}" in info
    assert r"\def\sphinxstudyguidebooksubtitle{A small book}" in info
    assert (
        r"\hypersetup{pdftitle={Video test: a small book}, "
        r"pdfsubject={A test of the book layout}, pdfkeywords={video, QR code}, "
        r"pdfauthor={Tester}}"
    ) in info


@pytest.mark.sphinx("latex", testroot="video", confoverrides={"studyguide_paper": "letter"})
def test_letter_paper(app: SphinxTestApp) -> None:
    app.build()
    assert r"\documentclass[letterpaper,10pt," in _tex(app)


@pytest.mark.sphinx("latex", testroot="video", confoverrides={"studyguide_paper": "A4"})
def test_paper_name_ignores_case(app: SphinxTestApp) -> None:
    """``make pdf PAPER=A4`` means a4: no crash report, no error."""
    app.build()
    assert r"\documentclass[a4paper,10pt," in _tex(app)
    assert "studyguide_paper" not in app.warning.getvalue()


@pytest.mark.sphinx("latex", testroot="video", confoverrides={"studyguide_paper": "A5"})
def test_unknown_paper_is_a_config_error(app: SphinxTestApp) -> None:
    """Logged as an error naming the values (a ConfigError would be a crash report)."""
    assert "studyguide_paper = 'A5': choose one of 'a4', 'letter'" in app.warning.getvalue()
    assert app.statuscode == 1


LOG = r"""
Overfull \hbox (1.2pt too wide) in paragraph at lines 10--12
[]\TU/TeXGyrePagella(0)/m/n/10.95 text
Overfull \hbox (25.55528pt too wide) in paragraph at lines 40--41
Underfull \hbox (badness 10000) in paragraph at lines 50--51
Overfull \vbox (4.0pt too high) has occurred while \output is active
"""


def test_overfull_boxes_are_parsed_from_the_log() -> None:
    assert overfull_boxes(LOG, limit=3.0) == [
        OverfullBox("h", 25.55528, "in paragraph at lines 40--41"),
        OverfullBox("v", 4.0, "has occurred while \\output is active"),
    ]
    assert len(overfull_boxes(LOG)) == 3


def test_overfull_report_fails_the_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "book.log"
    log.write_text(LOG, encoding="utf-8")
    assert main([str(log)]) == 1
    err = capsys.readouterr().err
    assert f"{log}: overfull \\hbox, 25.6pt too wide, in paragraph at lines 40--41" in err
    assert f"{log}: 2 line(s) run into the margin by more than 3.0pt" in err
    assert main([str(log), "--limit", "30"]) == 0
    assert main([str(tmp_path / "missing.log")]) == 2


UNDEFINED_LOG = """
LaTeX Warning: Hyper reference `part-1-insurrection:q1-legality' on page 20 und
efined on input line 608.
LaTeX Warning: Reference `nolabel-with-a-pretty-long-name-that-may-wrap-around-
the-line-end' on page 1 undefined on input line 4.
LaTeX Warning: Citation `guzman1975' on page 3 undefined on input line 9.
Missing character: There is no \u062b (U+062B) in font TeXGyrePagella-Regular/OT:scr
ipt=latn;language=dflt;mapping=tex-text;!
Missing character: There is no \u062b (U+062B) in font TeXGyrePagella-Regular/OT:scr
ipt=latn;language=dflt;mapping=tex-text;!
LaTeX Warning: There were undefined references.
"""


def test_log_check_fails_on_undefined_references_and_missing_glyphs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.log"
    clean.write_text("LaTeX Font Info: nothing wrong\n", encoding="utf-8")
    log = tmp_path / "book.log"
    log.write_text(UNDEFINED_LOG, encoding="utf-8")
    assert main([str(clean)]) == 0
    assert main([str(clean), str(log)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"{log}: undefined hyper reference 'part-1-insurrection:q1-legality' (page 20)",
        f"{log}: undefined reference "
        "'nolabel-with-a-pretty-long-name-that-may-wrap-around-the-line-end' (page 1)",
        f"{log}: undefined citation 'guzman1975' (page 3)",
        f"{log}: missing character \u062b (U+062B) in font TeXGyrePagella-Regular",
    ]
