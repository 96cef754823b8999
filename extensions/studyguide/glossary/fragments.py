"""The glossary page's entries: packed until written, and in HTML reused when unchanged.

On a large guide the glossary page is the slowest page to write (2,000
entries: their "Mentioned in" lines, links and search words), and an edit
that adds one mention makes it written again.  Two things keep that cheap:

* **packed entries.** On ``doctree-read`` (after the collectors and domains
  took what they need) each entry of the page is pickled on its own, and the
  page's lists hold one :class:`~studyguide.glossary.nodes.sg_packed_entries`
  node each: the doctree Sphinx keeps and loads is a few nodes, not a hundred
  objects an entry for the garbage collector to walk.  The first
  post-transform (priority 1, every builder) gives the entries back, with
  their ids in ``document.ids``, before anything else sees the page;
* **stored HTML (html, dirhtml).** On ``html-page-context`` of the glossary
  page, the HTML of each entry written in full is cut out of the page's body
  (from its ``<dt>`` to its ``</dd>``) and stored with its *signature* and the
  texts the search index takes from it, in
  ``studyguide-glossary-<builder>.json`` beside the doctrees.  Next build,
  each entry whose signature is unchanged comes back as a
  :class:`~studyguide.glossary.nodes.sg_glossary_fragment` holding that HTML,
  those texts (Sphinx's search index reads them as it read the entry) and the
  entry's index entries; it is not unpickled, resolved, given its "Mentioned
  in" line or translated.

A signature holds everything an entry's HTML depends on: the glossary page
as read (``env.all_docs`` changes when it is read again, e.g. after an edit of
the data), the builder, its translator and tags, Sphinx's and docutils'
versions, every file of this package (code, templates, static files, message
catalogs), the project's catalogs and templates, every configuration value, the entry's
mentions with the titles of their documents, and where its see-also links
lead.  A store that does not match is ignored, so a change of any of these
writes the entries in full again.  The page is the same, byte for byte, as
when every entry is written in full (``tests/test_glossary.py``).

The store is JSON, plain data and HTML strings: reading it cannot run code
(a pickle would run whatever the file says).  It is read back from the build
directory, so it is checked before use: a store that is not a mapping of
entries each of the stored shape (a signature's hex digits, an entry's HTML
from its ``<dt id="...">`` with the entry's id to its ``</dd>``, texts, a flag)
is ignored as a whole, and every entry is written in full.

Written in full always: the page's first entry (a meta description may be
taken from the first paragraph), entries whose see-also link is not an exact
glossary term, and every entry of a list none of whose reused entries has two
paragraphs (docutils marks a list of one-paragraph items ``simple``; a stored
entry would hide that).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import tempfile
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docutils
import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.search import SearchLanguage
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import clean_astext

from studyguide.glossary.domain import get_domain
from studyguide.glossary.nodes import sg_glossary_fragment, sg_mentions, sg_packed_entries
from studyguide.nodeutil import connect_page_context

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment
    from sphinx.writers.html5 import HTML5Translator

#: Builders whose pages are written one document a page (singlehtml assembles
#: one tree; EPUB is left as it is).
BUILDERS = frozenset({"html", "dirhtml"})
#: The document attribute holding this build's signatures, node id -> signature.
SIGNATURES = "sg_fragment_signatures"
#: Where an entry's HTML starts, and where its list ends.
# [^<>]: a tag ends before the next one starts (HTML escapes both in attributes),
# so a run of "<dt" without ">" is not scanned again from each (quadratic).
_BOUNDARY = re.compile(r"<dt\b[^<>]*>|</dl>")
_ID = re.compile(r'\sid="([^"]*)"')
#: A stored entry: signature, HTML, the words (or texts) the search index takes,
#: two paragraphs or more.
Stored = tuple[bytes, str, tuple[str, ...], bool]
#: A packed entry: node id, term, its links (domain, type, target), its index
#: nodes' entries, the ids it held in the document, the pickled item.
Packed = tuple[
    str, str, tuple[tuple[str, str, str], ...], tuple[list[Any], ...], tuple[str, ...], bytes
]


def _plain(value: Any) -> Any:
    """*value* as a stable, comparable form: plain data as it is, anything else by type.

    A function or an object of a conf.py has no stable form from build to build;
    its type stands for it (as in Sphinx's own configuration hash).
    """
    if value is None or isinstance(value, str | int | float | bool | bytes):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(item) for item in value]
        return (
            type(value).__name__,
            sorted(items, key=repr) if isinstance(value, set | frozenset) else items,
        )
    if isinstance(value, dict):
        items = [(repr(_plain(k)), _plain(v)) for k, v in value.items()]
        return ("dict", sorted(items, key=lambda item: item[0]))
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def _files_digest(digest: Any, label: str, folder: Path, suffixes: tuple[str, ...] = ()) -> None:
    """Add each file under *folder* (name and content) to *digest*."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        if suffixes and path.suffix not in suffixes:
            continue
        try:
            content = path.read_bytes()
        except OSError:
            content = b"unreadable"
        digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
        digest.update(hashlib.blake2b(content, digest_size=20).digest())


def _input_stamp(builder: Builder) -> str:
    """A digest of every input of the entries besides the documents.

    Sphinx's and docutils' versions; this package's files (code, templates,
    static files, its message catalogs, wherever ``studyguide.i18n`` loads them
    from); the project's catalogs (``locale_dirs``) and templates
    (``templates_path``); and every configuration value, whatever its rebuild
    kind (Sphinx's own hash covers the ``html`` ones only).  By content, not
    by time: a catalog edited and compiled again within one second still counts.
    """
    from studyguide import i18n

    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{sphinx.__version__} {docutils.__version__}\0".encode())
    package = Path(__file__).resolve().parent.parent
    _files_digest(digest, "package", package)
    locale_dir = Path(i18n.LOCALE_DIR).resolve()
    if not locale_dir.is_relative_to(package):
        _files_digest(digest, "catalogs", locale_dir)
    config = builder.config
    srcdir = Path(builder.srcdir)
    for folder in config.locale_dirs or ():
        _files_digest(digest, "locale", srcdir / folder, (".mo", ".po"))
    for folder in config.templates_path or ():
        _files_digest(digest, "templates", srcdir / folder)
    values = sorted((item.name, _plain(item.value)) for item in config)
    digest.update(repr(values).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _store_path(builder: Builder) -> Path:
    return Path(builder.doctreedir) / f"studyguide-glossary-{builder.name}.json"


def _splitter(builder: Builder | None) -> Callable[[str], list[str]] | None:
    """The search index's splitter where it finds ``\\w+`` runs, else None.

    Its words joined by spaces split into the same words, so an entry can
    keep its distinct words; with another splitter (Chinese, Japanese) it
    keeps its texts.
    """
    lang = getattr(getattr(builder, "indexer", None), "lang", None)
    if not isinstance(lang, SearchLanguage) or type(lang).split is not SearchLanguage.split:
        return None
    # Read only: where a later Sphinx names it otherwise, entries keep their texts.
    pattern = getattr(lang, "_word_re", None)
    return lang.split if getattr(pattern, "pattern", None) == r"\w+" else None


def _page_key(builder: Builder, env: BuildEnvironment, docname: str) -> tuple[Any, ...] | None:
    """What every entry of the page depends on; None where nothing may be reused."""
    info = getattr(builder, "build_info", None)
    if builder.name not in BUILDERS or info is None:
        return None
    translator = builder.get_translator_class()
    return (
        _input_stamp(builder),
        builder.name,
        f"{translator.__module__}.{translator.__qualname__}",
        info.config_hash,
        info.tags_hash,
        docname,
        env.all_docs.get(docname),
        _splitter(builder) is not None,
    )


#: The store's format; another number (an older store) is ignored.
FORMAT = 1
#: The largest store read back: 2,000 entries take a few megabytes.
MAX_STORE_BYTES = 64 * 1024 * 1024
_SIGNATURE = re.compile(r"[0-9a-f]{40}")


def _page_digest(page: tuple[Any, ...]) -> str:
    """The page key as the store keeps it (JSON has no tuples): a digest of its repr."""
    return hashlib.blake2b(repr(page).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def _stored_entry(node_id: object, value: object) -> Stored | None:
    """One entry of the store as the build uses it, or None if it has another shape."""
    if not isinstance(node_id, str) or not isinstance(value, list) or len(value) != 4:
        return None
    signature, html, texts, two_paragraphs = value
    if not (
        isinstance(signature, str)
        and _SIGNATURE.fullmatch(signature)
        and isinstance(html, str)
        and isinstance(texts, list)
        and all(isinstance(text, str) for text in texts)
        and isinstance(two_paragraphs, bool)
    ):
        return None
    # What _body_entries cut out of a page: one entry, with this id.
    start = _BOUNDARY.match(html)
    id_match = _ID.search(start.group()) if start and start.group().startswith("<dt") else None
    if (
        id_match is None
        or id_match.group(1) != node_id
        or not html.endswith("</dd>\n")
        or "<dl" in html
    ):
        return None
    return bytes.fromhex(signature), html, tuple(texts), two_paragraphs


def _load(builder: Builder, page: tuple[Any, ...]) -> dict[str, Stored]:
    """The stored entries of *page*; none if the store is missing, of another page or unsound.

    The build directory is not trusted: any entry of another shape discards
    the whole store (every entry is then written in full, as in a clean build).
    """
    path = _store_path(builder)
    try:
        if path.stat().st_size > MAX_STORE_BYTES:
            return {}
        store = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(store, dict)
        or store.get("format") != FORMAT
        or store.get("page") != _page_digest(page)
        or not isinstance(store.get("entries"), dict)
    ):
        return {}
    entries: dict[str, Stored] = {}
    for node_id, value in store["entries"].items():
        entry = _stored_entry(node_id, value)
        if entry is None:
            return {}
        entries[node_id] = entry
    return entries


def _save(builder: Builder, page: tuple[Any, ...], entries: dict[str, Stored]) -> None:
    path = _store_path(builder)
    store = {
        "format": FORMAT,
        "page": _page_digest(page),
        "entries": {
            node_id: [signature.hex(), html, list(texts), two_paragraphs]
            for node_id, (signature, html, texts, two_paragraphs) in entries.items()
        },
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".studyguide-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(store, stream, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError:
        pass  # a cache: the next build writes every entry in full


def _entry_signature(
    term: str,
    links: tuple[tuple[str, str, str], ...],
    env: BuildEnvironment,
    found: list[Any],
    titles: dict[str, str],
) -> bytes | None:
    """A digest of what the entry's HTML depends on besides the page.

    None: the entry is always written in full.
    """
    objects = env.domains.standard_domain.objects
    targets = []
    for domain, reftype, target in links:
        if domain != "std" or reftype != "term":
            return None
        resolved = objects.get(("term", target))
        if resolved is None:
            return None  # resolved another way (case, missing-reference): not followed here
        targets.append((target, tuple(resolved)))
    mentions = []
    for docname, in_doc in found:
        if docname not in titles:
            titles[docname] = (
                clean_astext(env.titles[docname]) if docname in env.titles else docname
            )
        mentions.append((docname, titles[docname], [tuple(mention) for mention in in_doc]))
    text = repr((term, mentions, targets)).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=20).digest()


def pack_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Pickle each entry of the glossary page on its own (doctree-read, after the collectors).

    The page's doctree is then a few nodes, not a hundred objects an entry:
    an incremental build that writes the page loads (and the garbage
    collector walks) only the entries it writes in full.
    """
    if not doctree.get("sg_glossary_page"):
        return
    for dlist in list(doctree.findall(nodes.definition_list)):
        if "sg-glossary" not in dlist["classes"] or not all(
            isinstance(item, nodes.definition_list_item) for item in dlist.children
        ):
            continue
        packed = [_pack(doctree, item) for item in dlist.children]
        dlist.clear()
        dlist += sg_packed_entries(sg_entries=packed)


def _pack(document: nodes.document, item: nodes.Element) -> Packed:
    term = item.next_node(nodes.term)
    node_id = term["ids"][0] if term is not None and term["ids"] else ""
    placeholder = item.next_node(sg_mentions)
    name = placeholder["term"] if placeholder is not None else ""
    links = tuple(
        (xref.get("refdomain", ""), xref.get("reftype", ""), xref.get("reftarget", ""))
        for xref in item.findall(addnodes.pending_xref)
    )
    index_entries = tuple(list(index["entries"]) for index in item.findall(addnodes.index))
    ids = []
    for node in item.findall():
        # Its place in the document comes back with its parent when unpacked.
        node.document = None
        if isinstance(node, nodes.Element):
            for held in node["ids"]:
                if document.ids.get(held) is node:
                    del document.ids[held]
                    ids.append(held)
    item.parent = None
    blob = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    return node_id, name, links, index_entries, tuple(ids), blob


def _unpack(document: nodes.document, entry: Packed) -> nodes.Element:
    item: nodes.Element = pickle.loads(entry[5])
    if entry[4]:
        wanted = set(entry[4])
        for node in item.findall(nodes.Element):
            for held in node["ids"]:
                if held in wanted:
                    document.ids[held] = node
    return item


class UnpackGlossaryEntries(SphinxPostTransform):
    """Give the glossary page its entries back: stored HTML where unchanged, else in full.

    Runs first of the post-transforms, for every builder; only the HTML
    builders reuse stored entries, and those are not resolved at all.
    """

    default_priority = 1

    def run(self, **kwargs: Any) -> None:
        packs = list(self.document.findall(sg_packed_entries))
        if not packs:
            return
        reusable = self.reusable([entry for pack in packs for entry in pack["sg_entries"]])
        # The search index takes a set of words: each word (or text) once for the page.
        indexed: set[str] = set()
        words = _splitter(get_domain(self.env).fragment_builder) is not None
        for pack in packs:
            entries: list[Packed] = pack["sg_entries"]
            # A list of one-paragraph entries may be "simple": write those in full.
            reuse = any(reusable[entry[0]][3] for entry in entries if entry[0] in reusable)
            items: list[nodes.Node] = []
            restore = []
            run: list[Packed] = []  # consecutive entries put back: one node
            for entry in [*entries, None]:
                kept = reusable.get(entry[0]) if reuse and entry is not None else None
                if kept is not None and entry is not None:
                    run.append(entry)
                    continue
                if run:
                    items.append(_fragment(run, reusable, indexed, words))
                    run = []
                if entry is not None:
                    item = _unpack(self.document, entry)
                    restore.append((item, item.source, item.line))
                    items.append(item)
            pack.replace_self(items)
            for item, source, line in restore:
                item.source, item.line = source, line

    def reusable(self, entries: list[Packed]) -> dict[str, Stored]:
        """Node id -> stored entry, for the entries whose signature is unchanged."""
        env = self.env
        docname = env.docname
        domain = get_domain(env)
        builder = domain.fragment_builder
        if builder is None or docname not in domain.glossary_docs:
            return {}
        page = _page_key(builder, env, docname)
        if page is None:
            return {}
        stored = _load(builder, page)
        by_term = domain.mentions_in_toctree_order()
        titles: dict[str, str] = {}
        signatures: dict[str, bytes] = {}
        reusable: dict[str, Stored] = {}
        for position, (node_id, term, links, _index, _ids, _blob) in enumerate(entries):
            if not node_id or not term:
                continue
            signature = _entry_signature(term, links, env, by_term.get(term, []), titles)
            if signature is None:
                continue
            signatures[node_id] = signature
            kept = stored.get(node_id)
            # The first entry stays: a description may be taken from its paragraph.
            if position and kept is not None and kept[0] == signature:
                reusable[node_id] = kept
        self.document[SIGNATURES] = (page, signatures)
        return reusable


def _fragment(
    run: list[Packed], reusable: dict[str, Stored], indexed: set[str], words: bool
) -> sg_glossary_fragment:
    """Consecutive entries put back: their HTML, search words and index entries in one node."""
    stored = [(entry[0], reusable[entry[0]]) for entry in run]
    fragment = sg_glossary_fragment(sg_entries=stored, support_smartquotes=False)
    new = [text for _id, kept in stored for text in kept[2] if text not in indexed]
    new = list(dict.fromkeys(new))
    indexed.update(new)
    if words:
        # Words as the splitter gives them back: one text, split into the same words.
        fragment += nodes.Text(" ".join(new))
    else:
        fragment.extend(nodes.Text(text) for text in new)
    fragment += addnodes.index(
        entries=[found for entry in run for kept in entry[3] for found in kept]
    )
    return fragment


def visit_fragment_html(self: HTML5Translator, node: sg_glossary_fragment) -> None:
    self.body.append("".join(kept[1] for _id, kept in node["sg_entries"]))
    raise nodes.SkipNode


def _search_texts(item: nodes.Element) -> tuple[str, ...] | None:
    """The texts Sphinx's search index takes from *item*, or None if it takes more.

    As ``sphinx.search``: every Text node, except under comments and elements
    of class ``no-search``; raw HTML, titles and meta keywords are not kept
    (None: the entry is not stored).
    """
    texts: list[str] = []

    def walk(node: nodes.Node) -> bool:
        if isinstance(node, nodes.comment):
            return True
        if isinstance(node, (nodes.raw, nodes.title, nodes.meta)):
            return False
        if isinstance(node, nodes.Element) and "no-search" in node["classes"]:
            return True
        if isinstance(node, nodes.Text):
            texts.append(str(node))
            return True
        return all(walk(child) for child in node.children)

    return tuple(dict.fromkeys(texts)) if walk(item) else None


def _body_entries(body: str) -> dict[str, str]:
    """Node id -> the HTML of each ``<dt>``...``</dd>`` entry of the page's lists."""
    found: dict[str, str] = {}
    boundaries = list(_BOUNDARY.finditer(body))
    for match, following in pairwise(boundaries):
        if not match.group().startswith("<dt"):
            continue
        id_match = _ID.search(match.group())
        fragment = body[match.start() : following.start()]
        if id_match and fragment.endswith("</dd>\n") and "<dl" not in fragment:
            found[id_match.group(1)] = fragment
    return found


def store_entries(app: Sphinx, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Keep the HTML of the glossary page's entries for the next build (html-page-context)."""
    if doctree is None or SIGNATURES not in doctree:
        return
    page, signatures = doctree[SIGNATURES]
    # The entries put back this time are still valid; the others are cut out of the page.
    entries: dict[str, Stored] = {
        node_id: kept
        for fragment in doctree.findall(sg_glossary_fragment)
        for node_id, kept in fragment["sg_entries"]
    }
    split = _splitter(app.builder)
    written = _body_entries(context.get("body", ""))
    for node_id, item in _entries_written(doctree):
        if node_id not in signatures or node_id not in written:
            continue
        texts = _search_texts(item)
        if texts is None:
            continue
        if split is not None:
            texts = tuple(dict.fromkeys(word for text in texts for word in split(text)))
        definition = item.next_node(nodes.definition)
        paragraphs = (
            sum(isinstance(child, nodes.paragraph) for child in definition.children)
            if definition is not None
            else 0
        )
        entries[node_id] = (signatures[node_id], written[node_id], texts, paragraphs > 1)
    _save(app.builder, page, entries)


def _entries_written(document: nodes.document) -> list[tuple[str, nodes.Element]]:
    """(node id, item) of each entry written in full."""
    found = []
    for dlist in document.findall(nodes.definition_list):
        for item in dlist.children:
            if isinstance(item, nodes.definition_list_item):
                term = item.next_node(nodes.term)
                if term is not None and term["ids"]:
                    found.append((term["ids"][0], item))
    return found


def note_builder(app: Sphinx) -> None:
    """Which builder's stored entries may be reused: an HTML builder's only."""
    reuses = app.builder.name in BUILDERS and hasattr(app.builder, "build_info")
    get_domain(app.env).fragment_builder = app.builder if reuses else None


def setup_fragments(app: Sphinx) -> None:
    """Register the reuse of stored entries (HTML builders only)."""
    app.connect("builder-inited", note_builder)
    app.add_node(sg_glossary_fragment, html=(visit_fragment_html, None))
    app.add_post_transform(UnpackGlossaryEntries)
    # After the collectors and the domains took what they need from the entries.
    app.connect("doctree-read", pack_entries, priority=900)
    connect_page_context(app, store_entries)
