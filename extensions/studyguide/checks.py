"""Source checks: front-matter values the parsers accept in silence.

The front matter's ``part:``, ``runtime:`` and ``studyguide_autolink:`` are
checked at read time; a wrong value is a warning (``studyguide.front_matter``)
at its line and is dropped.

The checks of MyST Markdown as myst-parser renders it (unclosed code fences,
HTML written in Markdown shown as text, unknown domain prefixes) replace
myst-parser's Markdown parser, so they are an extension of their own that a
project asks for: ``studyguide.mystchecks`` (:mod:`studyguide.mystchecks`).
``setup()`` of ``studyguide`` neither loads myst-parser nor replaces its parser.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml
from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from studyguide.config import Setting, add_config_values, config_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)


#: Front-matter keys of the guide and what each accepts.
PART = re.compile(r"[0-9]{1,2}|[A-Za-z][A-Za-z0-9.-]{0,7}")
AUTOLINK_VALUES = ("first", "all", "off", "false", "no", "0", "none")


class FrontMatterCheck(SphinxTransform):
    """The guide's front-matter keys, checked; a wrong value is reported and dropped.

    ``part:`` numbers the questions ("Question 2.3") and titles the session
    plan, ``runtime:`` (minutes) adds the screening to its total, and
    ``studyguide_autolink:`` turns auto-linking off for one chapter.  A value
    out of range would reach the page ("Total: inf minutes") or crash a
    later stage (``int("²")``); a typo (``studyguide_autolink: of``) would be
    ignored without a word.
    """

    # Before the auto-linker (800) reads studyguide_autolink, and before the
    # metadata collector (doctree-read) copies the fields into env.metadata.
    default_priority = 790

    def apply(self, **kwargs: object) -> None:
        from studyguide.questions.helpers import MAX_MINUTES, parse_minutes

        source: list[str] | None = None
        for field in list(self.document.findall(nodes.field)):
            if not isinstance(field.parent, nodes.docinfo) or len(field) < 2:
                continue
            name = field[0].astext().strip()
            value = field[1].astext().strip()
            if name not in ("part", "runtime", "studyguide_autolink"):
                continue
            if source is None:
                source = self._front_matter()
            line, written = self._line_of(source, name)
            # myst-parser gives YAML's true, no and null as the text "True",
            # "False" and "null": only the source says which was written.
            yaml_value = _yaml_scalar(written) if written is not None else value
            if name == "part" and (yaml_value is None or isinstance(yaml_value, bool)):
                kind = "empty" if yaml_value is None else "a yes/no value"
                problem = f"is {kind} in YAML, not a part number; write e.g. 'part: 2'"
                value = (written or "").split(" #", 1)[0].strip()
            elif name == "part" and not PART.fullmatch(value):
                problem = "is not a part number; write e.g. 'part: 2'"
            elif name == "runtime" and parse_minutes(value) is None:
                problem = (
                    f"is not a number of minutes from 0.5 to {MAX_MINUTES}; "
                    "write e.g. 'runtime: 97'"
                )
            elif name == "studyguide_autolink" and value.lower() not in AUTOLINK_VALUES:
                problem = "is not one of first, all, off; the chapter keeps the setting of conf.py"
            else:
                continue
            logger.warning(
                "front matter '%s: %s' %s",
                name,
                value[:40],
                problem,
                location=(self.env.docname, line),
                type="studyguide",
                subtype="front_matter",
            )
            field.parent.remove(field)
            # myst-parser copies the front matter into env.metadata as it parses.
            self.env.metadata.get(self.env.docname, {}).pop(name, None)

    def _front_matter(self) -> list[str]:
        """The lines of the document's front matter, from the line after ``---``."""
        try:
            text = self.env.doc2path(self.env.docname).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        lines = text.splitlines()[1:200]
        end = next((i for i, line in enumerate(lines) if line.strip() == "---"), len(lines))
        return lines[:end]

    @staticmethod
    def _line_of(front_matter: list[str], key: str) -> tuple[int, str | None]:
        """The line of *key* in the front matter and its value as written, or (1, None)."""
        for number, line in enumerate(front_matter, start=2):
            match = re.match(rf"{re.escape(key)}\s*:(.*)", line)
            if match:
                return number, match[1].strip()
        return 1, None


def _yaml_scalar(written: str) -> object:
    """What YAML makes of a plain one-line value: ``True``/``False``, ``None``, else the text.

    PyYAML's resolver (YAML 1.1, as myst-parser reads front matter): ``true``,
    ``no``, ``off``... are yes/no values, ``null``, ``~`` and nothing are empty.
    """
    text = written.split(" #", 1)[0].strip()
    if len(text) > 8:
        return text
    try:
        resolved = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return text
    return resolved if resolved is None or isinstance(resolved, bool) else text


MYSTCHECKS = "studyguide.mystchecks"


def _load_mystchecks(app: Sphinx, config: Config) -> None:
    """``studyguide_html_as_text = True`` asks for the MyST checks: load them."""
    if not config.studyguide_html_as_text or MYSTCHECKS in app.extensions:
        return
    if "myst_parser" not in app.extensions:
        config_warning(
            "studyguide_html_as_text = True is for MyST Markdown, and the project does "
            "not load myst_parser; add 'myst_parser' and 'studyguide.mystchecks' to "
            "extensions in conf.py, or remove the setting"
        )
        return
    app.setup_extension(MYSTCHECKS)


def setup_checks(app: Sphinx) -> None:
    """Check the front matter; declare the setting of the (opt-in) MyST checks."""
    add_config_values(
        app,
        {
            "studyguide_html_as_text": Setting(
                False,
                "show HTML written in Markdown as text (a {raw} directive stays raw); "
                "loads studyguide.mystchecks",
            ),
        },
    )
    app.connect("config-inited", _load_mystchecks)
    app.add_transform(FrontMatterCheck)
