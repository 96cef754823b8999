"""Configuration checks shared by the components: one way to report a bad setting.

Each component checks its own settings on ``config-inited`` and reports a bad
value with :func:`config_error` (the build fails; the message says what is
allowed) or :func:`config_warning` (the component goes on with a default and
the message says which).  Both are logged, not raised: Sphinx reports a
``ConfigError`` raised in a ``config-inited`` listener as a crash of the
extension ("please open an issue").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def config_error(app: Sphinx, message: str, *args: object) -> None:
    """Report a setting the build cannot go on with; the build fails."""
    logger.error(message, *args, type="studyguide", subtype="config")
    app.statuscode = 1


def config_warning(message: str, *args: object, subtype: str = "config") -> None:
    """Report a setting replaced by its default (the message names the default)."""
    logger.warning(message, *args, type="studyguide", subtype=subtype)


def is_str_list(value: object, *, nonempty: bool = False) -> bool:
    """Whether *value* is a list or tuple of strings (each non-blank if *nonempty*)."""
    return isinstance(value, list | tuple) and all(
        isinstance(item, str) and (bool(item.strip()) or not nonempty) for item in value
    )
