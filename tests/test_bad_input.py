"""Bad input: every mistake gives a failing strict build with a clear message, never a traceback.

The corpus lives in ``tests/bad_input/``: ``_base/`` is a small project with the
guide's settings; every other directory is a case holding the files that differ
from the base and ``expected.txt``, the messages the build must print, one a
line, each starting with the file and line relative to the source directory
(``index.md:7: WARNING: ...``), or with ``ERROR:`` for a message that has no
line and names its file in the text; ``{srcdir}`` stands for the source
directory.  A case that changes settings holds ``conf_overrides.py``: its lines
are appended to the base's ``conf.py``.  A case is copied to a temporary directory,
built strictly, and must fail with those messages, print no traceback, and leave
its sources byte for byte as they were.

The cases are built in-process with ``sphinx.testing`` (no interpreter to start
per case), as ``sphinx-build -n -W --keep-going`` would: the same settings, the
same messages, an exception reported by Sphinx's own command-line handler.
``test_command_line_gives_the_same_messages`` checks that against the real
command line on a sample of cases.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import time
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from types import FrameType, SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, latexmk, pdf_text, require_tools, sphinx_build, tree_hashes
from studyguide.glossary import bounds
from studyguide.glossary.data import MAX_TIP, GlossaryDataError, load_glossary, short_tip

CORPUS = ROOT / "tests" / "bad_input"
BASE = CORPUS / "_base"
#: A case's settings, appended to the base's conf.py.
OVERRIDES = "conf_overrides.py"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))
# What Sphinx prints when an exception escapes an extension.
CRASH_MARKERS = ("Traceback", "Exception occurred", "Extension error", "full traceback")


@dataclass
class Result:
    """What a strict build printed on stderr, and its exit status."""

    returncode: int
    stderr: str
    outdir: Path


def strict_build(srcdir: Path, builddir: Path, builder: str = "html", jobs: int = 0) -> Result:
    """``sphinx-build -n -W --keep-going [-j jobs]`` on ``srcdir`` (its own conf.py), in-process.

    The output goes to ``builddir/<builder>`` (``Result.outdir``), where
    ``sphinx.testing`` puts it.  Warnings and errors as the command line prints
    them; an exception is reported by ``sphinx.cmd.build.handle_exception``, as
    the command line does (exit status 2).
    """
    from sphinx.cmd.build import handle_exception
    from sphinx.testing.util import SphinxTestApp

    stderr = StringIO()
    app = None
    try:
        app = SphinxTestApp(
            builder,
            srcdir=srcdir,
            builddir=builddir,
            confoverrides={"nitpicky": True},  # -n
            status=StringIO(),
            warning=stderr,
            warningiserror=True,  # -W (--keep-going is the default since Sphinx 8.1)
            parallel=jobs,
        )
        app.build()
        returncode = app.statuscode
    except Exception as error:
        args = SimpleNamespace(pdb=False, verbosity=0, traceback=False)
        handle_exception(app, args, error, stderr)
        returncode = 2
    finally:
        if app is not None:
            app.cleanup()
    outdir = builddir / builder
    return Result(returncode, re.sub(r"\x1b\[[0-9;]*m", "", stderr.getvalue()), outdir)


def make_case(name: str, tmp_path: Path) -> Path:
    """The base project with the case's files laid over it, in ``tmp_path/src``."""
    srcdir = tmp_path / "src"
    shutil.copytree(BASE, srcdir)
    for path in (CORPUS / name).rglob("*"):
        if path.name == OVERRIDES:
            with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
                conf.write("\n" + path.read_text(encoding="utf-8"))
        elif path.is_file() and path.name != "expected.txt":
            target = srcdir / path.relative_to(CORPUS / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return srcdir


def expected_messages(name: str, srcdir: Path) -> list[str]:
    """The case's messages, with the path of the temporary source directory."""
    lines = (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    located = [
        line if line.startswith(("WARNING: ", "ERROR: ")) else f"{srcdir}{os.sep}{line}"
        for line in lines
        if line.strip()
    ]
    return [line.replace("{srcdir}", str(srcdir)) for line in located]


def assert_no_crash(stderr: str) -> None:
    for marker in CRASH_MARKERS:
        assert marker not in stderr, f"{marker!r} in the build's output:\n{stderr}"


def test_base_project_builds_cleanly(tmp_path: Path) -> None:
    """Without a case's edit the base project builds without a warning."""
    srcdir = make_case("_base", tmp_path)
    result = strict_build(srcdir, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    assert "ERROR" not in result.stderr, result.stderr


def case_param(name: str) -> object:
    """A case; one with ``xfail.txt`` is a known defect, the file says which."""
    reason = CORPUS / name / "xfail.txt"
    if reason.exists():
        marks = pytest.mark.xfail(reason=reason.read_text(encoding="utf-8").strip(), strict=True)
        return pytest.param(name, marks=marks)
    return name


def messages(stderr: str) -> list[str]:
    """The warning and error lines of a build's output."""
    return [
        line
        for line in stderr.splitlines()
        if ": WARNING: " in line or ": ERROR: " in line or line.startswith(("WARNING: ", "ERROR: "))
    ]


@pytest.mark.parametrize("case", [case_param(name) for name in CASES])
def test_bad_input_fails_with_message(case: str, tmp_path: Path) -> None:
    """A strict build of the case fails with exactly its messages, no traceback, sources intact."""
    srcdir = make_case(case, tmp_path)
    before = tree_hashes(srcdir)
    result = strict_build(srcdir, tmp_path / "out")
    assert_no_crash(result.stderr)
    assert result.returncode != 0, f"the strict build passed:\n{result.stderr}"
    # Exactly the expected messages: one mistake, one message, no cascade.
    assert messages(result.stderr) == expected_messages(case, srcdir), result.stderr
    assert tree_hashes(srcdir) == before, "the build changed its sources"


@pytest.mark.parametrize("case", ["glossary-directive-two-pages", "question-nested"])
def test_parallel_build_gives_the_same_messages(case: str, tmp_path: Path) -> None:
    """With ``-j 2`` the same one message (a parallel read sees other pages only after)."""
    srcdir = make_case(case, tmp_path)
    result = strict_build(srcdir, tmp_path / "out", "html", jobs=2)
    assert_no_crash(result.stderr)
    assert result.returncode != 0
    assert messages(result.stderr) == expected_messages(case, srcdir), result.stderr


#: Cases run through the real command line too: warnings, a located warning
#: under -j 2's processes, a configuration error, an error without a line.
CLI_SAMPLE = ["config-paper-a5", "config-glossary-5", "question-nested", CASES[0]]


@pytest.mark.parametrize("case", CLI_SAMPLE)
def test_command_line_gives_the_same_messages(case: str, tmp_path: Path) -> None:
    """``sphinx-build`` in a subprocess prints what the in-process build reports."""
    srcdir = make_case(case, tmp_path)
    cli = sphinx_build("html", tmp_path / "cli", srcdir=srcdir)
    inprocess = strict_build(srcdir, tmp_path / "inprocess")
    assert_no_crash(cli.stderr)
    assert cli.returncode != 0
    assert (inprocess.returncode == 2) == (cli.returncode == 2), (cli.returncode, inprocess)
    assert messages(inprocess.stderr) == messages(cli.stderr) == expected_messages(case, srcdir)


def test_real_guide_build_leaves_docs_unchanged(guide_html: Path) -> None:
    """The strict build of the real guide (conftest.py, once per run) writes nothing
    into ``docs/``: its files' hashes before and after the build."""
    record = json.loads(guide_html.with_suffix(".docs.json").read_text(encoding="utf-8"))
    assert record["before"], "no file under docs/"
    assert record["after"] == record["before"], "the build changed docs/"
    assert_no_crash(record["stderr"])


# -- Hostile content: HTML, script and LaTeX specials in the guide's own text ---------

HOSTILE = CORPUS / "_hostile"
ATTACKS = [
    '<script>alert("definition")</script>',
    '<script>alert("question")</script>',
    '<script>alert("block")</script>',
    "<img src=x onerror=alert(1)>",
]


def plain_quotes(text: str) -> str:
    return text.translate(str.maketrans("“”‘’", "\"\"''"))


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("hostile")
    before = tree_hashes(HOSTILE)
    result = strict_build(HOSTILE, builddir)
    assert result.returncode == 0, result.stderr
    assert messages(result.stderr) == [], result.stderr
    assert tree_hashes(HOSTILE) == before
    return result.outdir


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_hostile_text_is_escaped_in_pages(hostile_html: Path) -> None:
    """No script, event handler or javascript: link from the text; the text shows as written."""
    shown = ""
    for name in ("chapter.html", "glossary.html", "genindex.html"):
        soup = soup_of(hostile_html / name)
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), (name, script)
        for tag in soup.find_all(True):
            handlers = [attr for attr in tag.attrs if attr.lower().startswith("on")]
            assert handlers == [], (name, tag)
            assert not str(tag.get("href", "")).lower().startswith("javascript:"), (name, tag)
        body = soup.select_one("div.body")
        assert body is not None
        shown += plain_quotes(body.get_text())
    for attack in ATTACKS:
        assert attack in shown
    assert "\" onmouseover=\"alert('tip')" in shown
    assert "[a link](javascript:alert('qlink'))" in " ".join(shown.split())
    assert "hidden-author-note" not in shown
    # A {raw} directive is still a deliberate way to write HTML.
    chapter = soup_of(hostile_html / "chapter.html")
    assert chapter.select_one("span.sg-deliberate-raw") is not None


def test_hostile_text_is_escaped_in_tooltips(hostile_html: Path) -> None:
    """The tooltip attribute holds the definition's first sentence as text, nothing more."""
    chapter = soup_of(hostile_html / "chapter.html")
    tips = {a.get_text(): a["data-sg-tip"] for a in chapter.select("a[data-sg-tip]")}
    assert plain_quotes(tips["MIR"]) == (
        'The <script>alert("definition")</script> party " onmouseover="alert(\'tip\') of '
        "[a link](javascript:alert('link'))."
    )
    for link in chapter.select("a[data-sg-tip]"):
        assert set(link.attrs) <= {"class", "href", "data-sg-tip", "title", "id"}, link.attrs
    raw = (hostile_html / "chapter.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw
    # Curly quotes: tooltips get the chapters' typography.
    assert "&lt;script&gt;alert(“definition”)&lt;/script&gt;" in raw


def test_hostile_text_is_data_in_search_index(hostile_html: Path) -> None:
    """The search index is one JSON value; the alias is a string in it, not markup."""
    text = (hostile_html / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex(")
    assert text.rstrip().endswith(")")
    index = json.loads(text.strip()[len("Search.setIndex(") : -1])
    assert "<img src=x onerror=alert(1)>" in index["indexentries"]
    assert "</script" not in text.lower()


@pytest.mark.tex
def test_latex_specials_print(tmp_path: Path) -> None:
    """% $ & _ # { } ~ ^ \\ in a definition and in a question build to a PDF that shows them."""
    require_tools("xelatex", "latexmk", "pdftotext")
    result = strict_build(HOSTILE, tmp_path, "latex")
    outdir = result.outdir
    assert result.returncode == 0, result.stderr
    assert messages(result.stderr) == [], result.stderr
    latexmk(outdir)
    text = plain_quotes(" ".join(pdf_text(outdir / "hostile.pdf").split()))
    definition = "Specials 100% $5 R&D snake_case #1 {braces} a~b x^2 back\\slash in a definition."
    assert definition in text
    assert "Do 50% $3 A&B under_score #2 {set} c~d y^3 path\\name print in a question?" in text
    assert '<script>alert("question")</script>' in text


# -- Bounds on the glossary file, checked before parsing ----------------------------


def load_error(path: Path) -> GlossaryDataError:
    """The error loading *path* raises, within five seconds (a hang fails the test)."""

    def hang(signum: int, frame: FrameType | None) -> None:
        raise AssertionError("loading the glossary hangs")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(5)
    try:
        with pytest.raises(GlossaryDataError) as caught:
            load_glossary(path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return caught.value


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "glossary.yaml"
    os.mkfifo(fifo)
    error = load_error(fifo)
    assert error.message == (
        f"the glossary file {fifo} is not a regular file (a directory, pipe or device); "
        "point studyguide_glossary at a YAML file"
    )


def test_device_is_refused() -> None:
    assert "/dev/zero is not a regular file" in load_error(Path("/dev/zero")).message


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yaml"
    path.write_bytes(b"# " + b"x" * bounds.MAX_BYTES + b"\n")
    assert "more than the limit of 4,194,304" in load_error(path).message


def test_nesting_60000_deep_is_refused_at_its_line(tmp_path: Path) -> None:
    """libyaml's composer segfaults on this; the event stream is checked first."""
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n  - term: MIR\n    see_also: " + "[" * 60_000 + "]" * 60_000)
    error = load_error(path)
    assert (error.line, error.message) == (
        3,
        "lists and mappings nested more than 16 deep; the glossary needs four levels "
        "(terms, entry, field, item)",
    )


def test_billion_laughs_of_eleven_levels_is_refused_at_once(tmp_path: Path) -> None:
    lines = ['a: &a ["lol", "lol"]']
    for previous, name in zip("abcdefghijk", "bcdefghijkl", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    path = tmp_path / "glossary.yaml"
    path.write_text("\n".join([*lines, "terms: *l"]) + "\n")
    started = time.monotonic()
    error = load_error(path)
    assert time.monotonic() - started < 1
    assert error.line == 3
    assert error.message.startswith("more than 16 YAML aliases")


def test_tooltip_is_bounded() -> None:
    """A definition with no sentence end gives a tooltip cut at a word, with an ellipsis."""
    definition = "word " * 10_000_000  # 50 MB, no full stop
    tip = short_tip(definition)
    assert len(tip) <= MAX_TIP
    assert tip.endswith("word…")
    assert short_tip("One sentence. Two.") == "One sentence."


#: Names with the characters xindy or the index's escaping trip on, each as a term and
#: as an alias; the chapter mentions each, so the index has entries from both pages.
INDEX_SPECIALS = ["{", "}", "|", "^", "~", "\\", "@", "!", '"', "%", "#", "&", "_"]


@pytest.mark.tex
def test_names_with_latex_specials_print_in_the_index(tmp_path: Path) -> None:
    """Each term and alias with a special prints once in the PDF's index (xindy stops at a
    brace written from a glossary term, and lists a term twice under two spellings)."""
    require_tools("xelatex", "latexmk", "xindy", "pdftotext")
    srcdir = make_case("_base", tmp_path)
    entries, mentions = ["terms:"], []
    for number, char in enumerate(INDEX_SPECIALS):
        term, alias = f"T{number}{char}X", f"A{number}{char}B"
        entries += [
            f"  - term: {json.dumps(term)}",
            f"    definition: Entry {number}.",
            "    category: party",
            f"    aliases: [{json.dumps(alias)}]",
        ]
        mentions.append(f"{{term}}`{term}` and {{term}}`{alias}`.")
    (srcdir / "glossary.yaml").write_text("\n".join(entries) + "\n", encoding="utf-8")
    with (srcdir / "chapter.md").open("a", encoding="utf-8") as chapter:
        chapter.write("\n" + "\n\n".join(mentions) + "\n")
    result = strict_build(srcdir, tmp_path / "build", "latex")
    assert result.returncode == 0, result.stderr
    outdir = result.outdir
    latexmk(outdir)
    # Only the index has lines "T0{X, 1, 3" (the chapter: "T0{X (p. 3) and A0{B.").
    lines = [line.strip() for line in plain_quotes(pdf_text(outdir / "badinput.pdf")).splitlines()]
    for number, char in enumerate(INDEX_SPECIALS):
        term, alias = f"T{number}{char}X", f"A{number}{char}B"
        found = [line for line in lines if line.startswith(f"{term},")]
        assert len(found) == 1, found
        assert re.fullmatch(rf"{re.escape(term)}, 1, [0-9]+", found[0]), found
        assert f"{alias}, see {term}" in lines, alias
