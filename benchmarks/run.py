"""Build-time benchmarks: the extension against what an author would write without it.

For each size (chapters, glossary terms; six questions a chapter) the
generator (``benchmarks/generate.py``) writes the same prose three times:

* ``plain``: the prose only (myst-parser and furo; the questions' text as
  plain blocks, no glossary links, no page of all questions);
* ``hand``: the hand-written equivalent of the extension's output: Sphinx's
  own ``{glossary}`` page, the first mention of each entry per section a
  ``{term}`` role, each question an ``{admonition}`` with a "Terms:" line of
  ``{term}`` roles, a page repeating every question;
* ``ext``: the extension (``glossary.yaml``, auto-linking, questions).

Each build runs strictly (``-n -W --keep-going``) in a fresh subprocess that
reports wall time, CPU time of the build's processes (user + system,
``getrusage(RUSAGE_CHILDREN)``, ``-j`` workers included) and peak RSS.  The
variants are built in turn, interleaved, best of ``--repeat`` (CPU): other
load on a shared machine hits them alike.  Then:

* the edit-rebuild loop: an incremental build after adding a sentence of
  plain prose to the middle chapter, and after adding one that mentions a
  glossary entry the chapter did not name (best of ``--edits``);
* the extension's full build with ``-j 2`` beside ``-j 1``, interleaved, and
  the hand-written guide's the same way: what ``-j 2`` costs Sphinx itself.

The headline is extension / hand-written (CPU), extension / plain beside it;
both builds make the same number of term links (counted in the HTML, printed).

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
TARGET_EDIT = 1.5  # a mention edit against a prose edit, extension
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


VARIANTS = ("plain", "hand", "ext")
TERM_LINK = re.compile(r'<a [^>]*href="[^"]*#term-')
#: Pages whose term links are the glossary's own (entries, index), not mentions.
NOT_MENTIONS = {"glossary.html", "genindex.html", "search.html"}


@dataclass
class SizeResult:
    chapters: int
    terms: int
    questions: int
    full: dict[str, Build]  # variant -> best full build
    term_links: dict[str, int]  # variant -> term links outside the glossary page
    prose_edit: dict[str, Build]  # variant -> best incremental build, prose added
    mention_edit: dict[str, Build]  # variant -> best incremental build, a mention added
    ext_j1: Build
    ext_j2: Build
    hand_j1: Build  # the hand-written guide's -j 1 / -j 2: Sphinx's own parallel cost
    hand_j2: Build
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before, after

    def cpu(self, a: str, b: str) -> float:
        """Full build, variant *a* over variant *b*, in CPU time."""
        return self.full[a].cpu_seconds / self.full[b].cpu_seconds


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


def middle_chapter(srcdir: Path, chapters: int) -> Path:
    return srcdir / f"chapter-{(chapters + 1) // 2:03d}.md"


def add_paragraph(chapter: Path, paragraph: str) -> None:
    """Add a paragraph at the end of the chapter's last prose section, as an author would."""
    text = chapter.read_text(encoding="utf-8")
    head, sep, tail = text.partition("## Questions for discussion")
    chapter.write_text(head + paragraph + "\n\n" + sep + tail, encoding="utf-8")


def unmentioned_terms(srcdir: Path, chapter: Path) -> list[str]:
    """Glossary terms the chapter does not name, last first (another chapter's)."""
    import yaml

    text = " ".join(chapter.read_text(encoding="utf-8").split())
    data = yaml.safe_load((srcdir / "glossary.yaml").read_text(encoding="utf-8"))
    terms = [entry["term"] for entry in data["terms"]]
    return [term for term in reversed(terms) if term not in text]


def count_term_links(outdir: Path) -> int:
    return sum(
        len(TERM_LINK.findall(page.read_text(encoding="utf-8")))
        for page in outdir.glob("*.html")
        if page.name not in NOT_MENTIONS
    )


