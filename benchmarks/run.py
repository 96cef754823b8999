"""Build-time benchmarks: the extension against plain Sphinx on the same synthetic guide.

For each size (chapters, glossary terms; six questions a chapter) the
generator (``benchmarks/generate.py``) writes the guide twice, once for the
extension and once for plain Sphinx (myst-parser and furo, the same theme, the
same chapter files).  Then, one build per fresh subprocess (its peak RSS read
with ``getrusage(RUSAGE_CHILDREN)``):

* a full build of each (``-E``, new output directory), best of ``--repeat``;
  times are CPU seconds of the build's processes (user + system), which other
  load on a shared machine barely moves, with the wall time beside them;
* an incremental build after a paragraph is added to one chapter: how many
  documents Sphinx re-read and wrote, and the time;
* the extension's full build with ``-j 2``.

All builds are strict (``-n -W --keep-going``); warnings are counted and shown.
The table is printed as Markdown (``benchmarks/README.md`` holds the figures).

    .venv/bin/python benchmarks/run.py            # 10/100, 50/500, 200/2000
    .venv/bin/python benchmarks/run.py --quick    # one tiny guide, a smoke run
    .venv/bin/python benchmarks/run.py --sizes 10:100,50:500 --repeat 3 --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import QUESTIONS_PER_CHAPTER, SIZES, generate
from strict import cache_bytecode, sphinx_command

ROOT = Path(__file__).resolve().parent.parent
QUICK_SIZES = [(3, 30)]
TARGET_RATIO = 1.15
EPOCH = "1767355200"
# Runs one command and reports its wall time and the peak RSS of its process tree
# (the largest process: the main one, or a -j worker), in a process of its own so
# RUSAGE_CHILDREN holds that build only.
MEASURE = """\
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": done.returncode, "seconds": seconds, "maxrss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime,
                  "stdout": done.stdout, "stderr": done.stderr}))
