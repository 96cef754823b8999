"""Page weight of the study guide's own JS and CSS in the HTML edition.

Every page of the built guide is read; the files under ``_static/`` whose names
start with ``studyguide`` that the page loads (``<script src>``, ``<link
rel=stylesheet>``) are gzipped and summed.  The limit is 10 KB (10,240 bytes)
gzipped per page.

    .venv/bin/python benchmarks/page_weight.py              # build into a tmp dir
    .venv/bin/python benchmarks/page_weight.py --html DIR   # read a built guide
    .venv/bin/python benchmarks/page_weight.py --json       # machine-readable

The theme's own assets are reported too, for scale.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Loaded by path from the tests too: its neighbours must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from strict import sphinx_command  # noqa: E402

LIMIT = 10 * 1024
PREFIX = "studyguide"


class _Assets(HTMLParser):
    """Collects the scripts and stylesheets a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "script" and attr.get("src"):
            self.urls.append(attr["src"] or "")
        elif tag == "link" and "stylesheet" in (attr.get("rel") or "").split() and attr.get("href"):
            self.urls.append(attr["href"] or "")


def gzipped_size(path: Path) -> int:
    """The size of a file gzipped at the level web servers use (6)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


@dataclass
class PageWeight:
    """What one page loads: the extension's files and everything else, gzipped bytes."""

    page: str
    own: dict[str, int] = field(default_factory=dict)
    other: dict[str, int] = field(default_factory=dict)

    @property
    def own_total(self) -> int:
        return sum(self.own.values())

    @property
    def other_total(self) -> int:
        return sum(self.other.values())


def page_assets(html_dir: Path, page: Path) -> list[Path]:
    """The local JS and CSS files a page loads, as paths in the build."""
    parser = _Assets()
    parser.feed(page.read_text(encoding="utf-8"))
    found = []
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # not the guide's own file (and a defect the browser tests catch)
        path = (page.parent / parts.path).resolve()
        if path.is_file() and html_dir.resolve() in path.parents:
            found.append(path)
    return found


def is_own(html_dir: Path, path: Path) -> bool:
    """A file of the extension: under ``_static/`` and named ``studyguide*``."""
    relative = PurePosixPath(path.relative_to(html_dir.resolve()).as_posix())
    return relative.parts[0] == "_static" and relative.name.startswith(PREFIX)


def measure(html_dir: Path) -> list[PageWeight]:
    """The weight of every page of a built guide."""
    html_dir = html_dir.resolve()
    weights = []
    for page in sorted(html_dir.rglob("*.html")):
        if page.relative_to(html_dir).parts[0].startswith("_"):
            continue
        weight = PageWeight(page.relative_to(html_dir).as_posix())
        for asset in page_assets(html_dir, page):
            name = asset.relative_to(html_dir).as_posix()
            (weight.own if is_own(html_dir, asset) else weight.other)[name] = gzipped_size(asset)
        weights.append(weight)
    return weights


def own_static_files(html_dir: Path) -> dict[str, int]:
    """Every ``_static/studyguide*`` file in the build, loaded or not, gzipped."""
    static = html_dir / "_static"
    return {
        path.relative_to(html_dir).as_posix(): gzipped_size(path)
        for path in sorted(static.rglob(f"{PREFIX}*"))
        if path.is_file()
    }


def build(outdir: Path) -> Path:
    """Build the guide's HTML strictly into ``outdir``."""
    cmd = sphinx_command(ROOT / "docs", outdir, "-q", confdir=ROOT)
    subprocess.run(cmd, check=True, cwd=ROOT)
    return outdir


def report(html_dir: Path) -> dict[str, object]:
    """The numbers, as printed and as ``--json`` writes them."""
    weights = measure(html_dir)
    heaviest = max(weights, key=lambda w: w.own_total)
    return {
        "limit_bytes": LIMIT,
        "max_own_bytes": heaviest.own_total,
        "max_own_page": heaviest.page,
        "within_limit": heaviest.own_total <= LIMIT,
        "own_static_files": own_static_files(html_dir),
        "pages": {
            w.page: {"own": w.own, "own_total": w.own_total, "other_total": w.other_total}
            for w in weights
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, help="a built HTML guide (default: build one)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="page-weight-") as tmp:
        html_dir = args.html or build(Path(tmp) / "html")
        data = report(html_dir)
    if args.json:
        print(json.dumps(data, indent=2))
    else:
        print(f"{'page':<32} {'studyguide JS+CSS':>18} {'theme and Sphinx':>17}  (gzipped bytes)")
        for page, row in data["pages"].items():  # type: ignore[attr-defined]
            print(f"{page:<32} {row['own_total']:>18,} {row['other_total']:>17,}")
        for name, size in data["own_static_files"].items():  # type: ignore[attr-defined]
            print(f"  {name}: {size:,} bytes gzipped")
        verdict = "within" if data["within_limit"] else "OVER"
        print(
            f"heaviest: {data['max_own_page']} with {data['max_own_bytes']:,} bytes of the "
            f"extension's JS and CSS, {verdict} the limit of {LIMIT:,} bytes"
        )
    return 0 if data["within_limit"] else 1


if __name__ == "__main__":
    sys.exit(main())
