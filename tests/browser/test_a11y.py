"""axe-core audits: no serious or critical accessibility violation on the guide's main pages.

axe-core comes from the axe-playwright-python package (its bundled axe.min.js),
so the audit needs no network.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS, DESKTOP, MOBILE, need_page, open_page

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGES = {
    "index.html": "the guide",
    f"{CHAPTERS[0]}.html": "the chapters",
    "glossary.html": "the glossary",
    "questions.html": "the discussion questions",
}


def _report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            lines.append(f"        {node.get('failureSummary', '').strip()[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("viewport", ["1280", "375"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_axe_violation(
    site: Path, base_url: str, browser: Browser, name: str, viewport: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    need_page(site, name, PAGES[name])
    page, traffic = open_page(browser, base_url, DESKTOP if viewport == "1280" else MOBILE)
    try:
        page.goto(base_url + name, wait_until="load")
        results = Axe().run(page, options={"resultTypes": ["violations"]})
        violations = results.response["violations"]
        serious = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert serious == [], _report(serious)
        assert traffic.problems() == []
    finally:
        page.context.close()
