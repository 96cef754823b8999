"""Benchmark of the glossary auto-linker: a synthetic guide built three ways.

Writes a synthetic guide (default 200 chapters, 1,000 glossary terms) into a
temporary directory and builds it, each build fresh (``-E``) in its own
subprocess, with the same theme (furo) and the same chapter files:

* ``plain``: myst-parser and furo only; the glossary page is Sphinx's own
  ``glossary`` directive with the same definitions;
* ``off``: plus the study guide's glossary component, ``studyguide_autolink =
  "off"`` (data, page, domain; no matching);
* ``first``: the same with auto-linking on (the guide's default).

It prints each time (best of ``--repeat``), the links made, and the ratios
``first / plain`` (the target: at most 1.15) and ``first / off``.

Only the glossary component is loaded (``setup_i18n`` and ``setup_glossary``),
so the figures are the auto-linker's and not the other components';
``--whole-extension`` loads all of ``studyguide`` instead.

    .venv/bin/python benchmarks/glossary_autolink.py
    .venv/bin/python benchmarks/glossary_autolink.py --chapters 50 --terms 1000 --repeat 3
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml
from strict import cache_bytecode

ROOT = Path(__file__).resolve().parent.parent
REVIEWS = sorted((ROOT / "docs").glob("part-*.md"))
CATEGORIES = ["party", "organisation", "person", "place", "event", "concept"]
SYLLABLES = ["ca", "lo", "ran", "te", "mi", "sor", "va", "den", "qui", "ro", "bel", "tu", "na"]
SUFFIXES = ["Front", "Movement", "Alliance", "Committee", "Union", "Council", "Valley", "Strike"]

CONF_COMMON = """\
extensions = {extensions}
myst_enable_extensions = ["colon_fence", "deflist", "smartquotes"]
html_theme = "furo"
exclude_patterns = ["_build"]
project = "Synthetic guide"
"""

CONF_EXTENSION = """\
import sys
sys.path.insert(0, {extensions_dir!r})
sys.path.insert(0, {here!r})
studyguide_glossary = "glossary.yaml"
studyguide_autolink = {mode!r}
# Off makes every entry "unused"; the warnings are not what is measured.
suppress_warnings = ["studyguide.unused_term"]
"""

GLOSSARY_ONLY = """\
\"\"\"Load the glossary component of the study guide alone.\"\"\"
from studyguide.glossary import setup_glossary
from studyguide.i18n import setup_i18n


def setup(app):
    setup_i18n(app)
    setup_glossary(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


def sentences() -> list[str]:
    """The reviews' sentences, to give the chapters real prose."""
    text = " ".join(
        line
        for path in REVIEWS
        for line in path.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "`", ":", "-", "---", "part:", "title", "film"))
    )
    found = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)
    return [s for s in found if 40 < len(s) < 400 and "{" not in s]


def make_terms(count: int, rng: random.Random) -> list[dict[str, object]]:
    terms: list[dict[str, object]] = []
    used: set[str] = set()
    while len(terms) < count:
        if len(terms) % 5 == 0:
            name = "".join(rng.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(rng.randint(3, 5)))
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
            name = f"{word} {rng.choice(SUFFIXES)}"
        if name.casefold() in used:
            continue
        used.add(name.casefold())
        entry: dict[str, object] = {
            "term": name,
            "definition": f"The {name} of the synthetic guide. It is entry {len(terms)}.",
            "category": CATEGORIES[len(terms) % len(CATEGORIES)],
        }
        if len(terms) % 3 == 0 and not name.isupper():
            alias = f"the {name.split()[0]} group"
            if alias.casefold() not in used:
                used.add(alias.casefold())
                entry["aliases"] = [alias]
        terms.append(entry)
    return terms


def chapter(number: int, prose: list[str], names: list[str], rng: random.Random) -> str:
    """About 40 sentences of review prose with glossary names woven in."""
    lines = [f"# Chapter {number}", ""]
    body = rng.sample(prose, k=min(40, len(prose)))
    for index, name in enumerate(names):
        form = rng.choice([name, f"{name}'s", name + ("s" if not name.endswith("s") else "")])
        body.insert(rng.randrange(len(body) + 1), f"At the time, the {form} took part ({index}).")
    for start in range(0, len(body), 6):
        if start and start % 18 == 0:
            lines += [f"## Section {start // 18}", ""]
        lines += [textwrap.fill(" ".join(body[start : start + 6]), 100), ""]
    return "\n".join(lines)


