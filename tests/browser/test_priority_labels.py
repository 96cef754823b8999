"""Core and reserve questions, told apart in words in the browser (not by colour alone).

Chromium renders the chapters, the page of all questions and the sessions page;
every reserve question shows the word "Reserve" beside its number, every core
question "Core", both visible and in the text a screen reader reads out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from browsing import CHAPTERS

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: Per question (a box in the chapters and on the questions page, an entry of a
#: session plan's lists): whether it is a reserve question by its box or list,
#: the label's text as rendered, and whether the label is drawn.
LABELS = """() => Array.from(document.querySelectorAll(
    '.sg-question, .sg-session-plan .sg-question-entry')).map(question => {
  const reserve = question.classList.contains('sg-question-reserve')
    || question.closest('.sg-plan-reserve') !== null;
  const label = question.querySelector('.sg-question-priority');
  if (!label) return {reserve: reserve, text: null};
  const rect = label.getBoundingClientRect();
  const style = getComputedStyle(label);
  return {
    reserve: reserve,
    text: label.innerText.trim(),
    drawn: rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden'
      && style.display !== 'none' && parseFloat(style.opacity) > 0,
  };
})"""


@pytest.mark.parametrize("name", [*CHAPTERS, "questions", "sessions"])
def test_reserve_and_core_labelled_in_words(
    base_url: str, desktop: tuple[Page, Traffic], name: str
) -> None:
    page, traffic = desktop
    page.goto(f"{base_url}{name}.html", wait_until="load")
    questions = page.evaluate(LABELS)
    assert questions, f"no question on {name}"
    assert any(question["reserve"] for question in questions), f"no reserve question on {name}"
    for question in questions:
        assert question["text"] is not None, question
        assert question["text"].casefold() == ("reserve" if question["reserve"] else "core")
        assert question["drawn"], question
    assert traffic.page_errors == []
