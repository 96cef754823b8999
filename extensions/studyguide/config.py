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

from studyguide.i18n import _

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from sphinx.application import Sphinx
    from sphinx.config import Config

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


# -- The kind of work the guide studies ----------------------------------------------

#: ``studyguide_work_kind``: the words of the session plans and videos follow it.
WORK_KINDS = ("film", "book", "other")


class WorkWords(NamedTuple):
    """The words for the work a guide studies, translated (``studyguide_work_kind``)."""

    #: The session plan's line naming the part studied ("Film: Part I ...").
    work: str
    #: The agenda's segment where the group watches or reads together.
    together_segment: str
    #: The three formats' titles: ``%s`` the meeting's minutes; the long
    #: meeting's length; the two meetings' (``%(first)s``: the first meeting's
    #: length, where it is known; ``%(second)s``: the second's minutes).
    beforehand_format: str
    long_format: str
    two_format: str
    two_format_open: str
    #: When the key terms come, in the formats that study the part together.
    key_terms_when: str
    #: A video's label in print and in EPUB.
    video: str
    #: An agenda's note where the chapter gives no ``runtime:``.
    no_runtime: str


def work_words(config: Config | None) -> WorkWords:
    """The words for ``studyguide_work_kind`` (film, book or other; "film" without a config)."""
    kind = getattr(config, "studyguide_work_kind", "film") if config is not None else "film"
    if kind == "book":
        return WorkWords(
            str(_("Book")),
            str(_("Reading")),
            str(_("Read beforehand (%s-minute meeting)")),
            str(_("Read together, one long meeting with a break (%s)")),
            str(
                _(
                    "Read together, two meetings: the reading and a short talk (%(first)s), "
                    "then the discussion (%(second)s-minute meeting)"
                )
            ),
            str(
                _(
                    "Read together, two meetings: the reading and a short talk, "
                    "then the discussion (%(second)s-minute meeting)"
                )
            ),
            str(_("When the group reads together, before the reading.")),
            str(_("Watch this video")),
            str(_("The chapter gives no length: add the reading's minutes to the total.")),
        )
    if kind == "other":
        return WorkWords(
            str(_("Work")),
            str(_("Time with the work")),
            str(_("Studied beforehand (%s-minute meeting)")),
            str(_("Studied together, one long meeting with a break (%s)")),
            str(
                _(
                    "Studied together, two meetings: time with the work and a short talk "
                    "(%(first)s), then the discussion (%(second)s-minute meeting)"
                )
            ),
            str(
                _(
                    "Studied together, two meetings: time with the work and a short talk, "
                    "then the discussion (%(second)s-minute meeting)"
                )
            ),
            str(_("When the group studies the work together, before that time.")),
            str(_("Watch this video")),
            str(_("The chapter gives no length: add the time with the work to the total.")),
        )
    return WorkWords(
        str(_("Film")),
        str(_("Screening")),
        str(_("Watched beforehand (%s-minute meeting)")),
        str(_("Watched together, one long meeting with a break (%s)")),
        str(
            _(
                "Watched together, two meetings: screening and a short talk (%(first)s), "
                "then the discussion (%(second)s-minute meeting)"
            )
        ),
        str(
            _(
                "Watched together, two meetings: screening and a short talk, "
                "then the discussion (%(second)s-minute meeting)"
            )
        ),
        str(_("When the group watches together, before the screening.")),
        str(_("Watch this part of the film")),
        str(_("The chapter gives no running time: add the screening's length to the total.")),
    )


def _check_work_kind(app: Sphinx, config: Config) -> None:
    if config.studyguide_work_kind not in WORK_KINDS:
        config_error(
            app,
            "studyguide_work_kind = %r is not allowed; use one of %s (in conf.py)",
            config.studyguide_work_kind,
            ", ".join(repr(kind) for kind in WORK_KINDS),
        )
        config.studyguide_work_kind = "other"


def setup_config(app: Sphinx) -> None:
    """Declare the settings every component reads (``studyguide_work_kind``)."""
    add_config_values(
        app,
        {
            "studyguide_work_kind": Setting(
                "other",
                "the kind of work studied: 'film', 'book' or 'other' (the words of the "
                "session plans and videos: Film/Screening, Book/Reading, Work)",
            ),
        },
    )
    app.connect("config-inited", _check_work_kind)
