"""The extension's Spanish catalog: compiled, complete, and used."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extensions" / "studyguide"
LC_MESSAGES = PACKAGE / "locale" / "es" / "LC_MESSAGES"


def po_messages() -> dict[str, str]:
    with (LC_MESSAGES / "studyguide.po").open("rb") as handle:
        catalog = read_po(handle, locale="es")
    return {str(m.id): str(m.string) for m in catalog if m.id}


def source_labels() -> dict[str, str]:
    """Every ``_("...")`` in a module that imports ``_`` from studyguide.i18n."""
    labels: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses_catalog = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "studyguide.i18n"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not uses_catalog:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                labels.setdefault(node.args[0].value, f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return labels


def test_mo_matches_po() -> None:
    """The committed .mo is the compiled .po (pybabel compile -D studyguide ...)."""
    with (LC_MESSAGES / "studyguide.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = {k: v for k, v in compiled._catalog.items() if k}  # type: ignore[attr-defined]
    assert catalog == po_messages()


def test_every_label_is_translated() -> None:
    messages = po_messages()
    missing = {label: where for label, where in source_labels().items() if not messages.get(label)}
    assert not missing, f"labels without a Spanish translation: {missing}"


def test_no_stale_translation() -> None:
    labels = source_labels()
    assert sorted(set(po_messages()) - set(labels)) == []
