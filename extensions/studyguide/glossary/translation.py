"""The glossary data through gettext: ``make gettext`` lists it, ``language`` translates it.

The glossary's texts come from a data file, not from a document, so Sphinx's
own i18n (which collects and translates the text nodes of doctrees) cannot
reach all of them: the tooltips of every chapter are made from the data.  So
the data is translated where it is loaded, and the gettext builder is given
its messages:

* ``make gettext`` (the ``gettext`` builder): each entry's headword,
  aliases, definition and chronology lines are added to the catalog named after the
  data file (``glossary.yaml`` -> ``glossary.pot``, the same catalog as a
  glossary page ``glossary.md``), with the data file's line as location.
* With ``language`` set, the catalog ``<locale_dir>/<language>/LC_MESSAGES/
  glossary.po`` of the project's ``locale_dirs`` translates the loaded entries
  (read with Babel, fuzzy entries skipped; the ``.mo`` where there is no
  ``.po``): the glossary page, the tooltips, the key terms and the chronology
  show the translation.  A translated headword is what the glossary page shows
  and one more name of the entry: links made with the original term still
  resolve, and a translation equal to one of the entry's aliases is that name
  once, not twice.  A translated alias is likewise one more name, so that the
  auto-linker finds it in translated chapters.

The page's headword and definition are therefore not left to Sphinx's
``Locale`` transform (the directive marks them not translatable): they would
be translated twice, and a headword equal to an alias defined twice.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from studyguide._compat import gettext_catalog, project_po_file

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from studyguide.glossary.data import Entry, Glossary

logger = logging.getLogger(__name__)


def textdomain(config: Config) -> str:
    """The catalog of the glossary data: the data file's name without suffix."""
    path = PurePosixPath(str(config.studyguide_glossary).replace("\\", "/"))
    return docname_to_domain(str(path.with_suffix("")), config.gettext_compact)


def messages(glossary: Glossary) -> Iterator[tuple[str, int]]:
    """Every translatable text of the data, with its line in the data file."""
    for entry in glossary.entries:
        lines = entry.field_lines
        yield entry.term, lines.get("term", entry.line)
        for position, alias in enumerate(entry.aliases):
            yield alias, lines.get(f"aliases.{position}", entry.line)
        yield entry.definition, lines.get("definition", entry.line)
        if entry.event:
            yield entry.event, lines.get("event", entry.line)
        for _date, event in entry.events:
            yield event, lines.get("events", entry.line)


def add_to_catalog(app: Sphinx, builder: Builder) -> None:
    """Give the gettext builder the glossary's messages (on ``write-started``)."""
    if not isinstance(builder, MessageCatalogBuilder):
        return
    from studyguide.glossary.domain import get_glossary

    glossary = get_glossary(app.env)
    if not glossary.ok:
        return
    catalog = gettext_catalog(builder, textdomain(app.config))
    for message, line in messages(glossary):
        catalog.add(message, MsgOrigin(str(glossary.path), line))


def load_catalog(app: Sphinx) -> tuple[dict[str, str], list[Path]]:
    """The project's translations of the glossary data, and the files they came from."""
    config = app.config
    if not config.language or not config.locale_dirs:
        return {}, []
    domain = textdomain(config)
    po_path = project_po_file(
        app.srcdir, config.locale_dirs, config.language, config.source_encoding, domain
    )
    if po_path is not None:
        from babel.messages.pofile import read_po

        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=config.language, domain=domain)
        found = {
            str(message.id): str(message.string)
            for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
        }
        return found, [po_path]
    for locale_dir in config.locale_dirs:
        mo_dir = Path(app.srcdir, locale_dir)
        mo_path = mo_dir / config.language / "LC_MESSAGES" / f"{domain}.mo"
        if mo_path.is_file():
            from babel.messages.mofile import read_mo

            with mo_path.open("rb") as handle:
                compiled = read_mo(handle)
            table = {
                str(message.id): str(message.string)
                for message in compiled
                if message.id and isinstance(message.id, str) and message.string
            }
            return table, [mo_path]
    return {}, []


def translate_glossary(app: Sphinx, glossary: Glossary) -> None:
    """Translate the loaded entries in place (not for the gettext builder itself)."""
    if isinstance(app.builder, MessageCatalogBuilder) or not glossary.ok:
        return
    table, sources = load_catalog(app)
    glossary.translations = sources
    if not table:
        return
    for entry in glossary.entries:
        _translate_entry(entry, table)
    glossary.reindex()


def _translate_entry(entry: Entry, table: dict[str, str]) -> None:
    def tr(text: str) -> str:
        return " ".join(table.get(text, text).split()) or text

    entry.headword = tr(entry.term)
    # A translated alias is one more name (the translated chapters say it);
    # the original still links.
    entry.aliases = list(dict.fromkeys([*entry.aliases, *map(tr, entry.aliases)]))
    entry.definition = tr(entry.definition)
    entry.__dict__.pop("tip", None)  # the cached first sentence of the original
    if entry.event:
        entry.event = tr(entry.event)
    entry.events = [(date, tr(event)) for date, event in entry.events]
