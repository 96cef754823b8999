"""The auto-linker's cost grows linearly with the mentions in one paragraph;
a -j read worker sends back no question bodies.

``studyguide_autolink = "all"`` links every mention: a paragraph of 10,000 and
one of 20,000 mentions of a term are built in process, and the time the
extension spends on them is measured around its steps: the read-time
transform (``AutoLink``, priority 800) and the write-time handlers of
``doctree-resolved`` (``resolve_mentions`` and its neighbours).  Replacing the
mentions one by one was quadratic (10k 5.5 s, 20k 15 s, 100k 263 s).
"""

from __future__ import annotations

import gc
import pickle
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from guidetest import SUMMARY
from sphinx.testing.util import SphinxTestApp
from sphinx.transforms import SphinxTransform

#: Ten times the extension's time measured for 20,000 mentions (about 1 s, on
#: 2 cores shared by 8 jobs); quadratic, it took half a minute.
LIMIT = 10.0

CONF = """\
extensions = ["myst_parser", "studyguide"]
studyguide_glossary = "glossary.yaml"
studyguide_autolink = "all"
exclude_patterns = ["_build"]
"""
GLOSSARY = """\
terms:
  - term: MIR
    definition: The Revolutionary Left Movement.
    category: party
"""


#: (step-edge, time) of the build that runs; reset by each build.
TIMES: list[tuple[str, float]] = []


def _stamp(name: str) -> None:
    TIMES.append((name, time.perf_counter()))


class _BeforeAutoLink(SphinxTransform):
    default_priority = 799

    def apply(self, **kwargs: Any) -> None:
        _stamp("read-start")


class _AfterAutoLink(SphinxTransform):
    default_priority = 801

    def apply(self, **kwargs: Any) -> None:
        _stamp("read-stop")


def _project(root: Path, mentions: int) -> Path:
    root.mkdir()
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "glossary.yaml").write_text(GLOSSARY, encoding="utf-8")
    (root / "glossary.md").write_text("# Glossary\n\n```{studyguide-glossary}\n```\n")
    (root / "index.md").write_text("# Test\n\n```{toctree}\nchapter\nglossary\n```\n")
    words = " ".join(["the MIR"] * mentions)
    (root / "chapter.md").write_text(f"# Chapter\n\n{words}\n", encoding="utf-8")
    return root


def _extension_seconds(root: Path) -> tuple[float, SphinxTestApp]:
    """The build's time in the auto-linker's steps, summed over the documents."""
    app = SphinxTestApp("html", srcdir=root, status=StringIO(), warning=StringIO())
    TIMES.clear()
    app.add_transform(_BeforeAutoLink)
    app.add_transform(_AfterAutoLink)
    app.connect("doctree-resolved", lambda *_: _stamp("write-start"), priority=499)
    app.connect("doctree-resolved", lambda *_: _stamp("write-stop"), priority=501)
    # The algorithm's cost, not the garbage collector's: its passes grow with
    # the nodes alive and would make even linear steps look worse than linear.
    gc.collect()
    gc.disable()
    try:
        app.build()
    finally:
        gc.enable()
        app.cleanup()
    assert app.warning.getvalue() == ""
    total = 0.0
    started: dict[str, float] = {}
    for name, stamp in TIMES:
        step, edge = name.split("-")
        if edge == "start":
            started[step] = stamp
        else:
            total += stamp - started.pop(step)
    return total, app


def test_autolink_all_is_linear(tmp_path: Path) -> None:
    """Four times the mentions take at most 9 times as long, and 20,000 within the limit.

    Linear steps measure about 3 to 4 times (without the garbage collector);
    replacing mentions one by one, quadratic, made it 16 and more.  The best of
    two builds of each size, so that another process does not decide the ratio.
    """
    small = min(_extension_seconds(_project(tmp_path / f"small{n}", 5_000))[0] for n in range(2))
    timings = [_extension_seconds(_project(tmp_path / f"large{n}", 20_000)) for n in range(2)]
    large, app = min(timings, key=lambda timing: timing[0])
    SUMMARY.append(f"autolink all: 5,000 mentions {small:.2f} s, 20,000 {large:.2f} s")
    assert large < LIMIT, f"20,000 mentions: {large:.1f} s"
    assert large < 9 * small, f"5,000 mentions {small:.2f} s, 20,000 {large:.2f} s"
    page = BeautifulSoup((app.outdir / "chapter.html").read_text(encoding="utf-8"), "html.parser")
    links = page.select("p a.sg-term")
    assert len(links) == 20_000
    assert {link.get_text() for link in links} == {"MIR"}
    assert {link["href"] for link in links} == {"glossary.html#term-MIR"}
    paragraph = page.select_one("main p, div.body p, p")
    assert paragraph is not None
    assert paragraph.get_text().split() == ["the", "MIR"] * 20_000


@pytest.mark.sphinx("html", testroot="questions", freshenv=True, parallel=2)
def test_read_workers_send_back_no_question_bodies(app: SphinxTestApp) -> None:
    """The questions domain keeps attributes, not bodies: a -j read worker sends back
    its environment, pickled, and the bodies of the questions stay in the doctrees.

    The page of all questions still shows each body in full, copied from its
    chapter's doctree (built with -j 2, so the data went through the merge).
    """
    app.build()
    assert app.warning.getvalue() == ""
    data = pickle.dumps(app.env.domaindata["questions"], pickle.HIGHEST_PROTOCOL)
    body = "Why did the March election surprise the Right?"
    assert body.encode() not in data
    assert b"q-elections" in data  # the labels are kept
    domain = app.env.domains["questions"]
    collected = [q for questions in domain.questions.values() for q in questions]
    assert collected
    assert all(len(question.children) == 0 for question in collected)
    page = BeautifulSoup((app.outdir / "questions.html").read_text(encoding="utf-8"), "html.parser")
    texts = [" ".join(q.get_text().split()) for q in page.select(".sg-question-copy")]
    assert any(body in text for text in texts)
