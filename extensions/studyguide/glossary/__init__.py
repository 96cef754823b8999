"""The glossary component: one data file, a glossary page, links from every chapter.

Wiring only; each stage has its own module:

* ``data``: read and validate ``studyguide_glossary`` (YAML, checked against
  ``studyguide/schema/glossary.schema.json``: fastjsonschema passes a valid
  file, jsonschema explains an invalid one);
* ``matcher``: find terms and aliases in text in one pass;
* ``autolink``: the read-time transform linking mentions, the ``{nolink}`` role;
* ``domain``: the mentions per document (parallel- and
  incremental-safe), unused entries;
* ``directive``: ``{studyguide-glossary}``, the page, "Mentioned in";
* ``translation``: the data in ``make gettext``'s catalog, translated with
  ``language`` and ``locale_dirs``;
* ``output``: the links of mentions, tooltips (HTML), page numbers
  (LaTeX), unknown terms.
* ``fragments``: the page's entries pickled one by one until written, and in
  HTML each entry's stored HTML put back while what it shows is unchanged.
* ``sources``: the entries' ``sources:`` under each entry, the
  ``{studyguide-sources}`` page, ``studyguide_require_sources`` (set up by the
  package, after the chronology).

Configuration: ``studyguide_glossary`` (path relative to the source
directory, default ``"glossary.yaml"``; ``None``: no glossary),
``studyguide_categories`` (the entries' categories in the page's order: a list
of names, or a dict of name to heading; the schema's enum follows it),
``studyguide_glossary_page`` (``False``: the project has no glossary page, and
is not warned about it), ``studyguide_autolink`` (``"first"``
mention per section, ``"all"``, or ``"off"``); a document's front matter
``studyguide_autolink: off`` turns auto-linking off for it.

Messages have ``type="studyguide"`` and one of these subtypes, which
``suppress_warnings`` accepts as ``studyguide.<subtype>``:

* ``glossary_data`` (error): the file is missing, not valid YAML, or breaks
  the schema; the build fails with the file, line and field;
* ``duplicate_term``: two entries have the same term;
* ``duplicate_alias``: an alias is another entry's term or alias;
* ``unknown_see_also``: a ``see_also`` names no entry;
* ``unknown_term``: a ``{term}`` names no entry (with "did you mean");
* ``unused_term``: no document mentions an entry;
* ``no_glossary_page``: no document holds the ``{studyguide-glossary}`` directive
  (unless ``studyguide_glossary_page = False``);
* ``glossary_page``: a second ``{studyguide-glossary}`` directive (ignored);
* ``config`` (error): ``studyguide_glossary`` is not a path (or ``None``),
  ``studyguide_autolink`` is not one of first, all, off, or
  ``studyguide_categories`` is not a list of names or a dict of name to heading.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from studyguide.assets import add_static_dir
from studyguide.config import Setting, add_config_values, config_error, is_str_list
from studyguide.glossary.autolink import AUTOLINK_MODES, AutoLink, nolink_role
from studyguide.glossary.data import Glossary, GlossaryDataError, load_glossary
from studyguide.glossary.directive import GlossaryDirective, category_headings, fill_mentions
from studyguide.glossary.domain import (
    GlossaryDomain,
    check_consistency,
    get_domain,
    rewrite_glossary_pages,
)
from studyguide.glossary.fragments import setup_fragments
from studyguide.glossary.nodes import sg_backref, sg_page_mark, sg_term_reference
from studyguide.glossary.output import (
    TermLinks,
    depart_reference_pageref_latex,
    depart_term_reference_html,
    place_page_references,
    resolve_mentions,
    unknown_term,
    visit_page_mark_latex,
    visit_reference_latex,
    visit_term_reference_html,
)
from studyguide.glossary.translation import add_to_catalog, translate_glossary
from studyguide.latex import add_latex_package

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


def _valid_categories(value: object) -> bool:
    if value is None:  # any category: the page groups them as the entries give them
        return True
    if isinstance(value, dict):
        return bool(value) and is_str_list([*value.keys(), *value.values()], nonempty=True)
    return bool(value) and is_str_list(value, nonempty=True)


def check_config(app: Sphinx, config: Config) -> None:
    """Reject unknown values of the glossary's settings, saying what is allowed.

    Logged, not raised (see :mod:`studyguide.config`).
    """
    glossary = config.studyguide_glossary
    if glossary is not None and (not isinstance(glossary, str) or not glossary.strip()):
        config_error(
            app,
            "studyguide_glossary = %r in conf.py: it must be the path of the glossary "
            "file, relative to the source directory, e.g. 'glossary.yaml' (or None: "
            "no glossary)",
            glossary,
        )
        config.studyguide_glossary = "glossary.yaml"
    value = config.studyguide_autolink
    if value not in AUTOLINK_MODES:
        config_error(
            app,
            "studyguide_autolink = %r is not allowed; use one of %s (in conf.py)",
            value,
            ", ".join(repr(mode) for mode in AUTOLINK_MODES),
        )
        config.studyguide_autolink = "first"
    if not _valid_categories(config.studyguide_categories):
        config_error(
            app,
            "studyguide_categories = %r is not allowed; give a list of category names, or a "
            "dict of category name to the heading of its group on the glossary page "
            "(in conf.py)",
            config.studyguide_categories,
        )
        config.studyguide_categories = None


#: The glossary file read where it exists and conf.py names none.
DEFAULT_GLOSSARY = "glossary.yaml"


def load_data(app: Sphinx) -> None:
    """Read the glossary once per build; a bad file fails the build with one message."""
    if not app.config.studyguide_glossary:
        # No glossary: nothing to link, no page to check.
        get_domain(app.env).glossary = Glossary(Path(app.srcdir), ok=False)
        return
    path = Path(app.srcdir) / app.config.studyguide_glossary
    if app.config.studyguide_glossary == DEFAULT_GLOSSARY and not path.exists():
        # The default file is optional: a project of questions and session
        # plans alone needs no glossary (a path set in conf.py must exist).
        get_domain(app.env).glossary = Glossary(Path(app.srcdir), ok=False)
        return
    try:
        glossary, problems = load_glossary(path, category_headings(app.config))
    except GlossaryDataError as exc:
        # Without a line the message names the file itself: Sphinx would take a
        # bare path for a document name and add a source suffix to it.
        location = f"{path}:{exc.line}" if exc.line else None
        logger.error(exc.message, location=location, type="studyguide", subtype="glossary_data")
        app.statuscode = 1
        glossary, problems = Glossary(path, ok=False), []
    for problem in problems:
        logger.warning(
            problem.message,
            location=f"{path}:{problem.line}",
            type="studyguide",
            subtype=problem.subtype,
        )
    translate_glossary(app, glossary)
    get_domain(app.env).glossary = glossary


def setup_glossary(app: Sphinx) -> None:
    """Register the glossary component."""
    add_config_values(
        app,
        {
            "studyguide_glossary": Setting(
                DEFAULT_GLOSSARY,
                "path of the glossary data, relative to the source directory; None: none",
                types={str, type(None)},
            ),
            "studyguide_glossary_page": Setting(
                True, "warn when no document holds the studyguide-glossary directive"
            ),
            "studyguide_categories": Setting(
                None,
                "the entries' categories, in the glossary page's order "
                "(a list, or a dict of category to heading); None: any category",
                types={list, tuple, dict, type(None)},
            ),
            "studyguide_autolink": Setting("first"),
        },
    )
    app.connect("config-inited", check_config)

    app.add_domain(GlossaryDomain)
    app.add_directive("studyguide-glossary", GlossaryDirective)
    app.add_role("nolink", nolink_role)
    app.add_transform(AutoLink)
    app.add_post_transform(TermLinks)
    app.add_node(
        sg_term_reference,
        html=(visit_term_reference_html, depart_term_reference_html),
        latex=(visit_reference_latex, depart_reference_pageref_latex),
    )
    app.add_node(sg_backref, latex=(visit_reference_latex, depart_reference_pageref_latex))
    app.add_node(sg_page_mark, latex=(visit_page_mark_latex, None))

    app.connect("builder-inited", load_data)
    app.connect("write-started", add_to_catalog)
    app.connect("env-get-updated", rewrite_glossary_pages)
    app.connect("env-check-consistency", check_consistency)
    # Before the other handlers: they see the links as a {term} makes them.
    app.connect("doctree-resolved", resolve_mentions, priority=400)
    app.connect("doctree-resolved", fill_mentions)
    app.connect("doctree-resolved", place_page_references, priority=600)
    # After intersphinx (500), which may resolve a term from another project.
    app.connect("missing-reference", unknown_term, priority=900)

    setup_fragments(app)
    add_static_dir(app)
    app.add_js_file("studyguide-glossary.js", loading_method="defer")
    app.add_css_file("studyguide-glossary.css")
    add_latex_package(app, "sgglossary")
