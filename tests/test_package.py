"""The extension as a package: the wheel, its data files, a project of another kind.

``tests/roots/test-rst-project`` is what a guide author elsewhere would write:
reStructuredText, its own glossary with categories of its own, no questions and
no glossary page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, build, messages

RST_PROJECT = ROOT / "tests" / "roots" / "test-rst-project"

#: What the wheel must hold besides the Python modules.
DATA_FILES = {
    "studyguide/static/studyguide-glossary.css",
    "studyguide/static/studyguide-glossary.js",
    "studyguide/static/studyguide-questions.css",
    "studyguide/latex/sgbook.sty",
    "studyguide/latex/sgglossary.sty",
    "studyguide/latex/sgquestions.sty",
    "studyguide/latex/sgvideo.sty",
    "studyguide/schema/glossary.schema.json",
    "studyguide/locale/es/LC_MESSAGES/studyguide.mo",
    "studyguide/locale/es/LC_MESSAGES/studyguide.po",
}


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


# -- The wheel ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from a copy of what a clone holds (pyproject.toml, extensions/)."""
    tree = tmp_path_factory.mktemp("clone")
    shutil.copy(ROOT / "pyproject.toml", tree)
    shutil.copytree(
        ROOT / "extensions",
        tree / "extensions",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    dist = tree / "dist"
    # pip fetches the build backend (setuptools) as `make venv` does for `-e .`.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            ".",
            "-w",
            str(dist),
            "--no-deps",
            "--disable-pip-version-check",
            "-q",
        ],
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (found,) = dist.glob("sphinx_studyguide-*.whl")
    return found


@pytest.mark.slow
def test_wheel_ships_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert names >= DATA_FILES, DATA_FILES - names
    assert "studyguide/__init__.py" in names
    assert not any(name.startswith("extensions/") for name in names)
    metadata = (
        zipfile.ZipFile(wheel)
        .read(next(name for name in names if name.endswith("METADATA")))
        .decode()
    )
    for requirement in ("sphinx>=", "myst-parser", "PyYAML", "sphinxcontrib-youtube", "segno"):
        assert f"Requires-Dist: {requirement}" in metadata


@pytest.mark.slow
def test_installed_wheel_builds_an_rst_project(wheel: Path, tmp_path: Path) -> None:
    """The wheel alone in a new venv (the dependencies from this venv's site-packages)."""
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
    # After the new venv's own packages on sys.path, so its studyguide wins.
    (site / "guide-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--no-index",
            "--no-deps",
            "-q",
            "--disable-pip-version-check",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"NO_COLOR": "1"}
    where = subprocess.run(
        [python, "-c", "import studyguide; print(studyguide.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout
    assert Path(where).is_relative_to(site), where

    srcdir = tmp_path / "project"
    shutil.copytree(RST_PROJECT, srcdir)
    outputs = {
        "html": "index.html",
        "man": "instruments.7",
        "texinfo": "instruments.texi",
        "text": "index.txt",
    }
    for builder, output in outputs.items():
        outdir = tmp_path / "out" / builder
        result = subprocess.run(
            [
                python,
                "-m",
                "sphinx",
                "-b",
                builder,
                "-n",
                "-W",
                "--keep-going",
                "-d",
                str(tmp_path / "doctrees" / builder),
                str(srcdir),
                str(outdir),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
            env=env,
        )
        assert result.returncode == 0, (builder, result.stderr)
        assert "WARNING" not in result.stderr, (builder, result.stderr)
        text = (outdir / output).read_text(encoding="utf-8")
        assert "Oboe" in text, builder
        assert "leader" in text, builder
        if builder in {"man", "texinfo"}:  # one file for the whole project
            assert "Concertmaster" in text, builder
    html = BeautifulSoup((tmp_path / "out/html/index.html").read_text(), "html.parser")
    assert html.find("link", href=re.compile(r"studyguide-glossary\.css"))
    assert (tmp_path / "out/html/_static/studyguide-glossary.css").is_file()


def test_categories_are_defined_once() -> None:
    """The shipped schema lists the default categories, and each has its heading."""
    import json

    from studyguide.glossary.data import CATEGORIES, CATEGORY_HEADINGS, SCHEMA_PATH
    from studyguide.glossary.directive import GROUP_LABELS

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    enum = schema["$defs"]["entry"]["properties"]["category"]["enum"]
    assert enum == list(CATEGORIES) == list(CATEGORY_HEADINGS)
    assert [name for name in GROUP_LABELS if name is not None] == list(CATEGORIES)