def measure_size(
    work: Path, chapters: int, terms: int, repeat: int, edits: int, log: bool = True
) -> SizeResult:
    """All the builds of one size."""
    load_before = os.getloadavg()[0]
    dirs = generate(work / "src", chapters, terms)
    out = work / "out"
    full: dict[str, list[Build]] = {variant: [] for variant in VARIANTS}
    j1: list[Build] = []
    j2: list[Build] = []
    hand_j2: list[Build] = []
    for run in range(repeat):
        # Interleaved, in a rotating order, so drift in the machine's load hits all.
        order = VARIANTS[run % 3 :] + VARIANTS[: run % 3]
        for variant in order:
            full[variant].append(build(dirs[variant], out / variant))
        j1.append(full["ext"][-1])
        j2.append(build(dirs["ext"], out / "ext-j2", "-j", "2"))
        hand_j2.append(build(dirs["hand"], out / "hand-j2", "-j", "2"))
    links = {variant: count_term_links(out / variant) for variant in ("hand", "ext")}
    prose: dict[str, list[Build]] = {variant: [] for variant in VARIANTS}
    mention: dict[str, list[Build]] = {variant: [] for variant in ("hand", "ext")}
    candidates = unmentioned_terms(dirs["ext"], middle_chapter(dirs["ext"], chapters))
    for run in range(edits):
        for variant in VARIANTS:
            add_paragraph(
                middle_chapter(dirs[variant], chapters),
                f"One more paragraph, added by the benchmark ({run + 1}).",
            )
            prose[variant].append(build(dirs[variant], out / variant, fresh=False))
        term = candidates[run]
        for variant, name in (("hand", f"{{term}}`{term}`"), ("ext", term)):
            add_paragraph(
                middle_chapter(dirs[variant], chapters),
                f"A sentence added by the benchmark names the {name}.",
            )
            mention[variant].append(build(dirs[variant], out / variant, fresh=False))
    result = SizeResult(
        chapters,
        terms,
        chapters * QUESTIONS_PER_CHAPTER,
        {variant: best(builds) for variant, builds in full.items()},
        links,
        {variant: best(builds) for variant, builds in prose.items()},
        {variant: best(builds) for variant, builds in mention.items()},
        # -j 1 against -j 2 on wall time: the best wall time of each.
        min(j1, key=lambda b: b.seconds),
        min(j2, key=lambda b: b.seconds),
        min(full["hand"], key=lambda b: b.seconds),
        min(hand_j2, key=lambda b: b.seconds),
        (load_before, os.getloadavg()[0]),
    )
    if log:
        print(
            f"  {chapters} chapters, {terms} terms: "
            + ", ".join(f"{v} {result.full[v].cpu_seconds} CPU s" for v in VARIANTS)
            + f"; ext / hand {result.cpu('ext', 'hand'):.2f}; term links {links}",
            file=sys.stderr,
        )
    return result


