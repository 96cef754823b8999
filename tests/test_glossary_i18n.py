"""The glossary data through gettext: in the catalog, and translated with ``language``.

``tests/roots/test-glossary-i18n`` has a glossary of two entries and a Spanish
catalog (``locale/es/LC_MESSAGES/glossary.po``) that translates the definition
of "Popular Unity" and its headword, to "Unidad Popular", which is also the
entry's alias.  Each test builds a fresh copy of the root.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from guidetest import build as guide_build
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).parent / "roots" / "test-glossary-i18n"
DEFINITION = "Allende's coalition of left-wing parties. It won the 1970 election."
TRANSLATED = "La coalición de partidos de izquierda de Allende. Ganó la elección de 1970."
TIP = "La coalición de partidos de izquierda de Allende."


def build(tmp_path: Path, builder: str, **overrides: object) -> SphinxTestApp:
    """A strict build of a copy of the root; no warning allowed."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    app = guide_build(srcdir, builder, confoverrides=overrides)
    assert app.warning.getvalue() == ""
    assert app.statuscode == 0
    return app


def test_gettext_catalog_holds_the_glossary_data(tmp_path: Path) -> None:
    app = build(tmp_path, "gettext")
    with (Path(app.outdir) / "glossary.pot").open("rb") as handle:
        catalog = read_po(handle)
    locations = {
        str(m.id): [(Path(path).name, line) for path, line in m.locations] for m in catalog if m.id
    }
    # Headwords and definitions, located in the data file, with the page's own texts.
    assert locations[DEFINITION] == [("glossary.yaml", 3)]
    assert locations["Popular Unity"] == [("glossary.yaml", 2)]
    assert locations["The Revolutionary Left Movement, founded in 1965."] == [("glossary.yaml", 7)]
    # Aliases too: a translated chapter names the entry in its own language.
    assert locations["Unidad Popular"] == [("glossary.yaml", 5)]
    assert locations["Revolutionary Left Movement"] == [("glossary.yaml", 9)]
    assert "MIR" in locations
    assert "Glossary" in locations


def test_spanish_build_shows_the_translations(tmp_path: Path) -> None:
    app = build(tmp_path, "html", language="es")
    outdir = Path(app.outdir)
    page = BeautifulSoup((outdir / "glossary.html").read_text(), "html.parser")
    terms = {dt.get_text(strip=True).rstrip("¶"): dt for dt in page.select("dl.sg-glossary > dt")}
    # The headword translated to the entry's alias: one term, defined once.
    assert sorted(terms) == ["MIR", "Unidad Popular"]
    definition = terms["Unidad Popular"].find_next_sibling("dd")
    assert definition is not None
    assert definition.p is not None
    assert definition.p.get_text() == TRANSLATED
    # Untranslated entries stay as they are.
    mir = terms["MIR"].find_next_sibling("dd")
    assert mir is not None
    assert mir.p is not None
    assert mir.p.get_text() == "The Revolutionary Left Movement, founded in 1965."
    # The chapter's links: the tooltip translated, the link to the translated term.
    chapter = BeautifulSoup((outdir / "chapter.html").read_text(), "html.parser")
    links = {a.get_text(): a for a in chapter.select("a.sg-term")}
    assert links["Popular Unity"]["data-sg-tip"] == TIP
    assert links["Popular Unity"]["href"] == "glossary.html#" + str(terms["Unidad Popular"]["id"])
    assert links["MIR"]["data-sg-tip"] == "The Revolutionary Left Movement, founded in 1965."
    # A translated alias links, as the original alias does.
    spanish = links["Movimiento de Izquierda Revolucionaria"]
    assert spanish["href"] == "glossary.html#" + str(terms["MIR"]["id"])


def test_spanish_latex_shows_the_translations(tmp_path: Path) -> None:
    app = build(tmp_path, "latex", language="es")
    tex = (Path(app.outdir) / "glossary-i18n.tex").read_text(encoding="utf-8")
    assert "Unidad Popular" in tex
    assert "La coalición de partidos de izquierda de Allende. Ganó la elección de 1970." in tex
    assert "left\\sphinxhyphen{}wing" not in tex


def test_without_language_nothing_is_translated(tmp_path: Path) -> None:
    app = build(tmp_path, "html")
    page = BeautifulSoup((Path(app.outdir) / "glossary.html").read_text(), "html.parser")
    texts = [dd.p.get_text() for dd in page.select("dl.sg-glossary > dd") if dd.p]
    # (Smartquotes curl the apostrophe, as in any paragraph.)
    assert texts == [
        "The Revolutionary Left Movement, founded in 1965.",
        DEFINITION.replace("'", "’"),
    ]
    chapter = BeautifulSoup((Path(app.outdir) / "chapter.html").read_text(), "html.parser")
    # The Spanish name is a name of the entry only where the catalog makes it one.
    assert [a.get_text() for a in chapter.select("a.sg-term")] == ["Popular Unity", "MIR"]


def test_edited_translation_reaches_every_page(tmp_path: Path) -> None:
    """An incremental build after the catalog changed: the tooltips follow it."""
    build(tmp_path, "html", language="es")
    po = tmp_path / "src" / "locale" / "es" / "LC_MESSAGES" / "glossary.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace("La coalición", "La alianza"), encoding="utf-8"
    )
    later = time.time() + 2
    os.utime(po, (later, later))
    app = guide_build(tmp_path / "src", confoverrides={"language": "es"})
    assert app.warning.getvalue() == ""
    outdir = Path(app.outdir)
    assert "La alianza de partidos" in (outdir / "glossary.html").read_text()
    chapter = BeautifulSoup((outdir / "chapter.html").read_text(), "html.parser")
    links = {a.get_text(): a for a in chapter.select("a.sg-term")}
    assert links["Popular Unity"]["data-sg-tip"] == TIP.replace("coalición", "alianza")


def test_compiled_catalog_alone_translates(tmp_path: Path) -> None:
    """A project that ships only the ``.mo`` (read with Babel's public reader)."""
    from babel.messages.mofile import write_mo

    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    po = srcdir / "locale" / "es" / "LC_MESSAGES" / "glossary.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    po.unlink()
    app = guide_build(srcdir, confoverrides={"language": "es"})
    assert app.warning.getvalue() == ""
    chapter = BeautifulSoup((Path(app.outdir) / "chapter.html").read_text(), "html.parser")
    links = {a.get_text(): a for a in chapter.select("a.sg-term")}
    assert links["Popular Unity"]["data-sg-tip"] == TIP
    assert "Movimiento de Izquierda Revolucionaria" in links