def generate(dest: Path, chapters: int, count: int, whole_extension: bool) -> None:
    rng = random.Random(1973)
    prose = sentences()
    terms = make_terms(count, rng)
    names = [str(t["term"]) for t in terms]
    src = dest / "src"
    src.mkdir(parents=True)
    docs = [f"chapter-{n:03d}" for n in range(chapters)]
    (src / "index.md").write_text(
        "# Synthetic guide\n\n```{toctree}\n:maxdepth: 1\n\n"
        + "\n".join([*docs, "glossary"])
        + "\n```\n",
        encoding="utf-8",
    )
    for n, docname in enumerate(docs):
        own = names[n::chapters]  # every term is mentioned somewhere
        shared = rng.sample(names, k=5)
        (src / f"{docname}.md").write_text(chapter(n, prose, own + shared, rng), encoding="utf-8")
    (src / "glossary.yaml").write_text(yaml.safe_dump({"terms": terms}), encoding="utf-8")

    # Plain Sphinx: its own glossary directive, same definitions.
    plain = dest / "plain"
    shutil_copy(src, plain)
    items = "\n".join(f"{t['term']}\n  {t['definition']}\n" for t in terms)
    (plain / "glossary.md").write_text(
        f"# Glossary\n\n:::{{glossary}}\n{items}:::\n", encoding="utf-8"
    )
    (plain / "conf.py").write_text(CONF_COMMON.format(extensions='["myst_parser"]'))

    for mode in ("off", "first"):
        tree = dest / mode
        shutil_copy(src, tree)
        (tree / "glossary.md").write_text("# Glossary\n\n```{studyguide-glossary}\n```\n")
        module = "studyguide" if whole_extension else "glossary_only"
        (tree / "glossary_only.py").write_text(GLOSSARY_ONLY)
        (tree / "conf.py").write_text(
            CONF_COMMON.format(extensions=f'["myst_parser", "{module}"]')
            + CONF_EXTENSION.format(
                extensions_dir=str(ROOT / "extensions"), here=str(tree), mode=mode
            )
        )


def shutil_copy(src: Path, dest: Path) -> None:
    import shutil

    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("glossary.md"))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(tree: Path, outdir: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one fresh build in a subprocess."""
    cpu = cpu_seconds()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", str(tree), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build of {tree.name} failed:\n{result.stderr[-3000:]}")
    return elapsed, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapters", type=int, default=200)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N builds each")
    parser.add_argument("--whole-extension", action="store_true")
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    args = parser.parse_args()
    cache_bytecode()

    with tempfile.TemporaryDirectory(prefix="sg-bench-") as tmp:
        dest = args.keep or Path(tmp)
        generate(dest, args.chapters, args.terms, args.whole_extension)
        print(f"{args.chapters} chapters, {args.terms} terms, furo, best of {args.repeat}")
        wall: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for name in ("plain", "off", "first"):
            runs = [
                build(dest / name, dest / "_out" / f"{name}-{run}") for run in range(args.repeat)
            ]
            wall[name] = min(run[0] for run in runs)
            cpu[name] = min(run[1] for run in runs)
            print(f"  {name:6s} {wall[name]:7.2f} s wall  {cpu[name]:7.2f} s CPU", flush=True)
        first_out = dest / "_out" / f"first-{args.repeat - 1}"
        links = sum(
            page.read_text(encoding="utf-8").count('class="reference internal sg-term"')
            for page in first_out.glob("chapter-*.html")
        )
        print(f"  links made (first): {links}")
        for label, (a, b) in {
            "first / plain": ("first", "plain"),
            "first / off  ": ("first", "off"),
            "off / plain  ": ("off", "plain"),
        }.items():
            print(f"  {label} = {wall[a] / wall[b]:.3f} wall, {cpu[a] / cpu[b]:.3f} CPU")
        print("  target: first / plain <= 1.15")


if __name__ == "__main__":
    main()