"""
READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.M)
WRITE = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.M)


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    maxrss_mb: float
    warnings: int
    read: int
    written: int
    first_warnings: list[str] = field(default_factory=list)


@dataclass
class SizeResult:
    chapters: int
    terms: int
    questions: int
    ext: Build
    plain: Build
    ext_incremental: Build
    plain_incremental: Build
    ext_j2: Build

    @property
    def ratio(self) -> float:
        """Extension over plain Sphinx, in CPU time: other load on the machine cancels out."""
        return self.ext.cpu_seconds / self.plain.cpu_seconds

    @property
    def wall_ratio(self) -> float:
        return self.ext.seconds / self.plain.seconds


def build(srcdir: Path, outdir: Path, *extra: str, fresh: bool = True) -> Build:
    """One strict HTML build in a fresh subprocess."""
    if fresh and outdir.exists():
        shutil.rmtree(outdir)
    cmd = sphinx_command(srcdir, outdir, *(["-E"] if fresh else []), *extra)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "extensions"), env.get("PYTHONPATH")])
    )
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(done.stdout)
    if result["rc"] not in (0, 1):  # 1: warnings under -W; anything else: a crash
        raise RuntimeError(f"build of {srcdir} failed:\n{result['stderr'][-3000:]}")
    warnings = [line for line in result["stderr"].splitlines() if "WARNING" in line]
    return Build(
        seconds=round(result["seconds"], 2),
        cpu_seconds=round(result["cpu"], 2),
        maxrss_mb=round(result["maxrss_kb"] / 1024, 1),
        warnings=len(warnings),
        read=len(READ.findall(result["stdout"])),
        written=len(WRITE.findall(result["stdout"])),
        first_warnings=warnings[:3],
    )


def best(builds: list[Build]) -> Build:
    return min(builds, key=lambda b: b.cpu_seconds)


def edit_one_chapter(srcdir: Path, chapters: int) -> None:
    """Add a paragraph to the middle chapter, as an author would."""
    chapter = srcdir / f"chapter-{(chapters + 1) // 2:03d}.md"
    text = chapter.read_text(encoding="utf-8")
    head, sep, tail = text.partition("## Questions for discussion")
    chapter.write_text(
        head + "One more paragraph, added by the benchmark.\n\n" + sep + tail, encoding="utf-8"
    )


def measure_size(
    work: Path, chapters: int, terms: int, repeat: int, log: bool = True
) -> SizeResult:
    """All the builds of one size."""
    dirs = generate(work / "src", chapters, terms)
    out = work / "out"
    ext_runs, plain_runs = [], []
    for _ in range(repeat):  # alternate, so drift in the machine's load hits both
        ext_runs.append(build(dirs["ext"], out / "ext"))
        plain_runs.append(build(dirs["plain"], out / "plain"))
    for variant in ("ext", "plain"):
        edit_one_chapter(dirs[variant], chapters)
    ext_incremental = build(dirs["ext"], out / "ext", fresh=False)
    plain_incremental = build(dirs["plain"], out / "plain", fresh=False)
    ext_j2 = best([build(dirs["ext"], out / "ext-j2", "-j", "2") for _ in range(repeat)])
    result = SizeResult(
        chapters,
        terms,
        chapters * QUESTIONS_PER_CHAPTER,
        best(ext_runs),
        best(plain_runs),
        ext_incremental,
        plain_incremental,
        ext_j2,
    )
    if log:
        print(
            f"  {chapters} chapters, {terms} terms: ext {result.ext.cpu_seconds} CPU s, "
            f"plain {result.plain.cpu_seconds} CPU s, ratio {result.ratio:.2f}",
            file=sys.stderr,
        )
    return result


def table(results: list[SizeResult]) -> str:
    """The results as a Markdown table, one column per size."""

    def row(name: str, cells: list[str]) -> str:
        return f"| {name} | " + " | ".join(cells) + " |"

    head = [f"{r.chapters} ch. / {r.terms} terms / {r.questions} q." for r in results]
    lines = [row("", head), "|---|" + "---:|" * len(results)]

    def flagged(ratio: float) -> str:
        return f"**{ratio:.2f}**" if ratio > TARGET_RATIO else f"{ratio:.2f}"

    def inc(b: Build) -> str:
        return f"{b.read} / {b.written}, {b.cpu_seconds:.2f}"

    rows: list[tuple[str, Callable[[SizeResult], str]]] = [
        (
            "full build, extension: CPU s (wall s)",
            lambda r: f"{r.ext.cpu_seconds:.2f} ({r.ext.seconds:.2f})",
        ),
        (
            "full build, plain Sphinx: CPU s (wall s)",
            lambda r: f"{r.plain.cpu_seconds:.2f} ({r.plain.seconds:.2f})",
        ),
        (f"ratio, CPU (target ≤ {TARGET_RATIO})", lambda r: flagged(r.ratio)),
        ("ratio, wall", lambda r: f"{r.wall_ratio:.2f}"),
        ("per chapter, extension (CPU s)", lambda r: f"{r.ext.cpu_seconds / r.chapters:.3f}"),
        ("per chapter, plain (CPU s)", lambda r: f"{r.plain.cpu_seconds / r.chapters:.3f}"),
        ("incremental, extension: re-read / written, s", lambda r: inc(r.ext_incremental)),
        ("incremental, plain: re-read / written, s", lambda r: inc(r.plain_incremental)),
        (
            "incremental / full, extension (CPU)",
            lambda r: f"{r.ext_incremental.cpu_seconds / r.ext.cpu_seconds:.2f}",
        ),
        (
            "extension -j 2: wall s (CPU s)",
            lambda r: f"{r.ext_j2.seconds:.2f} ({r.ext_j2.cpu_seconds:.2f})",
        ),
        ("-j 2 / -j 1 (wall)", lambda r: f"{r.ext_j2.seconds / r.ext.seconds:.2f}"),
        (
            "peak RSS, extension / plain (MB)",
            lambda r: f"{r.ext.maxrss_mb:.0f} / {r.plain.maxrss_mb:.0f}",
        ),
        ("peak RSS, extension -j 2 (MB)", lambda r: f"{r.ext_j2.maxrss_mb:.0f}"),
        ("warnings, extension / plain", lambda r: f"{r.ext.warnings} / {r.plain.warnings}"),
    ]
    lines += [row(label, [cell(r) for r in results]) for label, cell in rows]
    if len(results) > 1:
        first, last = results[0], results[-1]

        def growth(attr: str) -> float:
            before: Build = getattr(first, attr)
            after: Build = getattr(last, attr)
            return (after.cpu_seconds / last.chapters) / (before.cpu_seconds / first.chapters)

        lines.append("")
        lines.append(
            f"CPU time per chapter from {first.chapters} to {last.chapters} chapters: "
            f"extension x{growth('ext'):.2f}, plain x{growth('plain'):.2f}."
        )
    lines.append(f"Machine: {os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}.")
    for r in results:
        for variant, b in (("extension", r.ext), ("plain", r.plain)):
            for warning in b.first_warnings:
                lines.append(f"Warning ({variant}, {r.chapters} chapters): {warning}")
    return "\n".join(lines)


def parse_sizes(text: str) -> list[tuple[int, int]]:
    sizes = []
    for part in text.split(","):
        chapters, _, terms = part.partition(":")
        sizes.append((int(chapters), int(terms)))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one tiny guide, one run")
    parser.add_argument("--sizes", type=parse_sizes, help="e.g. 10:100,50:500")
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="full builds per variant, best kept (default 5, 2 at 200 chapters and more, "
        "1 with --quick)",
    )
    parser.add_argument("--workdir", type=Path, help="keep sources and builds here")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    # The best of several runs: on a shared machine the CPU time of one build
    # moved by up to 20 % between identical runs; the best of five is steadier.
    repeat = args.repeat or (1 if args.quick else 5)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="studyguide-bench-"))
    cache_bytecode()
    results = []
    try:
        for chapters, terms in sizes:
            # The largest size fewer times: its builds are long and steadier.
            times = min(repeat, 2) if chapters >= 200 else repeat
            results.append(measure_size(work / f"{chapters}-{terms}", chapters, terms, times))
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
