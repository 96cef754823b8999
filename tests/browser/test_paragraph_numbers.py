"""Paragraph numbers in the browser: in the margin on a desktop, opening the paragraph on a phone.

The number is CSS generated content: the tests measure where Chromium draws it
and check that selecting a paragraph's text leaves it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from browsing import CHAPTERS

if TYPE_CHECKING:
    from browsing import Traffic
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

#: The chapter with block quotes among its numbered paragraphs.
CHAPTER = CHAPTERS[2]

#: Per numbered paragraph: its number, how the number is placed, the number's
#: box (left, right, top, bottom, from the paragraph's box and the computed
#: style of the ::before of the empty span that opens the paragraph), the
#: paragraph's first line of text, the left edge of the text beside it (the
#: block quote's, in one), and the left edge of furo's content column.
MEASURE = """() => {
  const content = document.querySelector('.content').getBoundingClientRect();
  return Array.from(document.querySelectorAll('p.sg-para')).map(p => {
    const box = p.getBoundingClientRect();
    const span = p.firstElementChild;
    const before = getComputedStyle(span, '::before');
    const right = box.left - parseFloat(before.marginRight);
    const width = parseFloat(before.width);
    const quote = p.closest('blockquote');
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && !text.textContent.trim()) text = walker.nextNode();
    const range = document.createRange();
    range.selectNodeContents(text);
    const line = range.getClientRects()[0];
    const top = box.top + parseFloat(before.top);
    return {
      first: p.firstChild === span && span.className, empty: span.textContent === '',
      number: span.dataset.sgPara, content: before.content, position: before.position,
      left: right - width, right: right, text: (quote || p).getBoundingClientRect().left,
      column: content.left, top: top, bottom: top + parseFloat(before.height),
      lineTop: line.top, lineBottom: line.bottom,
    };
  });
}"""

SELECTED_TEXT = """(id) => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString();
}"""


def measure(page: Page, base_url: str) -> list[dict[str, Any]]:
    page.goto(f"{base_url}{CHAPTER}.html", wait_until="load")
    numbers: list[dict[str, Any]] = page.evaluate(MEASURE)
    assert len(numbers) > 10
    assert [n["number"] for n in numbers] == [str(i) for i in range(1, len(numbers) + 1)]
    assert all(n["first"] == "sg-para-number" and n["empty"] for n in numbers), numbers
    assert all(n["content"] == f'"{n["number"]}"' for n in numbers)
    return numbers


def test_numbers_stand_in_the_margin_on_a_desktop(
    base_url: str, desktop: tuple[Page, Traffic]
) -> None:
    page, traffic = desktop
    numbers = measure(page, base_url)
    for n in numbers:
        assert n["position"] == "absolute", n
        # Inside furo's content column, left of the text (and of a block quote).
        assert n["column"] <= n["left"], n
        assert n["right"] < n["text"], n
        # Level with the paragraph's first line.
        assert n["lineTop"] <= n["top"] < n["bottom"] <= n["lineBottom"], n
    # One column of numbers, the block quotes' too.
    assert len({round(n["right"]) for n in numbers}) == 1, numbers
    assert traffic.problems() == []


def test_numbers_open_the_paragraph_on_a_phone(base_url: str, mobile: tuple[Page, Traffic]) -> None:
    page, traffic = mobile
    numbers = measure(page, base_url)
    # Furo's 1em margin is too narrow: the number is inline, in the text's box.
    assert {n["position"] for n in numbers} == {"static"}
    assert all(n["text"] >= 0 for n in numbers)
    assert traffic.problems() == []


def test_number_is_not_copied_with_the_text(base_url: str, desktop: tuple[Page, Traffic]) -> None:
    page, _traffic = desktop
    page.goto(f"{base_url}{CHAPTER}.html", wait_until="load")
    selected = page.evaluate(SELECTED_TEXT, "para-3")
    assert selected.startswith("First of all, the workers"), selected
