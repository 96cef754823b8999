"""The extension's own JS and CSS stay under 10 KB gzipped on every page.

``benchmarks/page_weight.py`` does the measuring; these tests run it on the real
guide and on a tiny hand-made site, so the measure itself is checked too.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from browsing import ROOT


def _benchmark() -> ModuleType:
    path = ROOT / "benchmarks" / "page_weight.py"
    spec = importlib.util.spec_from_file_location("page_weight", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules.
    sys.modules.setdefault("page_weight", module)
    spec.loader.exec_module(module)
    return module


page_weight = _benchmark()


def test_guide_within_limit(guide_html: Path) -> None:
    data = page_weight.report(guide_html)
    assert data["pages"], "no page measured"
    assert data["max_own_bytes"] <= page_weight.LIMIT, (
        f"{data['max_own_page']} loads {data['max_own_bytes']} bytes gzipped of "
        f"_static/studyguide*: {data['pages'][data['max_own_page']]['own']}"
    )


def _site(tmp_path: Path, script: bytes) -> Path:
    static = tmp_path / "_static"
    static.mkdir()
    (static / "studyguide.js").write_bytes(script)
    (static / "studyguide.css").write_bytes(b"a.sg-term { color: red }\n" * 100)
    (static / "furo.css").write_bytes(os.urandom(50_000))
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="_static/studyguide.css?v=1">'
        '<link rel="stylesheet" href="_static/furo.css">'
        '<script src="_static/studyguide.js?v=2"></script>'
        '<script src="https://cdn.example.org/studyguide.js"></script>',
        encoding="utf-8",
    )
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "other.html").write_text(
        '<link rel="stylesheet" href="../_static/studyguide.css">', encoding="utf-8"
    )
    return tmp_path


def test_measure_counts_only_own_files(tmp_path: Path) -> None:
    site = _site(tmp_path, b"var x = 1;\n" * 100)
    weights = {w.page: w for w in page_weight.measure(site)}
    assert set(weights) == {"page.html", "sub/other.html"}
    assert set(weights["page.html"].own) == {"_static/studyguide.css", "_static/studyguide.js"}
    assert set(weights["page.html"].other) == {"_static/furo.css"}
    assert set(weights["sub/other.html"].own) == {"_static/studyguide.css"}
    assert weights["page.html"].other_total > 45_000  # random bytes do not compress
    assert page_weight.report(site)["within_limit"] is True


def test_limit_is_enforced(tmp_path: Path) -> None:
    site = _site(tmp_path, os.urandom(12_000))
    data = page_weight.report(site)
    assert data["within_limit"] is False
    assert data["max_own_page"] == "page.html"
    assert page_weight.main(["--html", str(site)]) == 1


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_cli_reads_a_built_guide(
    guide_html: Path, capsys: pytest.CaptureFixture[str], flag: list[str]
) -> None:
    assert page_weight.main(["--html", str(guide_html), *flag]) == 0
    out = capsys.readouterr().out
    assert "part-1-insurrection.html" in out
