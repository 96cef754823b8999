"""The benchmark code cannot rot: the generator and one tiny run of ``benchmarks/run.py``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guidetest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import QUESTIONS_PER_CHAPTER, generate


def test_generator_writes_the_same_prose_for_every_variant(tmp_path: Path) -> None:
    dirs = generate(tmp_path, chapters=3, terms=24)
    ext, plain, hand = dirs["ext"], dirs["plain"], dirs["hand"]
    chapters = sorted(p.name for p in ext.glob("chapter-*.md"))
    assert chapters == ["chapter-001.md", "chapter-002.md", "chapter-003.md"]
    for name in chapters:
        assert (ext / name).read_bytes() == (plain / name).read_bytes()
        # The hand-written chapter is the same prose with roles and admonitions.
        marked = (hand / name).read_text(encoding="utf-8")
        assert marked.count("{admonition}") == QUESTIONS_PER_CHAPTER
        assert "{term}`" in marked
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
    assert "| **extension / hand-written (CPU)** |" in result.stdout
    assert "Machine: " in result.stdout
    # The hand-written guide makes as many term links as the extension.
    assert "Term links differ" not in result.stdout
    [size] = json.loads(out.read_text(encoding="utf-8"))
    assert (size["chapters"], size["terms"], size["questions"]) == (2, 12, 12)
    assert size["term_links"]["ext"] == size["term_links"]["hand"] > 12
    builds = [size["full"][v] for v in ("plain", "hand", "ext")]
    builds += [size["prose_edit"][v] for v in ("plain", "hand", "ext")]
    builds += [size["mention_edit"][v] for v in ("hand", "ext")]
    builds += [size["ext_j1"], size["ext_j2"], size["hand_j1"], size["hand_j2"]]
    for build in builds:
        assert build["warnings"] == 0, build["first_warnings"]
        assert build["seconds"] > 0
        assert build["cpu_seconds"] > 0
        assert build["maxrss_mb"] > 10
    # The full build reads every document; after one edit, the build re-reads one.
    assert size["full"]["ext"]["read"] == 2 + 3
    for edit in ("prose_edit", "mention_edit"):
        assert size[edit]["ext"]["read"] == size[edit]["hand"]["read"] == 1
    # A mention rewrites the glossary page; prose does not.
    assert size["prose_edit"]["ext"]["written"] == 2
    assert size["mention_edit"]["ext"]["written"] == 3
    html = (tmp_path / "work" / "2-12" / "out" / "ext" / "chapter-001.html").read_text(
        encoding="utf-8"
    )
    assert "sg-question" in html


def test_worker_env_counts_what_read_workers_send() -> None:
    """``worker_env.py`` on a tiny guide: each variant's read workers sent an environment."""
    script = ROOT / "benchmarks" / "worker_env.py"
    result = subprocess.run(
        [sys.executable, str(script), "--chapters", "2", "--terms", "16"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    totals = {}
    for line in result.stdout.splitlines():
        words = line.split()
        if len(words) > 3 and words[1:4] == ["read", "workers", "sent"]:
            totals[words[0]] = float(words[-2])
    assert set(totals) == {"ext", "hand"}, result.stdout
    assert all(total > 0 for total in totals.values())
    assert "extension / hand-written: " in result.stdout
