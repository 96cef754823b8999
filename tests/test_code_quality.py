"""The code stays as the project's tool settings (pyproject.toml) want it."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest
from guidetest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


# -- Private Sphinx, docutils and MyST names live in _compat.py only ----------------
#
# The checks read the syntax tree, so comments and docstrings may name them.
# A private attribute (``obj._name``, ``getattr(obj, "_name")``) that the
# extension does not define itself belongs to another package; so does an
# import from a private module or of a private name.  Besides, names that are
# undocumented though they look public, and copies of upstream code (a
# subclass of MyST's renderer or parser).

EXTENSION = ROOT / "extensions" / "studyguide"
COMPAT = EXTENSION / "_compat.py"
UPSTREAM = ("sphinx", "docutils", "myst_parser")
#: Undocumented attributes that look public: (attribute, attribute of the object or
#: None for any).  ``events.listeners``, ``registry.<anything>`` and so on.
UNDOCUMENTED_ATTRIBUTES = {
    ("build_info", None),
    ("catalogs", None),
    ("temp_data", None),
    ("listeners", "events"),
}
#: Undocumented containers: any attribute read on them.
UNDOCUMENTED_OBJECTS = {"registry"}
#: Private names read by name wherever they occur (also in strings given to getattr).
KNOWN_PRIVATE = {"_search_index_index_entries", "_word_re", "_catalog"}
#: Upstream classes whose methods the extension must not copy by subclassing.
COPIED_CLASSES = {"SphinxRenderer", "DocutilsRenderer", "MystParser"}

#: Modules still to be moved to _compat.py by their owners (issue 23), each with
#: what it still uses.  The lead empties this list at merge time;
#: ``test_pending_modules_are_still_pending`` fails once a module is clean, so
#: the list never holds a module that no longer needs it.
PENDING: dict[str, str] = {
    "glossary/fragments.py": "SearchLanguage._word_re, builder.build_info",
    "video.py": "app.registry.translation_handlers",
    "mystchecks.py": "a subclass of MyST's SphinxRenderer and of MystParser",
}


@functools.cache
def _own_private_names() -> frozenset[str]:
    """Private names the extension defines itself (functions, classes, attributes)."""
    names: set[str] = set()
    for path in EXTENSION.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
    return frozenset(name for name in names if name.startswith("_"))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path, own: frozenset[str]) -> list[str]:
    """``line: what`` for each use of a private or undocumented upstream name in *path*."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Attribute):
            owner = node.value
            owner_name = (
                owner.attr
                if isinstance(owner, ast.Attribute)
                else owner.id
                if isinstance(owner, ast.Name)
                else None
            )
            undocumented = {(node.attr, None), (node.attr, owner_name)} & UNDOCUMENTED_ATTRIBUTES
            private = _is_private(node.attr) and node.attr not in own
            if node.attr in KNOWN_PRIVATE or private or undocumented:
                found.append(f"{line}: .{node.attr}")
            elif owner_name in UNDOCUMENTED_OBJECTS:
                found.append(f"{line}: {owner_name}.{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr", "setattr", "delattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            name = node.args[1].value
            if (
                name in KNOWN_PRIVATE
                or (_is_private(name) and name not in own)
                or (name, None) in UNDOCUMENTED_ATTRIBUTES
            ):
                found.append(f"{line}: {node.func.id}(..., {name!r})")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UPSTREAM:
            module = node.module or ""
            if any(_is_private(part) for part in module.split(".")):
                found.append(f"{line}: from {module}")
            found += [
                f"{line}: import {alias.name}" for alias in node.names if _is_private(alias.name)
            ]
        elif isinstance(node, ast.Import):
            found += [
                f"{line}: import {alias.name}"
                for alias in node.names
                if alias.name.split(".")[0] in UPSTREAM
                and any(_is_private(part) for part in alias.name.split("."))
            ]
        elif isinstance(node, ast.ClassDef):
            bases = {
                base.id if isinstance(base, ast.Name) else getattr(base, "attr", "")
                for base in node.bases
            }
            found += [f"{line}: class {node.name}({base})" for base in bases & COPIED_CLASSES]
    return sorted(found, key=lambda use: int(use.split(":")[0]))


def extension_modules() -> list[str]:
    return sorted(
        str(path.relative_to(EXTENSION)) for path in EXTENSION.rglob("*.py") if path != COMPAT
    )


@pytest.mark.parametrize("module", [m for m in extension_modules() if m not in PENDING])
def test_no_private_upstream_name_outside_compat(module: str) -> None:
    """Private Sphinx, docutils and MyST names go through ``studyguide._compat``."""
    uses = private_uses(EXTENSION / module, _own_private_names())
    assert uses == [], f"{module}: move these to _compat.py (with versions, link, canary): {uses}"


@pytest.mark.parametrize("module", sorted(PENDING))
def test_pending_modules_are_still_pending(module: str) -> None:
    """A module on the pending list still has what the list says; once clean, drop it."""
    uses = private_uses(EXTENSION / module, _own_private_names())
    assert uses, f"{module} is clean now: remove it from PENDING in test_code_quality.py"


def test_the_check_finds_each_kind_of_use(tmp_path: Path) -> None:
    """The checker itself: every kind of private use is found, comments are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sphinx.util._pathlib import _StrPath\n"
        "import docutils._private\n"
        "x = env._search_index_index_entries  # registry.add in a comment\n"
        "y = getattr(lang, '_word_re', None)\n"
        "z = hasattr(builder, 'build_info')\n"
        "app.events.listeners\n"
        "app.registry.translation_handlers\n"
        "env.temp_data\n"
        "builder.catalogs\n"
        "t._catalog\n"
        "other._foreign\n"
        "self._own = 1\n"
        "self._own\n"
        "class R(SphinxRenderer): pass\n",
        encoding="utf-8",
    )
    assert private_uses(sample, frozenset({"_own"})) == [
        "1: from sphinx.util._pathlib",
        "1: import _StrPath",
        "2: import docutils._private",
        "3: ._search_index_index_entries",
        "4: getattr(..., '_word_re')",
        "5: hasattr(..., 'build_info')",
        "6: .listeners",
        "7: registry.translation_handlers",
        "8: .temp_data",
        "9: .catalogs",
        "10: ._catalog",
        "11: ._foreign",
        "14: class R(SphinxRenderer)",
    ]
