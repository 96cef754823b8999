"""What each ``-j`` read worker sends back: the pickled environment, in bytes.

Sphinx's parallel read runs chunks of documents in forked workers; each
returns its whole environment, pickled, and the main process unpickles and
merges it.  Bytes sent are CPU spent twice (pickling, unpickling), and the
measure is deterministic where timings on a shared machine are not.

The synthetic guide (``generate.py``) is built with ``-j 2``, the extension's
and the hand-written variant, in process; the bytes of each message a worker
sends through its pipe are counted, and the read workers' (their result is
the pickled environment, ``bytes``) are printed with their sum.

With ``--time N`` it then times full builds of both variants with ``-j 1``
and ``-j 2`` (strict, each in a fresh subprocess, as ``run.py`` does),
interleaved, best of N wall times, and prints ``-j 2`` / ``-j 1`` of each: the
part of ``make bench`` that concerns ``-j``, alone (the target: the extension's
at most 0.9, as the hand-written guide's).

    .venv/bin/python benchmarks/worker_env.py --chapters 50 --terms 500
    .venv/bin/python benchmarks/worker_env.py --chapters 200 --terms 2000 --time 1
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
from io import StringIO
from multiprocessing import connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "extensions"))

from generate import generate
from run import build
from strict import cache_bytecode


def read_worker_bytes(srcdir: Path, builddir: Path, log: Path) -> list[int]:
    """Build *srcdir* with -j 2; the size of each environment a read worker sent."""
    from sphinx.testing.util import SphinxTestApp

    original = connection.Connection._send_bytes

    def send(self: connection.Connection, buf: memoryview) -> None:  # type: ignore[type-arg]
        # In the worker (forked): a read result is (failed, logs, pickled env).
        if len(buf) > 1000:
            result = pickle.loads(bytes(buf))
            if isinstance(result, tuple) and isinstance(result[-1], bytes):
                with log.open("a", encoding="utf-8") as stream:
                    stream.write(f"{os.getpid()} {len(result[-1])}\n")
        original(self, buf)

    connection.Connection._send_bytes = send  # type: ignore[method-assign]
    try:
        app = SphinxTestApp(
            "html",
            srcdir=srcdir,
            builddir=builddir,
            freshenv=True,
            parallel=2,
            status=StringIO(),
            warning=StringIO(),
        )
        try:
            app.build()
        finally:
            app.cleanup()
    finally:
        connection.Connection._send_bytes = original  # type: ignore[method-assign]
    return [int(line.split()[1]) for line in log.read_text(encoding="utf-8").splitlines()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chapters", type=int, default=50)
    parser.add_argument("--terms", type=int, default=500)
    parser.add_argument("--time", type=int, default=0, help="also time -j 1 and -j 2, best of N")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sg-worker-env-") as tmp:
        work = Path(tmp)
        sources = generate(work / "src", args.chapters, args.terms)
        totals = {}
        for variant in ("ext", "hand"):
            log = work / f"{variant}.log"
            log.touch()
            sizes = read_worker_bytes(sources[variant], work / f"build-{variant}", log)
            totals[variant] = sum(sizes)
            shown = ", ".join(f"{size / 1e6:.3f}" for size in sizes)
            print(f"{variant:5} read workers sent {shown} MB; total {sum(sizes) / 1e6:.3f} MB")
        print(f"extension / hand-written: {totals['ext'] / totals['hand']:.2f}")
        if args.time:
            cache_bytecode()
            timed: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for _run in range(args.time):
                for variant in ("ext", "hand"):
                    for jobs in ("1", "2"):
                        outdir = work / f"timed-{variant}-{jobs}"
                        done = build(sources[variant], outdir, "-j", jobs)
                        timed.setdefault((variant, jobs), []).append(
                            (done.seconds, done.cpu_seconds)
                        )
            for variant in ("ext", "hand"):
                j1, j2 = min(timed[variant, "1"]), min(timed[variant, "2"])
                print(
                    f"{variant:5} -j 1 wall {j1[0]:.2f} s (CPU {j1[1]:.2f}), -j 2 wall "
                    f"{j2[0]:.2f} s (CPU {j2[1]:.2f}): -j 2 / -j 1 wall {j2[0] / j1[0]:.2f}, "
                    f"CPU {j2[1] / j1[1]:.2f}"
                )
            print(f"1-minute load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
