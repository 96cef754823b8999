"""Helpers of the questions' stages, shared with the sessions component.

Minutes, numbers and titles ("Question 2.3"), the glossary's names, and
the component's warnings.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from studyguide.collected import toctree_order
from studyguide.i18n import _
from studyguide.numbers import decimal_number

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def _warn(message: str, location: Any, subtype: str, *args: Any) -> None:
    logger.warning(message, *args, location=location, type="studyguide", subtype=subtype)


#: The longest time a question, or a part of the film, may take: ten hours.
MAX_MINUTES = 600


def parse_minutes(value: object) -> float | None:
    """A number of minutes from 0.5 to :data:`MAX_MINUTES`, or ``None``.

    Bounded, so that no "Total: 1e+30 minutes" (or 1e-07) reaches a page;
    ASCII digits only (:mod:`studyguide.numbers`).
    """
    return decimal_number(value, 0.5, MAX_MINUTES)


def format_minutes(minutes: float) -> str:
    """ "10 minutes", "1 minute", "7.5 minutes", translated."""
    if minutes == 1:
        return _("1 minute")
    return _("%s minutes") % f"{minutes:g}"


def ordered_docnames(env: BuildEnvironment, docnames: Iterable[str]) -> list[str]:
    """*docnames* in toctree order; documents outside the toctree last, sorted."""
    wanted = set(docnames)
    order = [doc for doc in toctree_order(env) if doc in wanted]
    return order + sorted(wanted - set(order))


def chapter_number(env: BuildEnvironment, docname: str) -> str | None:
    """The chapter's number: front matter ``part:``, else its toctree position."""
    part = env.metadata.get(docname, {}).get("part")
    if part is not None and str(part).strip():
        return str(part).strip()
    order = toctree_order(env)
    if docname in order:
        return str(order.index(docname) + 1)
    return None


def question_number_text(env: BuildEnvironment, docname: str, index: int) -> str:
    """The number of the *index*-th (1-based) question of *docname*: "2.3"."""
    chapter = chapter_number(env, docname)
    return f"{chapter}.{index}" if chapter else str(index)


def question_title(env: BuildEnvironment, docname: str, index: int) -> str:
    """ "Question 2.3", translated."""
    return _("Question %s") % question_number_text(env, docname, index)


def chapter_title(env: BuildEnvironment, docname: str) -> str:
    """The chapter's title, as text."""
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def known_term_names(env: BuildEnvironment) -> dict[str, str]:
    """Names a ``:terms:`` entry may use, lower-cased -> as written.

    Every glossary term and alias is a standard-domain ``term`` object (the
    glossary component registers both), and Sphinx matches them ignoring case.
    """
    std = env.domains.standard_domain
    names: dict[str, str] = {}
    for (objtype, name), _value in std.objects.items():
        if objtype == "term":
            names.setdefault(name.lower(), name)
    return names


def unknown_term_hint(env: BuildEnvironment, term: str) -> str | None:
    """``None`` when *term* is a glossary name, else a "did you mean" hint.

    Asks the glossary component's data (aliases, suggestions) when it is
    loaded, else the standard domain's terms.
    """
    glossary = glossary_data(env)
    if glossary is not None:
        if glossary.lookup(term) is not None:
            return None
        suggestion = glossary.suggest(term)
    else:
        terms = known_term_names(env)
        if term.lower() in terms:
            return None
        close = difflib.get_close_matches(term.lower(), terms, n=1)
        suggestion = terms[close[0]] if close else None
    if suggestion:
        return f"; did you mean {suggestion!r}?"
    return "; use a term or alias of the glossary"


def glossary_failed(env: BuildEnvironment) -> bool:
    """Whether the glossary component is loaded but its file could not be used.

    Its error is reported already; a warning for every ``:terms:`` name would
    bury it.
    """
    try:
        from studyguide.glossary.domain import get_glossary
    except ImportError:
        return False
    try:
        return not get_glossary(env).ok
    except Exception:
        return False


def glossary_data(env: BuildEnvironment) -> Any:
    """The glossary component's data, or ``None`` without a usable glossary."""
    try:
        from studyguide.glossary.domain import get_glossary
    except ImportError:  # the guide's glossary component is optional
        return None
    try:
        glossary = get_glossary(env)
    except Exception:
        return None
    return glossary if glossary.ok and glossary.entries else None