def table(results: list[SizeResult]) -> str:
    """The results as a Markdown table, one column per size."""

    def row(name: str, cells: list[str]) -> str:
        return f"| {name} | " + " | ".join(cells) + " |"

    head = [f"{r.chapters} ch. / {r.terms} terms / {r.questions} q." for r in results]
    lines = [row("", head), "|---|" + "---:|" * len(results)]

    def full(variant: str) -> Callable[[SizeResult], str]:
        return lambda r: f"{r.full[variant].cpu_seconds:.2f} ({r.full[variant].seconds:.2f})"

    def inc(b: Build) -> str:
        return f"{b.read} / {b.written}, {b.cpu_seconds:.2f}"

    def flagged(ratio: float, target: float) -> str:
        return f"**{ratio:.2f}**" if ratio > target else f"{ratio:.2f}"

    rows: list[tuple[str, Callable[[SizeResult], str]]] = [
        ("full build, plain prose: CPU s (wall s)", full("plain")),
        ("full build, hand-written: CPU s (wall s)", full("hand")),
        ("full build, extension: CPU s (wall s)", full("ext")),
        ("**extension / hand-written (CPU)**", lambda r: f"**{r.cpu('ext', 'hand'):.2f}**"),
        ("extension / plain prose (CPU)", lambda r: f"{r.cpu('ext', 'plain'):.2f}"),
        (
            "term links, extension / hand-written",
            lambda r: f"{r.term_links['ext']:,} / {r.term_links['hand']:,}",
        ),
        ("edit, prose, plain: re-read / written, CPU s", lambda r: inc(r.prose_edit["plain"])),
        ("edit, prose, hand-written", lambda r: inc(r.prose_edit["hand"])),
        ("edit, prose, extension", lambda r: inc(r.prose_edit["ext"])),
        ("edit, a mention, hand-written", lambda r: inc(r.mention_edit["hand"])),
        ("edit, a mention, extension", lambda r: inc(r.mention_edit["ext"])),
        (
            f"extension: mention edit / prose edit (CPU; target ≤ {TARGET_EDIT})",
            lambda r: flagged(
                r.mention_edit["ext"].cpu_seconds / r.prose_edit["ext"].cpu_seconds, TARGET_EDIT
            ),
        ),
        (
            "mention edit, extension / hand-written (CPU)",
            lambda r: (
                f"{r.mention_edit['ext'].cpu_seconds / r.mention_edit['hand'].cpu_seconds:.2f}"
            ),
        ),
        (
            "extension -j 1: wall s (CPU s)",
            lambda r: f"{r.ext_j1.seconds:.2f} ({r.ext_j1.cpu_seconds:.2f})",
        ),
        (
            "extension -j 2: wall s (CPU s)",
            lambda r: f"{r.ext_j2.seconds:.2f} ({r.ext_j2.cpu_seconds:.2f})",
        ),
        ("-j 2 / -j 1 (wall; target ≤ 1)", lambda r: f"{r.ext_j2.seconds / r.ext_j1.seconds:.2f}"),
        (
            "hand-written -j 1 / -j 2: wall s (CPU s)",
            lambda r: (
                f"{r.hand_j1.seconds:.2f} ({r.hand_j1.cpu_seconds:.2f}) / "
                f"{r.hand_j2.seconds:.2f} ({r.hand_j2.cpu_seconds:.2f})"
            ),
        ),
        (
            "hand-written -j 2 / -j 1 (wall)",
            lambda r: f"{r.hand_j2.seconds / r.hand_j1.seconds:.2f}",
        ),
        (
            "peak RSS, extension -j 1 / -j 2 (MB)",
            lambda r: f"{r.ext_j1.maxrss_mb:.0f} / {r.ext_j2.maxrss_mb:.0f}",
        ),
        (
            "peak RSS, plain / hand-written (MB)",
            lambda r: f"{r.full['plain'].maxrss_mb:.0f} / {r.full['hand'].maxrss_mb:.0f}",
        ),
        (
            "warnings, plain / hand-written / extension",
            lambda r: " / ".join(str(r.full[v].warnings) for v in VARIANTS),
        ),
        ("load average (1 min) before / after", lambda r: f"{r.load[0]:.1f} / {r.load[1]:.1f}"),
    ]
    lines += [row(label, [cell(r) for r in results]) for label, cell in rows]
    lines.append("")
    lines.append(f"Machine: {os.cpu_count()} cores (nproc), Python {sys.version.split()[0]}.")
    for r in results:
        if r.term_links["ext"] != r.term_links["hand"]:
            lines.append(
                f"Term links differ at {r.chapters} chapters: extension "
                f"{r.term_links['ext']}, hand-written {r.term_links['hand']}."
            )
        for variant in VARIANTS:
            for warning in r.full[variant].first_warnings:
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
        help="full builds per variant, best kept (default 3, 2 at 200 chapters and more, "
        "1 with --quick)",
    )
    parser.add_argument(
        "--edits", type=int, default=None, help="edit-rebuilds of each kind (default 3; 1 quick)"
    )
    parser.add_argument("--workdir", type=Path, help="keep sources and builds here")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    # The best of several runs: on a shared machine the CPU time of one build
    # moved by up to 20 % between identical runs; the best of three is steadier.
    repeat = args.repeat or (1 if args.quick else 3)
    edits = args.edits or (1 if args.quick else 3)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="studyguide-bench-"))
    cache_bytecode()
    results = []
    try:
        for chapters, terms in sizes:
            # The largest size fewer times: its builds are long and steadier.
            times = min(repeat, 2) if chapters >= 200 else repeat
            results.append(
                measure_size(work / f"{chapters}-{terms}", chapters, terms, times, edits)
            )
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
