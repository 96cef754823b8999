"""The extension as a package: the wheel, its data files, a project of another kind.

``tests/roots/test-rst-project`` is what a guide author elsewhere would write:
reStructuredText, its own glossary with categories of its own, no questions and
no glossary page.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, build, messages

RST_PROJECT = ROOT / "tests" / "roots" / "test-rst-project"


def copy_project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(RST_PROJECT, srcdir)
    return srcdir


# -- The project's own settings -----------------------------------------------------


def test_rst_project_builds_without_glossary_page(tmp_path: Path) -> None:
    app = build(copy_project(tmp_path))
    assert messages(app) == []
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    terms = [span.get_text() for span in page.select("span.std-term")]
    assert terms == ["Oboe", "leader"]


def test_no_glossary_page_warning_names_the_data_file(tmp_path: Path) -> None:
    app = build(copy_project(tmp_path), confoverrides={"studyguide_glossary_page": True})
    assert messages(app) == [
        "WARNING: no document contains the studyguide-glossary directive, so the mentions "
        "of the entries of terms.yaml have no page to link to; put the directive on a page, "
        "or set studyguide_glossary_page = False in conf.py [studyguide.no_glossary_page]"
    ]


def test_custom_categories_group_the_glossary_page(tmp_path: Path) -> None:
    srcdir = copy_project(tmp_path)
    (srcdir / "glossary.rst").write_text("Glossary\n========\n\n.. studyguide-glossary::\n")
    index = srcdir / "index.rst"
    index.write_text(index.read_text() + "   glossary\n")
    app = build(srcdir)
    assert messages(app) == []
    page = BeautifulSoup((Path(app.outdir) / "glossary.html").read_text(), "html.parser")
    groups = [
        (
            h2.get_text(strip=True).rstrip("¶"),
            [dt.get_text(strip=True).rstrip("¶") for dt in h2.find_parent("section").select("dt")],
        )
        for h2 in page.select("section.sg-glossary-group > h2")
    ]
    assert groups == [("Instruments", ["Oboe"]), ("People", ["Concertmaster"])]


def test_schema_enum_follows_the_categories(tmp_path: Path) -> None:
    srcdir = copy_project(tmp_path)
    app = build(srcdir, confoverrides={"studyguide_categories": ["person", "place"]})
    assert messages(app) == [
        "terms.yaml:3: ERROR: entry 1 ('Oboe'): unknown category 'instrument'; allowed: "
        "person, place [studyguide.glossary_data]"
    ]
    assert app.statuscode == 1


def test_categories_setting_is_checked(tmp_path: Path) -> None:
    app = build(copy_project(tmp_path), confoverrides={"studyguide_categories": {"x": 3}})
    assert messages(app)[0] == (
        "ERROR: studyguide_categories = {'x': 3} is not allowed; give a list of category "
        "names, or a dict of category name to the heading of its group on the glossary "
        "page (in conf.py) [studyguide.config]"
    )
    assert app.statuscode == 1


def test_no_glossary_at_all(tmp_path: Path) -> None:
    """``studyguide_glossary = None``: no links, no checks, Sphinx's own terms untouched."""
    srcdir = copy_project(tmp_path)
    (srcdir / "brass.rst").write_text(
        "Brass\n=====\n\n.. glossary::\n\n   Horn\n      A brass instrument.\n\n"
        "A :term:`Horn` and a :term:`Tuba`.\n"
    )
    app = build(srcdir, confoverrides={"studyguide_glossary": None})
    assert messages(app) == [
        "brass.rst:9: WARNING: term not in glossary: 'Tuba' [ref.term]",
    ]
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")
    assert not page.select(".std-term")


# -- The wheel and the sdist -----------------------------------------------------------

PACKAGE = ROOT / "extensions" / "studyguide"
#: The small guide the installed wheel builds (MyST, glossary, question, note, plan).
INSTALLED_PROJECT = ROOT / "tests" / "roots" / "test-installed"
#: Every builder, and a file of its output that holds the chapter's text.
BUILDER_OUTPUTS = {
    "html": "chapter-one.html",
    "dirhtml": "chapter-one/index.html",
    "singlehtml": "index.html",
    "latex": "installed.tex",
    "epub": "installed.epub",
    "text": "chapter-one.txt",
    "man": "installed.7",
    "texinfo": "installed.texi",
    "xml": "chapter-one.xml",
    "gettext": "chapter-one.pot",
}
#: The facilitator note's text: only the facilitator edition may hold it.
SECRET = "FACILITATORSECRET"


