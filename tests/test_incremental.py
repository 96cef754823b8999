"""An incremental build writes what a clean build of the same sources writes.

A small guide (``tests/roots/test-incremental``: two chapters with numbered
paragraphs, questions citing paragraphs and each other, the page of all
questions, a glossary with aliases, the extension's Spanish catalog) is built
once, then edited step by step; after each edit it is built again in the same
build directory, and a clean build of the same sources is made beside it.
Every HTML page and ``searchindex.js`` must be the same, byte for byte, and so
must the warnings, in the participant edition and in the facilitator one
(``-t facilitator``: the notes, which cite paragraphs and questions, are shown).

The edits are those that left stale pages (issue 24): paragraphs cut from a
chapter that notes and other pages cite, a mentioned glossary entry deleted,
an alias changed, a question moved, a chapter's ``part:`` changed, a chapter
retitled, a label of the extension's catalog edited.
"""

from __future__ import annotations

import difflib
import gettext
import re
import shutil
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from sphinx.search import js_index
from sphinx.testing.util import SphinxTestApp
from studyguide import i18n

ROOT = Path(__file__).resolve().parent / "roots" / "test-incremental"


def write(path: Path, text: str) -> None:
    """Write a source file, newer than the last build read it.

    Its time is now, not ahead: a time in the future would leave the file
    newer than every later build, and each of them would read its dependants
    again (glossary.yaml: every page), hiding what an edit alone rewrites.
    """
    time.sleep(0.01)
    path.write_text(text, encoding="utf-8")


class Guide:
    """The test project's sources, and where its catalog is."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.src = tmp_path / "src"
        shutil.copytree(ROOT, self.src)
        self.catalog = self._catalog_copy()

    def _catalog_copy(self) -> Path:
        """The extension's catalogs, copied into a folder of their own."""
        folder = self.tmp / "catalog"
        shutil.copytree(i18n.LOCALE_DIR, folder)
        return folder

    def edit(self, name: str, old: str, new: str, count: int = 1) -> None:
        """Replace *old* by *new* in a source file, which then counts as changed."""
        path = self.src / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= count, (name, old)
        write(path, text.replace(old, new))

    def edit_catalog(self, old: str, new: str) -> None:
        """Edit the Spanish catalog's translations in place, and compile it."""
        messages = self.catalog / "es" / "LC_MESSAGES"
        with (messages / "studyguide.po").open("rb") as stream:
            catalog = read_po(stream)
        for message in catalog:
            if message.id and isinstance(message.string, str):
                message.string = message.string.replace(old, new)
        time.sleep(0.01)
        with (messages / "studyguide.mo").open("wb") as stream:
            write_mo(stream, catalog)
        # Python's gettext keeps each catalog it read, by path, for the life of
        # the process; a new sphinx-build process reads the file again.
        gettext._translations.clear()  # type: ignore[attr-defined]


def cut_paragraphs(guide: Guide) -> None:
    """Part 1 from 19 paragraphs to 9: citations of 12, 15, 17 and 18 now fail."""
    path = guide.src / "part-1.md"
    text = path.read_text(encoding="utf-8")
    kept = re.sub(r"\n\nParagraph 1\d of the first part[^\n]*", "", text)
    assert kept.count("Paragraph ") == 9
    write(path, kept)


def move_question(guide: Guide) -> None:
    """q-strike after q-belts: Question 1.1 becomes 1.2."""
    path = guide.src / "part-1.md"
    text = path.read_text(encoding="utf-8")
    head, _sep, questions = text.partition("## Questions for discussion\n\n")
    first, second = questions.split("::::\n\n", 1)
    write(path, f"{head}{_sep}{second.rstrip()}\n\n{first}::::\n")


#: Edits after which Sphinx itself leaves other pages' navigation stale: the
#: previous and next links of a retitled chapter's neighbours keep its old
#: title (Sphinx 9.0.4 does not write them again; a clean build does).  After
#: these, the pages' main content is compared, not their navigation.
SPHINX_STALE_NAVIGATION = {"retitle a chapter", "edit a catalog and retitle a chapter"}

EDITS: list[tuple[str, Callable[[Guide], None]]] = [
    ("cut paragraphs", cut_paragraphs),
    (
        "delete a mentioned entry",
        lambda g: g.edit(
            "glossary.yaml",
            "  - term: Tanquetazo\n    definition: The failed uprising of 29 June 1973.\n"
            "    category: event\n",
            "",
        ),
    ),
    (
        "change an alias",
        lambda g: g.edit("glossary.yaml", "[Revolutionary Left]", "[Left Movement]"),
    ),
    ("move a question", move_question),
    ("change part", lambda g: g.edit("part-1.md", "part: 1\n", "part: 3\n")),
    ("retitle a chapter", lambda g: g.edit("part-2.md", "# The coup", "# The military coup")),
    ("edit a catalog", lambda g: g.edit_catalog("Mencionado en", "Citado en")),
    (
        "edit a catalog and retitle a chapter",
        lambda g: (
            g.edit_catalog("Citado en", "Nombrado en"),
            g.edit("part-3.md", "# Aftermath", "# After the coup"),
        ),
    ),
]


