"""Doctree nodes of the glossary component."""

from __future__ import annotations

from docutils import nodes


class sg_term_reference(nodes.reference):
    """A resolved link to a glossary entry: an auto-linked mention or a ``{term}``.

    Carries ``sg_tip`` (the short definition, for the HTML tooltip) and
    ``sg_pageref`` (print the entry's page number after it in LaTeX).  Builders
    without a visitor of their own render it as a plain reference.
    """


class sg_backref(nodes.reference):
    """A "Mentioned in" link from a glossary entry back to a chapter section."""


class sg_page_mark(nodes.Inline, nodes.Element):
    """Where the page of a glossary entry is printed in LaTeX: " (p. 42)".

    Carries the link's ``refuri`` or ``refid``; placed after the term's whole
    phrase (outside italics and quotes, after a gloss in parentheses).
    """


class sg_mentions(nodes.General, nodes.Element):
    """Placeholder for an entry's "Mentioned in" line, filled on doctree-resolved."""


class glossary_mention(nodes.inline):
    """A mention the auto-linker found, until written: its text and its entry.

    Carries ``sg_term`` (the entry), ``sg_index`` (the id its index entry names)
    and ``sg_pageref`` (the first mention in its section).  On doctree-resolved
    it becomes the link a ``{term}`` makes; left alone, it prints as its text.
    One node a mention, not three: the doctrees Sphinx keeps between reading
    and writing stay small.
    """


class sg_glossary_fragment(nodes.General, nodes.Element):
    """A glossary entry as written last time (HTML builders only).

    Carries ``html`` (the entry's HTML, ``<dt>`` to ``</dd>``), the texts the
    search index takes from the entry (its Text children) and the entry's
    index nodes; see :mod:`studyguide.glossary.fragments`.
    """


class sg_packed_entries(nodes.General, nodes.Element):
    """The entries of one list of the glossary page, each pickled on its own.

    From doctree-read to the first post-transform, which gives the list its
    entries back; see :mod:`studyguide.glossary.fragments`.
    """
