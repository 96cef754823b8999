"""A complete search index after incremental HTML builds (a Sphinx 9.0 bug, worked around).

Sphinx keeps the index entries of the search index (``indexentries`` in
``searchindex.js``: what the index page lists) in the environment, but feeds
them while *writing*, after the environment was pickled.  An incremental
build therefore starts with none, feeds only the pages it writes again, and
publishes a ``searchindex.js`` without the entries of every other page (131
entries -> 0 on the guide, reproduced without this extension; upstream
https://github.com/sphinx-doc/sphinx/issues/12599).

The repair:

* ``write-started``: every page's entries are put back from the build's own
  data, the index domain's entries collected while reading (the same entries
  Sphinx feeds from the written page), never from the old ``searchindex.js``:
  an entry injected into that file cannot reach the new one;
* ``build-finished``: the SHA-256 of the ``searchindex.js`` just written is
  kept beside the environment (``studyguide-searchindex-<builder>.json``);
* ``env-get-outdated``: Sphinx reads the old ``searchindex.js`` back (its
  words, titles and file names of the pages it does not write again).  A file
  that is not the one the last build wrote (another digest, none, a build
  killed before it finished), or whose shape is not a search index's, is
  deleted before Sphinx reads it, and every page is read and written again:
  the index is rebuilt whole.  A page missing from a trusted index is read
  again as well.

Nothing happens for builders without a search index (LaTeX, EPUB).  The
build directory as a whole is trusted (Sphinx's ``environment.pickle`` is a
pickle): the README says it must not come from an untrusted source.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.search import js_index
from sphinx.util.index_entries import split_index_msg

from studyguide._compat import search_index_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


def _index_path(builder: Builder) -> Path | None:
    """The builder's ``searchindex.js``, or None when it writes no search index."""
    name = getattr(builder, "searchindex_filename", None)
    if not getattr(builder, "search", False) or not name:
        return None
    return Path(builder.outdir) / name


def _digest_path(builder: Builder) -> Path:
    return Path(builder.doctreedir) / f"studyguide-searchindex-{builder.name}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _written_by_last_build(builder: Builder, path: Path, data: bytes) -> bool:
    """Whether *data* is the ``searchindex.js`` the last build wrote (its digest, kept)."""
    try:
        kept = json.loads(_digest_path(builder).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return (
        isinstance(kept, dict)
        and kept.get("file") == str(path)
        and kept.get("sha256") == _digest(data)
    )


def _is_index(i: object, size: int) -> bool:
    return isinstance(i, int) and not isinstance(i, bool) and 0 <= i < size


def _is_frozen_index(data: object) -> bool:
    """Whether *data* has the shape of what Sphinx writes and reads back (``IndexBuilder``)."""
    if not isinstance(data, dict):
        return False
    docnames = data.get("docnames")
    if not isinstance(docnames, list) or not all(isinstance(d, str) for d in docnames):
        return False
    size = len(docnames)
    for key in ("filenames", "titles"):
        values = data.get(key)
        if not isinstance(values, list) or len(values) != size:
            return False
        if not all(isinstance(value, str) for value in values):
            return False
    for key in ("terms", "titleterms"):
        mapping = data.get(key)
        if not isinstance(mapping, dict):
            return False
        for places in mapping.values():
            listed = places if isinstance(places, list) else [places]
            if not all(_is_index(place, size) for place in listed):
                return False
    alltitles = data.get("alltitles")
    if not isinstance(alltitles, dict):
        return False
    for places in alltitles.values():
        if not isinstance(places, list) or not all(
            isinstance(place, list)
            and len(place) == 2
            and _is_index(place[0], size)
            and (place[1] is None or isinstance(place[1], str))
            for place in places
        ):
            return False
    entries = data.get("indexentries")
    if not isinstance(entries, dict):
        return False
    return all(
        isinstance(places, list)
        and all(
            isinstance(place, list)
            and len(place) == 3
            and _is_index(place[0], size)
            and isinstance(place[1], str)
            and isinstance(place[2], bool)
            for place in places
        )
        for places in entries.values()
    )


def _trusted_index(builder: Builder, path: Path) -> dict[str, Any] | None:
    """The index the last build wrote, if *path* holds it and it is well formed.

    Anything else there is deleted, so that Sphinx does not read it back
    either (it would carry its words forward, or fail on a bad shape).
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    frozen: Any = None
    if _written_by_last_build(builder, path, data):
        try:
            frozen = js_index.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            frozen = None
    if not _is_frozen_index(frozen):
        # If it cannot be deleted, Sphinx warns that the index could not be loaded.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
        return None
    result: dict[str, Any] = frozen
    return result


def pages_missing_from_index(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages the last search index lacks (all of them, if it cannot be trusted): read again."""
    path = _index_path(app.builder)
    if path is None or not env.all_docs:
        return []
    frozen = _trusted_index(app.builder, path)
    indexed = set(frozen["docnames"]) if frozen else set()
    missing = set(env.all_docs) - indexed
    return sorted(missing - added - changed - removed)


def own_entries(env: BuildEnvironment, docname: str) -> list[tuple[str, str, str]]:
    """The page's search-index entries, as Sphinx feeds them from the written page.

    From the index domain's entries of the page (collected while reading, in
    the pickled environment): the same split, the same "see" handling, sorted.
    """
    found: set[tuple[str, str, str]] = set()
    for entry_type, value, target_id, main, _key in env.domains.index_domain.entries.get(
        docname, []
    ):
        try:
            parts = split_index_msg(entry_type, value)
        except ValueError:
            continue
        target = target_id or ""
        if entry_type in {"see", "seealso"}:
            found.add((parts[0], target, main))
        found |= {(part, target, main) for part in parts}
    return sorted(found)


def restore_index_entries(app: Sphinx, builder: Builder) -> None:
    """Put back every page's index entries, from the build's own data."""
    if _index_path(builder) is None:
        return
    env = builder.env
    entries = search_index_entries(env)
    # Every page in name order, as a fresh build feeds them (the written pages
    # replace their value in place): the same searchindex.js, byte for byte.
    complete = {docname: own_entries(env, docname) for docname in sorted(env.all_docs)}
    entries.clear()
    entries.update(complete)


def keep_digest(app: Sphinx, exception: BaseException | None) -> None:
    """Remember which ``searchindex.js`` this build wrote (build-finished)."""
    path = _index_path(app.builder)
    if path is None or exception is not None:
        return
    digest = _digest_path(app.builder)
    try:
        record = {"file": str(path), "sha256": _digest(path.read_bytes())}
        digest.parent.mkdir(parents=True, exist_ok=True)
        digest.write_text(json.dumps(record), encoding="utf-8")
    except OSError:
        # No digest: the next build rebuilds the index whole.
        with contextlib.suppress(OSError):
            digest.unlink(missing_ok=True)


def setup_searchindex(app: Sphinx) -> None:
    """Keep ``searchindex.js`` complete across incremental builds, from the build's own data."""
    app.connect("env-get-outdated", pages_missing_from_index)
    app.connect("write-started", restore_index_entries)
    app.connect("build-finished", keep_digest)
