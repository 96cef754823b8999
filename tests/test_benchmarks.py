"""The benchmark code cannot rot: the generator and one tiny run of ``benchmarks/run.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guidetest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import QUESTIONS_PER_CHAPTER, generate


def test_generator_writes_the_same_prose_for_both_variants(tmp_path: Path) -> None:
    dirs = generate(tmp_path, chapters=3, terms=24)
    ext, plain = dirs["ext"], dirs["plain"]
    chapters = sorted(p.name for p in ext.glob("chapter-*.md"))
    assert chapters == ["chapter-001.md", "chapter-002.md", "chapter-003.md"]
    for name in chapters:
        assert (ext / name).read_bytes() == (plain / name).read_bytes()
    text = (ext / "chapter-002.md").read_text(encoding="utf-8")
    assert text.count("{discussion-question}") == QUESTIONS_PER_CHAPTER
    glossary = (ext / "glossary.yaml").read_text(encoding="utf-8")
    assert glossary.count("- term: ") == 24
    # Every term is mentioned in some chapter, so none is an unused entry.
    # (Names may be wrapped over two lines.)
    prose = " ".join(
        " ".join((ext / name).read_text(encoding="utf-8").split()) for name in chapters
    )
    import yaml

    for entry in yaml.safe_load(glossary)["terms"]:
        assert entry["term"] in prose, entry["term"]


def test_quick_benchmark_run(tmp_path: Path) -> None:
    """One tiny size, every kind of build; both variants build without a warning."""
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--quick",
            "--sizes",
            "2:12",
            "--workdir",
            str(tmp_path / "work"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "| ratio, CPU (target ≤ 1.15) |" in result.stdout
    assert "Machine: " in result.stdout
    [size] = json.loads(out.read_text(encoding="utf-8"))
    assert (size["chapters"], size["terms"], size["questions"]) == (2, 12, 12)
    for build in ("ext", "plain", "ext_incremental", "plain_incremental", "ext_j2"):
        assert size[build]["warnings"] == 0, (build, size[build]["first_warnings"])
        assert size[build]["seconds"] > 0
        assert size[build]["cpu_seconds"] > 0
        assert size[build]["maxrss_mb"] > 10
    # The full build reads every document; after one edit, the build re-reads one.
    assert size["ext"]["read"] == 2 + 3
    assert size["ext_incremental"]["read"] == 1
    assert size["plain_incremental"]["read"] == 1
    html = (tmp_path / "work" / "2-12" / "out" / "ext" / "chapter-001.html").read_text(
        encoding="utf-8"
    )
    assert "sg-question" in html
