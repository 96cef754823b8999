"""The glossary page's stored entries are JSON, checked on load: nothing read back runs or breaks.

``studyguide-glossary-html.json`` (beside the doctrees) is read back from the
build directory; a store of the wrong shape is ignored as a whole and the page
comes out as a clean build writes it.  The old pickle store is never read.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from test_glossary import build, copy_root, messages, rebuild

#: Each step's edit of ch2.md: a mention added and one removed, and back.
EDIT = (
    "but {term}`Popular Unity` is.",
    "but Popular Unity is not.\n\n## New\n\n{term}`MAPU-OC` split.",
)


def store_path(doctreedir: Path) -> Path:
    return Path(doctreedir) / "studyguide-glossary-html.json"


def first_entry(store: dict[str, Any]) -> list[Any]:
    entry: list[Any] = next(iter(store["entries"].values()))
    return entry


def bad_entry_value(store: dict[str, Any], value: object) -> None:
    store["entries"][next(iter(store["entries"]))] = value


def bad_field(position: int, value: object) -> Any:
    def corrupt(store: dict[str, Any]) -> None:
        first_entry(store)[position] = value

    return corrupt


def other_id(store: dict[str, Any]) -> None:
    entry = first_entry(store)
    entry[1] = entry[1].replace('id="term-', 'id="other-', 1)


#: Ways to corrupt a sound store (a function of the parsed store) or its text.
CORRUPTIONS: dict[str, Any] = {
    "entry not a list": lambda store: bad_entry_value(store, "x"),
    "entry too short": lambda store: bad_entry_value(store, ["00" * 20, "<dt>"]),
    "signature not hex": bad_field(0, "zz" * 20),
    "html not text": bad_field(1, 42),
    "html another entry's": other_id,
    "html with a list": bad_field(1, '<dt id="term-MIR">MIR</dt><dd><dl></dl></dd>\n'),
    "texts not text": bad_field(2, [1, 2]),
    "flag not a flag": bad_field(3, "yes"),
    "entries a list": lambda store: store.update(entries=[]),
    "another format": lambda store: store.update(format=0),
    "not JSON": "{not json",
    "deeply nested": "[" * 100_000 + "]" * 100_000,
    "not UTF-8": b"\xff\xfe{",
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_corrupted_store_gives_the_clean_build(tmp_path: Path, corruption: str) -> None:
    srcdir = copy_root("glossary", tmp_path)
    first = build(srcdir)
    assert messages(first) == []
    path = store_path(Path(first.doctreedir))
    sound = json.loads(path.read_text(encoding="utf-8"))
    assert sound["entries"], "the store holds the page's entries"
    change = CORRUPTIONS[corruption]
    if callable(change):
        change(sound)
        path.write_text(json.dumps(sound), encoding="utf-8")
    elif isinstance(change, bytes):
        path.write_bytes(change)
    else:
        path.write_text(change, encoding="utf-8")
    second, reused = rebuild(srcdir, {"ch2.md": EDIT})
    assert messages(second) == []
    assert reused == []  # any bad shape: every entry written in full
    fresh = build(srcdir, builddir=tmp_path / "fresh", freshenv=True)
    page = (Path(second.outdir) / "glossary.html").read_text(encoding="utf-8")
    assert page == (Path(fresh.outdir) / "glossary.html").read_text(encoding="utf-8")
    # And the store is sound again: the next build puts entries back.
    third, reused = rebuild(srcdir, {"ch2.md": (EDIT[1], EDIT[0])})
    assert messages(third) == []
    assert reused


class Planted:
    """Unpickled, it would leave a file: the proof that a pickle store ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.write_text, (self.marker, "ran"))


def test_a_pickle_store_is_never_read(tmp_path: Path) -> None:
    """A crafted pickle where the store was kept before runs nothing; the store is JSON."""
    srcdir = copy_root("glossary", tmp_path)
    first = build(srcdir)
    doctrees = Path(first.doctreedir)
    marker = tmp_path / "marker"
    for name in ("studyguide-glossary-html.pickle", "studyguide-glossary-html.json"):
        (doctrees / name).write_bytes(pickle.dumps(Planted(marker)))
    second, _reused = rebuild(srcdir, {"ch2.md": EDIT})
    assert messages(second) == []
    assert not marker.exists()
    assert isinstance(json.loads(store_path(doctrees).read_text(encoding="utf-8")), dict)
