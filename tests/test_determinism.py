"""Determinism: the same sources give the same bytes, whatever the run.

The real guide is built twice from clean, in processes with different hash
seeds (so any output that follows ``set`` or ``dict``-of-set order shows up),
and once more with ``-j 2``; HTML and LaTeX.  Every output file must be
byte-identical; the doctree pickles are caches, not output, and are skipped.
Dates come from ``SOURCE_DATE_EPOCH``, the reproducible-builds convention that
Sphinx follows for ``today`` and ``html_last_updated_fmt``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
from guidetest import sphinx_build

pytestmark = pytest.mark.slow

# 2 January 2026, 12:00 UTC: mid-day, so the date is the same in every time zone.
EPOCH = 1767355200
RUNS = {"a": ("1", []), "b": ("2", []), "j2": ("3", ["-j", "2"])}


def build(builder: str, outdir: Path, seed: str, extra: list[str]) -> None:
    """A clean strict build of the real guide, with a fixed epoch and hash seed."""
    env = {"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": seed}
    result = sphinx_build(builder, outdir, "-E", *extra, env=env)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def output_hashes(outdir: Path) -> dict[str, str]:
    """SHA-256 of every output file (not the doctree cache), by relative path."""
    return {
        str(path.relative_to(outdir)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and ".doctrees" not in path.relative_to(outdir).parts
    }


def differing(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """The files that differ, or exist in one build only, by name."""
    return sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )


@pytest.fixture(scope="module", params=["html", "latex"])
def builds(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The three builds of one builder: two serial (different seeds), one ``-j 2``."""
    builder: str = request.param
    root = tmp_path_factory.mktemp(f"determinism-{builder}")
    outdirs = {}
    for name, (seed, extra) in RUNS.items():
        outdirs[name] = root / name
        build(builder, outdirs[name], seed, extra)
    return outdirs


def test_two_clean_builds_are_identical(builds: dict[str, Path]) -> None:
    first, second = output_hashes(builds["a"]), output_hashes(builds["b"])
    suffixes = {Path(name).suffix for name in first}
    assert suffixes & {".html", ".tex"}, f"no HTML or LaTeX among {sorted(first)}"
    assert differing(first, second) == []


def test_parallel_build_is_identical_to_serial(builds: dict[str, Path]) -> None:
    assert differing(output_hashes(builds["a"]), output_hashes(builds["j2"])) == []


def test_dates_come_from_source_date_epoch(builds: dict[str, Path]) -> None:
    """The only date in the output is the epoch's, not the day of the build."""
    day = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC).strftime("%Y-%m-%d")
    today = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d")
    texts = [
        path.read_text(encoding="utf-8")
        for path in builds["a"].rglob("*")
        if path.suffix in {".html", ".tex"}
    ]
    if any(path.suffix == ".tex" for path in builds["a"].iterdir()):
        assert any(f"\\date{{{day}}}" in text for text in texts)
    if today != day:
        dated = [m.group(0) for text in texts for m in re.finditer(re.escape(today), text)]
        assert dated == [], "the build's own date leaked into the output"
