"""Configuration shared by the components: one way to declare a setting and to report a bad one.

Each component declares its settings as a table of :class:`Setting` rows
(:func:`add_config_values`), checks them on ``config-inited`` and reports a bad
value with :func:`config_error` (the build fails; the message says what is
allowed) or :func:`config_warning` (the component goes on with a default and
the message says which).  Both are logged, not raised: Sphinx reports a
``ConfigError`` raised in a ``config-inited`` listener as a crash of the
extension ("please open an issue").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

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


class Setting(NamedTuple):
    """A config value of the extension, as ``app.add_config_value`` takes it (less its name)."""

    default: Any
    description: str = ""
    #: The types a value may have; none given: the default's.
    types: Collection[type] = ()
    #: What a change of the value rebuilds: every document ("env") or the HTML pages.
    rebuild: Literal["env", "html"] = "env"


def add_config_values(app: Sphinx, settings: Mapping[str, Setting]) -> None:
    """Declare each of *settings* (name -> :class:`Setting`), typed and described."""
    for name, setting in settings.items():
        app.add_config_value(
            name,
            setting.default,
            setting.rebuild,
            types=frozenset(setting.types or {type(setting.default)}),
            description=setting.description,
        )
