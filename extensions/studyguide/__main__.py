"""``python -m studyguide``: start a guide (``new``), write the glossary's schema (``schema``).

``python -m studyguide new DIR [--title ...]`` writes a new project (see
:mod:`studyguide.quickstart`).  ``python -m studyguide schema [CONFDIR] [-o
FILE]`` writes the JSON Schema of ``glossary.yaml`` for the categories the
project's ``conf.py`` sets (``studyguide_categories``), for editors that
check YAML against a schema.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from studyguide import quickstart

if TYPE_CHECKING:
    from collections.abc import Sequence


def project_schema(confdir: Path) -> dict[str, Any]:
    """The glossary schema for the categories of the project whose conf.py is in *confdir*."""
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    from studyguide.glossary.data import editor_schema

    # Resolved: Sphinx reads conf.py from within its folder.
    namespace = eval_config_file(confdir.resolve() / "conf.py", Tags())
    categories = namespace.get("studyguide_categories")
    if isinstance(categories, dict):
        categories = list(categories)
    return editor_schema(tuple(categories or ()))


def run_schema(args: argparse.Namespace) -> int:
    confdir: Path = args.confdir
    if not (confdir / "conf.py").is_file():
        print(f"studyguide schema: no conf.py in {confdir}", file=sys.stderr)
        return 2
    from sphinx.errors import ConfigError

    try:
        schema = project_schema(confdir)
    except ConfigError as exc:
        print(f"studyguide schema: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studyguide")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="start a new study guide in a folder")
    quickstart.add_arguments(new)
    schema = commands.add_parser(
        "schema", help="write the JSON Schema of glossary.yaml for the project's categories"
    )
    schema.add_argument(
        "confdir", nargs="?", type=Path, default=Path(), help="the folder of conf.py"
    )
    schema.add_argument("-o", "--output", type=Path, help="the file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.command == "new":
        return quickstart.run_new(args)
    return run_schema(args)


if __name__ == "__main__":
    sys.exit(main())
