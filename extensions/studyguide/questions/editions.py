"""The edition being built: ``"participant"`` or ``"facilitator"`` (``-t facilitator``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

EDITIONS = ("participant", "facilitator")
#: The Sphinx tag that selects the facilitator edition (``-t facilitator``).
FACILITATOR_TAG = "facilitator"


def edition(config: Config) -> str:
    """The edition being built: ``"participant"`` or ``"facilitator"``."""
    return str(config.studyguide_edition)


def is_facilitator(config: Config) -> bool:
    """Whether facilitator notes are kept."""
    return edition(config) == "facilitator"


def _init_edition(app: Sphinx, config: Config) -> None:
    """The ``facilitator`` tag selects the facilitator edition.

    The edition is a config value with ``rebuild="env"``, so switching the tag
    re-reads every document (notes are removed at read time).
    """
    if app.tags.has(FACILITATOR_TAG):
        config.studyguide_edition = "facilitator"
    if config.studyguide_edition not in EDITIONS:
        logger.warning(
            "studyguide_edition = %r: use one of %s (or the tag '-t facilitator'); "
            "building the participant edition",
            config.studyguide_edition,
            ", ".join(map(repr, EDITIONS)),
            type="studyguide",
            subtype="config",
        )
        config.studyguide_edition = "participant"