def _build(guide: Guide, outdir: Path, tags: list[str], *, fresh: bool) -> tuple[Path, str]:
    """Build the guide into *outdir* (fresh: from nothing); its HTML folder and warnings."""
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
    app = SphinxTestApp(
        "html",
        srcdir=guide.src,
        builddir=outdir,
        freshenv=fresh,
        tags=tags,
        status=StringIO(),
        warning=StringIO(),
    )
    try:
        app.build()
    finally:
        app.cleanup()
    warnings = app.warning.getvalue().replace(str(guide.src), "SRC")
    return Path(app.outdir), warnings


def _search_index(text: str) -> str:
    """The search index, without the words that name no page.

    Sphinx 9.0.4 keeps a word whose pages were all written again without it
    as ``"word":[]`` (its ``IndexBuilder.prune`` empties the set and leaves
    it); a clean build has no such word.  It finds nothing, so it is left
    out here; everything else must be equal.
    """
    data = js_index.loads(text)
    for key in ("terms", "titleterms"):
        data[key] = {word: pages for word, pages in data[key].items() if pages != []}
    return js_index.dumps(data)


def _outputs(outdir: Path) -> dict[str, str]:
    """Every HTML page and the search index, by path."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        if path.suffix == ".html":
            found[path.relative_to(outdir).as_posix()] = path.read_text(encoding="utf-8")
    found["searchindex.js"] = _search_index((outdir / "searchindex.js").read_text("utf-8"))
    return found


def _main_content(pages: dict[str, str]) -> dict[str, str]:
    """Each HTML page's main content (without the navigation), the search index."""
    found = {}
    for name, text in pages.items():
        main = (
            BeautifulSoup(text, "html.parser").select_one('[role="main"]')
            if name.endswith(".html")
            else None
        )
        found[name] = str(main) if main is not None else text
    return found


def _diff(got: str, expected: str) -> str:
    """The first lines that differ (the search index split at its commas)."""
    lines = [text.replace(",", ",\n").splitlines() for text in (got, expected)]
    diff = difflib.unified_diff(lines[0], lines[1], "incremental", "clean", n=1, lineterm="")
    return "\n".join(list(diff)[:40])


def _sorted_lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("edition", ["participant", "facilitator"])
def test_incremental_build_equals_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edition: str
) -> None:
    guide = Guide(tmp_path)
    monkeypatch.setattr(i18n, "LOCALE_DIR", guide.catalog)
    tags = ["facilitator"] if edition == "facilitator" else []
    incremental = tmp_path / "incremental"
    first, warnings = _build(guide, incremental, tags, fresh=True)
    assert warnings == ""
    pages = _outputs(first)
    assert "Mencionado en" in pages["glossary.html"]
    assert ("SECRET" in pages["questions.html"]) is False
    for name, edit in EDITS:
        edit(guide)
        later, later_warnings = _build(guide, incremental, tags, fresh=False)
        clean, clean_warnings = _build(guide, tmp_path / "clean", tags, fresh=True)
        expected = _outputs(clean)
        got = _outputs(later)
        assert sorted(got) == sorted(expected), name
        if name in SPHINX_STALE_NAVIGATION:
            got, expected = _main_content(got), _main_content(expected)
        stale = [page for page in expected if got[page] != expected[page]]
        assert stale == [], f"after '{name}', pages differ from a clean build: {stale}\n" + _diff(
            got[stale[0]], expected[stale[0]]
        )
        # Each warning of the clean build is given again (and no other).
        assert set(_sorted_lines(later_warnings)) == set(_sorted_lines(clean_warnings)), name


def test_fragment_signature_covers_every_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored glossary entries are reused only while every input is the same:
    the extension's catalogs, the project's catalogs and templates, any config value."""
    from studyguide.glossary.fragments import _input_stamp

    guide = Guide(tmp_path)
    monkeypatch.setattr(i18n, "LOCALE_DIR", guide.catalog)
    app = SphinxTestApp(
        "html", srcdir=guide.src, builddir=tmp_path / "out", status=StringIO(), warning=StringIO()
    )
    try:
        first = _input_stamp(app.builder)
        assert _input_stamp(app.builder) == first  # stable
        guide.edit_catalog("Mencionado en", "Citado en")
        after_catalog = _input_stamp(app.builder)
        assert after_catalog != first
        (guide.src / "_templates").mkdir()
        (guide.src / "_templates" / "layout.html").write_text("{% extends '!layout.html' %}\n")
        app.config.templates_path = ["_templates"]
        after_template = _input_stamp(app.builder)
        assert after_template != after_catalog
        (guide.src / "locales" / "es" / "LC_MESSAGES").mkdir(parents=True)
        (guide.src / "locales" / "es" / "LC_MESSAGES" / "sphinx.po").write_text(
            'msgid ""\nmsgstr ""\n'
        )
        after_locale = _input_stamp(app.builder)
        assert after_locale != after_template
        app.config.studyguide_meeting_minutes = 60
        assert _input_stamp(app.builder) != after_locale
    finally:
        app.cleanup()