def package_data_files() -> set[str]:
    """Every file of the package that is not Python, as the source tree holds it."""
    return {
        path.relative_to(PACKAGE.parent).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }


def build_distributions(tree: Path) -> tuple[Path, Path]:
    """The wheel and the sdist of a copy of the clone, built without the network.

    setuptools' own backend, from this venv (requirements-test.txt installs
    it): an isolated build (pip's default) would fetch setuptools.
    """
    dist = tree / "dist"
    script = (
        # build_meta rewrites sys.argv: the folder is read first.
        "import sys; from setuptools import build_meta as b; dist = sys.argv[1]; "
        "print(b.build_sdist(dist)); print(b.build_wheel(dist))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(dist)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    (wheel,) = dist.glob("sphinx_studyguide-*.whl")
    (sdist,) = dist.glob("sphinx_studyguide-*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and sdist, built from a copy of what a clone holds."""
    tree = tmp_path_factory.mktemp("clone")
    for name in ("pyproject.toml", "MANIFEST.in", "LICENSE", "CHANGELOG.md", "README.md"):
        shutil.copy(ROOT / name, tree)
    shutil.copytree(
        ROOT / "extensions",
        tree / "extensions",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_build"),
    )
    return build_distributions(tree)


@pytest.fixture(scope="module")
def wheel(distributions: tuple[Path, Path]) -> Path:
    return distributions[0]


@pytest.mark.slow
def test_wheel_ships_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = package_data_files()
    assert "studyguide/templates/studyguide-edition.html" in expected
    assert names >= expected, sorted(expected - names)
    assert "studyguide/__init__.py" in names
    assert {"studyguide/quickstart.py", "studyguide/__main__.py"} <= names
    assert not any(name.startswith(("extensions/", "docs/", "tests/")) for name in names)


@pytest.mark.slow
def test_sdist_ships_every_data_file(distributions: tuple[Path, Path]) -> None:
    _wheel, sdist = distributions
    with tarfile.open(sdist) as archive:
        top = archive.getnames()[0].split("/")[0]
        names = {name.removeprefix(top + "/") for name in archive.getnames()}
    expected = {f"extensions/{name}" for name in package_data_files()}
    assert names >= expected, sorted(expected - names)
    assert {"LICENSE", "CHANGELOG.md", "extensions/README.md", "pyproject.toml"} <= names
    assert not any(name.startswith(("docs/", "tests/")) for name in names)


@pytest.mark.slow
def test_wheel_metadata(wheel: Path) -> None:
    from studyguide import __version__

    archive = zipfile.ZipFile(wheel)
    metadata_name = next(name for name in archive.namelist() if name.endswith("/METADATA"))
    metadata = email.message_from_bytes(archive.read(metadata_name))
    assert metadata["Name"] == "sphinx-studyguide"
    # The version is written once, in the package; the wheel's comes from it.
    assert metadata["Version"] == __version__
    assert wheel.name.startswith(f"sphinx_studyguide-{__version__}-")
    assert metadata["License-Expression"] == "BSD-2-Clause"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert any(name.endswith("/licenses/LICENSE") for name in archive.namelist())
    readme = (ROOT / "extensions" / "README.md").read_text(encoding="utf-8")
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().strip() == readme.strip()
    classifiers = metadata.get_all("Classifier")
    assert "Framework :: Sphinx :: Extension" in classifiers
    assert "Programming Language :: Python :: 3.11" in classifiers
    requires = metadata.get_all("Requires-Dist")
    # Core dependencies: no video, no QR code.
    core = [r for r in requires if "extra ==" not in r]
    assert not any(r.startswith(("sphinxcontrib-youtube", "segno")) for r in core), core
    assert any(r.startswith("myst-parser") for r in core)
    assert {r.split(";")[0].strip() for r in requires if 'extra == "video"' in r} == {
        "sphinxcontrib-youtube>=1.5",
        "segno>=1.6",
    }
    assert metadata.get_all("Provides-Extra") == ["video"]
    # No address invented: the project has no public home it could name yet.
    assert metadata.get_all("Project-URL") is None
    entry_points = archive.read(metadata_name.replace("METADATA", "entry_points.txt")).decode()
    assert "studyguide-quickstart = studyguide.quickstart:main" in entry_points


def fresh_venv(wheel: Path, tmp_path: Path) -> Path:
    """A new venv holding the wheel alone; its dependencies are this venv's.

    No network: the wheel is installed with ``--no-index --no-deps``, and a
    ``.pth`` file puts this venv's site-packages after the new venv's own.
    The editable install of this venv is not seen: its finder is started by a
    ``.pth`` file of this venv, which Python reads only in its own site
    folders, not in a folder a ``.pth`` file adds.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "guide-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--no-index", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    where = subprocess.run(
        [python, "-c", "import studyguide; print(studyguide.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=clean_env(),
    ).stdout
    assert Path(where).is_relative_to(site), where
    return python


def clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_COLOR": "1"}


#: Builds each builder in both editions in one process (startup once): prints
#: "builder edition status" a line, and each build's warnings to stderr.
BUILD_ALL = """
import sys
from sphinx.cmd.build import build_main
src, out, builders = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
for edition in ("participant", "facilitator"):
    for builder in builders:
        tags = ["-t", "facilitator"] if edition == "facilitator" else []
        status = build_main(["-b", builder, "-n", "-W", "--keep-going", "-q", *tags,
                             "-d", f"{out}/doctrees-{edition}-{builder}",
                             src, f"{out}/{edition}/{builder}"])
        print(builder, edition, status, flush=True)
"""


def output_text(path: Path) -> str:
    """The text of one output file (an EPUB: its XHTML files)."""
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as book:
            return "\n".join(
                book.read(name).decode() for name in book.namelist() if name.endswith(".xhtml")
            )
    return path.read_text(encoding="utf-8")


def tree_text(folder: Path) -> str:
    """Every text file under *folder*, and the XHTML inside EPUBs."""
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".epub":
            texts.append(output_text(path))
        elif path.is_file() and path.suffix not in {".png", ".jpg", ".woff", ".woff2", ".doctree"}:
            texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


@pytest.mark.slow
def test_installed_wheel_builds_every_builder_in_both_editions(wheel: Path, tmp_path: Path) -> None:
    """The wheel installed non-editable: both editions, every builder, -n -W.

    The facilitator edition's HTML needs ``templates/`` (``TemplateNotFound``
    when the wheel lacked it); the participant edition of every builder holds
    no word of the facilitator note.
    """
    python = fresh_venv(wheel, tmp_path)
    srcdir = tmp_path / "project"
    shutil.copytree(INSTALLED_PROJECT, srcdir)
    out = tmp_path / "out"
    result = subprocess.run(
        [python, "-c", BUILD_ALL, str(srcdir), str(out), ",".join(BUILDER_OUTPUTS)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=clean_env(),
    )
    statuses = result.stdout.split("\n")
    expected = [
        f"{builder} {edition} 0"
        for edition in ("participant", "facilitator")
        for builder in BUILDER_OUTPUTS
    ]
    assert statuses[:-1] == expected, result.stderr[-5000:]
    assert result.stderr == ""
    for edition in ("participant", "facilitator"):
        for builder, output in BUILDER_OUTPUTS.items():
            folder = out / edition / builder
            if builder == "latex" and edition == "facilitator":
                output = output.replace(".tex", "-facilitator.tex")
            text = output_text(folder / output)
            assert "Whom does the narrator trust?" in text, (edition, builder)
            assert "Narrator" in text, (edition, builder)
            if edition == "participant":
                assert SECRET not in tree_text(folder), builder
            elif builder != "gettext":
                assert SECRET in text, (edition, builder)
    # The facilitator edition's template (templates/) and the static files.
    page = BeautifulSoup(
        (out / "facilitator/html/chapter-one.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert "Facilitator edition" in page.title.get_text()
    assert (out / "participant/html/_static/studyguide-glossary.css").is_file()
    assert (out / "participant/latex/sgquestions.sty").is_file()
    # Nothing left by an extension the project did not ask for.
    assert not list(out.rglob("_video_thumbnail"))


@pytest.mark.slow
def test_installed_quickstart_makes_a_guide_that_builds(wheel: Path, tmp_path: Path) -> None:
    """The wheel's console script writes a project; both editions build, strictly."""
    python = fresh_venv(wheel, tmp_path)
    made = subprocess.run(
        [
            python.parent / "studyguide-quickstart",
            "guide",
            "--title",
            "A Film Club",
            "--kind",
            "film",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=clean_env(),
        stdin=subprocess.DEVNULL,
    )
    assert made.returncode == 0, made.stderr
    result = subprocess.run(
        [python, "-c", BUILD_ALL, str(tmp_path / "guide"), str(tmp_path / "out"), "html"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert result.stdout.split() == ["html", "participant", "0", "html", "facilitator", "0"]
    assert result.stderr == ""
    note = "Only the facilitator edition shows this note"
    participant = (tmp_path / "out/participant/html/part-1.html").read_text(encoding="utf-8")
    facilitator = (tmp_path / "out/facilitator/html/part-1.html").read_text(encoding="utf-8")
    assert note not in participant
    assert note in " ".join(facilitator.split())


@pytest.mark.slow
def test_installed_wheel_builds_an_rst_project(wheel: Path, tmp_path: Path) -> None:
    """The reST project of another kind, with its own glossary file and categories."""
    python = fresh_venv(wheel, tmp_path)
    srcdir = tmp_path / "project"
    shutil.copytree(RST_PROJECT, srcdir)
    builders = ["html", "man", "texinfo", "text"]
    result = subprocess.run(
        [python, "-c", BUILD_ALL, str(srcdir), str(tmp_path / "out"), ",".join(builders)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env=clean_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    outputs = {
        "html": "index.html",
        "man": "instruments.7",
        "texinfo": "instruments.texi",
        "text": "index.txt",
    }
    for builder, output in outputs.items():
        text = (tmp_path / "out/participant" / builder / output).read_text(encoding="utf-8")
        assert "Oboe" in text, builder
        assert "leader" in text, builder
        if builder in {"man", "texinfo"}:  # one file for the whole project
            assert "Concertmaster" in text, builder
            assert "<#" not in text, builder


def test_categories_are_defined_once() -> None:
    """The shipped schema lists the default categories, and each has its heading."""
    import json

    from studyguide.glossary.data import CATEGORIES, CATEGORY_HEADINGS, SCHEMA_PATH
    from studyguide.glossary.directive import GROUP_LABELS

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    enum = schema["$defs"]["entry"]["properties"]["category"]["enum"]
    assert enum == list(CATEGORIES) == list(CATEGORY_HEADINGS)
    assert [name for name in GROUP_LABELS if name is not None] == list(CATEGORIES)


# -- Read the Docs and the requirements ------------------------------------------------


def test_read_the_docs_builds_html_pdf_and_epub_as_the_makefile_does() -> None:
    import yaml

    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["formats"] == ["pdf", "epub"]
    jobs = config["build"]["jobs"]["build"]
    assert set(jobs) == {"html", "pdf", "epub"}
    for name, commands in jobs.items():
        sphinx = next(command for command in commands if "python -m sphinx" in command)
        # Read the Docs runs sphinx-build without -c: conf.py is at the top, the sources in docs/.
        assert " -c . " in sphinx, name
        assert "-n -W --keep-going" in sphinx, name
        assert " docs " in sphinx, name
    assert any("$READTHEDOCS_OUTPUT/pdf/" in command for command in jobs["pdf"])
    assert any("$READTHEDOCS_OUTPUT/epub/" in command for command in jobs["epub"])
    assert {"latexmk", "texlive-xetex", "fonts-texgyre"} <= set(config["build"]["apt_packages"])
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


def requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "-")):
            names.add(re.split(r"[=<>\[]", line)[0].lower().replace("_", "-"))
    return names


def test_requirements_build_apart_from_test_tools() -> None:
    build = requirement_names(ROOT / "requirements.txt")
    test = ROOT / "requirements-test.txt"
    assert {"sphinx", "myst-parser", "furo", "sphinxcontrib-youtube", "segno"} <= build
    assert not {"pytest", "mypy", "ruff", "playwright", "hypothesis"} & build
    assert "-r requirements.txt" in test.read_text(encoding="utf-8").splitlines()
    assert {"pytest", "mypy", "ruff", "setuptools", "myst-nb"} <= requirement_names(test)
    assert "-e .[video]" in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements-test.txt" in makefile
