"""The guide itself: every word of the reviews, strict builds, the video, the PDF."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from guidetest import ROOT, pdf_text

POST = ROOT / "tests" / "data" / "the-battle-of-chile.md"
CHAPTERS = ["part-1-insurrection", "part-2-coup", "part-3-peoples-power"]
CHAPTER_TITLES = [
    "I – The Insurrection of the Bourgeoisie",
    "II – The Coup d'État",
    "III – People's Power",
]
VIDEO_ID = "CnTPJ6kmB0s"
ACCENTED = ["Bolívar", "Cordón", "Chávez", "Maipú", "Guzmán", "compañero"]


def post_paragraphs(post: str) -> list[str]:
    """The paragraphs of the blog post's body, in Markdown, in order."""
    body = post.split("---\n", 2)[2]
    blocks = [block.strip() for block in re.split(r"\n\s*\n", body)]
    paragraphs = []
    for block in blocks:
        if not block or block == "***" or block.startswith("{%"):
            continue
        if re.fullmatch(r"[^\n]+\n-{3,}", block) or block.startswith("#"):
            continue  # headings are checked as titles
        paragraphs.append(re.sub(r"^> ?", "", block, flags=re.M))
    return paragraphs


def markdown_text(markdown: str) -> str:
    """What a reader sees of a Markdown paragraph: link text, no markup."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return text.replace("*", "").replace("_", " ")


def normalise(text: str) -> str:
    """Letters and digits only: whitespace, quotes, dashes and markup repairs drop out."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch.isalnum())


def first_difference(needle: str, haystack: str) -> str:
    """The shortest start of ``needle`` that ``haystack`` lacks (for the message)."""
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    return needle[max(0, low - 40) : low + 20]


def article_text(html_file: Path, separator: str = " ") -> str:
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article") or soup.body
    assert article is not None
    return article.get_text(separator)


def missing_paragraphs(post: str, html_text: str) -> list[str]:
    """Each post paragraph not found word for word in the HTML's text, with where it breaks."""
    haystack = normalise(html_text)
    missing = []
    for paragraph in post_paragraphs(post):
        needle = normalise(markdown_text(paragraph))
        if needle not in haystack:
            missing.append(
                f"paragraph starting {paragraph[:70]!r} differs near "
                f"{first_difference(needle, haystack)!r}"
            )
    return missing


@pytest.fixture(scope="module")
def guide_text(guide_html: Path) -> str:
    return "\n".join(article_text(guide_html / f"{doc}.html") for doc in ["index", *CHAPTERS])


def test_every_paragraph_of_the_post_is_in_the_html(guide_text: str) -> None:
    post = POST.read_text(encoding="utf-8")
    assert len(post_paragraphs(post)) > 60
    assert missing_paragraphs(post, guide_text) == []


def test_fidelity_check_names_a_deleted_paragraph(guide_text: str) -> None:
    """The check above can fail: drop one paragraph from the HTML text and it says which."""
    post = POST.read_text(encoding="utf-8")
    paragraph = markdown_text(post_paragraphs(post)[10])
    cut = guide_text.replace(paragraph[200:400], "")
    assert cut != guide_text
    missing = missing_paragraphs(post, cut)
    assert len(missing) == 1
    assert missing[0].startswith("paragraph starting 'The strike by a relatively privileged")


def test_markup_repairs_leave_no_stray_characters(guide_html: Path) -> None:
    text = "".join(article_text(guide_html / f"{doc}.html", "") for doc in CHAPTERS)
    assert "*" not in text
    for repaired in [
        "Tanquetazo on June 29th",
        "the middle of history and we need",
        "support for Unidad Popular.",
        "Patria y Libertad. Against",
        "call “People’s Power” are",
        "reaction – when force was finally used to break the US-inspired siege – was used",
    ]:
        assert repaired in re.sub(r"\s+", " ", text)


def test_chapter_titles_and_sections(guide_html: Path) -> None:
    for doc, title in zip(CHAPTERS, CHAPTER_TITLES, strict=True):
        soup = BeautifulSoup(
            (guide_html / f"{doc}.html").read_text(encoding="utf-8"), "html.parser"
        )
        h1 = soup.find("h1")
        assert h1 is not None
        assert h1.get_text().strip("¶# \n").replace("’", "'") == title
    soup = BeautifulSoup(
        (guide_html / "part-3-peoples-power.html").read_text("utf-8"), "html.parser"
    )
    sections = [h.get_text().strip("¶# \n") for h in soup.find_all("h2")]
    assert sections[:3] == [
        "People’s Power stops the counter-revolution",
        "Workers and peasants try to reorganise society",
        "Lessons for today",
    ]


def test_video_is_a_lazy_privacy_mode_iframe(guide_html: Path) -> None:
    soup = BeautifulSoup(
        (guide_html / "part-1-insurrection.html").read_text("utf-8"), "html.parser"
    )
    iframes = soup.find_all("iframe")
    assert len(iframes) == 1
    assert iframes[0]["src"] == f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}"
    assert iframes[0]["loading"] == "lazy"
    assert iframes[0]["title"]


def test_build_writes_nothing_into_docs(guide_html: Path) -> None:
    produced = {p.name for p in (ROOT / "docs").rglob("*") if p.suffix not in {".md", ".yaml"}}
    assert not {name for name in produced if name.endswith((".html", ".jpg", ".png", ".tex"))}


def test_latex_has_the_video_url_and_no_thumbnail(guide_latex: Path) -> None:
    tex = (guide_latex / "battle-of-chile.tex").read_text(encoding="utf-8")
    assert f"https://www.youtube.com/watch?v={VIDEO_ID}" in tex
    thumbnails = guide_latex / "_video_thumbnail"
    assert not any(thumbnails.glob("*.jpg")) if thumbnails.exists() else True


@pytest.mark.tex
def test_pdf_has_every_chapter_the_accents_and_the_video(guide_pdf: Path) -> None:
    text = pdf_text(guide_pdf)
    flat = re.sub(r"\s+", " ", text).replace("’", "'")
    for title in CHAPTER_TITLES:
        assert title in flat, title
    for name in ACCENTED:
        assert name in text, name
    assert "“" in text
    assert "”" in text
    assert "–" in text
    assert f"youtube.com/watch?v={VIDEO_ID}" in flat


def test_toctree_captions_have_a_heading_level(guide_html: Path) -> None:
    """Sphinx's captions carry role="heading"; ARIA requires aria-level with it."""
    page = BeautifulSoup((guide_html / "index.html").read_text(encoding="utf-8"), "html.parser")
    captions = page.select('p.caption[role="heading"]')
    assert captions, "no toctree caption on the title page"
    assert {caption.get("aria-level") for caption in captions} == {"2"}


def test_previous_report_leads_to_chapter_one(guide_html: Path) -> None:
    soup = BeautifulSoup((guide_html / "part-2-coup.html").read_text("utf-8"), "html.parser")
    (link,) = [a for a in soup.select("article a") if a.get_text() == "the previous report"]
    assert link["href"] == "part-1-insurrection.html"


@pytest.mark.tex
def test_pdf_prints_external_links_as_footnotes(guide_pdf: Path) -> None:
    text = pdf_text(guide_pdf)
    for url in [
        "http://www.marxist.com/",
        "http://www.handsoffvenezuela.org/",
        "http://venezuelarevolutionfilm.blogspot.com/",
    ]:
        assert url in text, url
    assert "handsoffvenezuela.org/battle-of-chile-1st-part" not in text


def test_text_from_the_data_has_the_chapters_typography(guide_html: Path) -> None:
    straight = re.compile(r"[A-Za-z]'[A-Za-z]|\b\d{4}-\d{4}\b")
    for page in ["glossary", "sessions", "part-1-insurrection", "questions"]:
        soup = BeautifulSoup((guide_html / f"{page}.html").read_text("utf-8"), "html.parser")
        article = soup.select_one("article")
        assert article is not None
        texts = [t for t in article.find_all(string=straight) if t.parent.name != "code"]
        assert texts == [], (page, texts[:3])
        tips = [a["data-sg-tip"] for a in article.select("[data-sg-tip]")]
        assert tips, page
        assert [tip for tip in tips if straight.search(tip)] == [], page
    glossary = (guide_html / "glossary.html").read_text("utf-8")
    assert "1915–2006" in glossary


@pytest.mark.tex
def test_pdf_data_text_has_curly_quotes_and_range_dashes(guide_pdf: Path) -> None:
    text = pdf_text(guide_pdf)
    assert "1915–2006" in text
    assert not re.search(r"\b1[89]\d\d-\d{4}\b", text)


def test_index_entries_have_the_chapters_typography(guide_html: Path, guide_latex: Path) -> None:
    """A term's definition, its mentions and its "see" entries share one curly heading."""
    index = (guide_html / "genindex.html").read_text("utf-8")
    assert "People’s Power</strong>" in index
    assert "see People’s Power" in index
    assert "People&#39;s Power" not in index
    assert "People's Power" not in index
    tex = (guide_latex / "battle-of-chile.tex").read_text("utf-8")
    assert "People’s Power" in "".join(re.findall(r"\\index\{[^}]*\}", tex))
    assert not re.search(r"\\index\{People's Power", tex)


def test_glossary_dates_the_definition_states_are_not_repeated(guide_html: Path) -> None:
    soup = BeautifulSoup((guide_html / "glossary.html").read_text("utf-8"), "html.parser")
    term = soup.find("dt", id="term-Monroe-doctrine")
    assert term is not None
    definition = term.find_next_sibling("dd")
    assert definition.select(".sg-glossary-names") == []  # was a bare "1823"
    assert "in 1823" in definition.get_text()


def test_web_only_words_stay_on_the_web(guide_html: Path, guide_latex: Path) -> None:
    index = (guide_html / "index.html").read_text("utf-8")
    glossary = (guide_html / "glossary.html").read_text("utf-8")
    assert "Linked names in the text lead to it." in index
    assert "point at the link, or move to it with the keyboard" in glossary
    tex = re.sub(r"\s+", " ", (guide_latex / "battle-of-chile.tex").read_text("utf-8"))
    assert "point at the link" not in tex
    assert "Linked names" not in tex
    assert "A page number after a name, such as “(p. 42)”, gives the page of its entry." in tex
    assert "is followed by the page of its entry here" in tex


def test_every_page_has_a_description_and_an_icon(guide_html: Path) -> None:
    pages = sorted(guide_html.glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        if page.name in {"genindex.html", "search.html"}:
            continue
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        assert len(descriptions) == 1, page.name
        assert 40 <= len(descriptions[0]["content"]) <= 161, page.name
        icon = soup.find("link", rel="icon")
        assert icon is not None, page.name
        assert (guide_html / icon["href"]).is_file()
    chapter = BeautifulSoup(
        (guide_html / "part-1-insurrection.html").read_text("utf-8"), "html.parser"
    )
    assert chapter.find("meta", attrs={"name": "description"})["content"].startswith(
        "On August 20th, 2008, the film season"
    )


def test_mentioned_in_links_every_chapter_title(guide_html: Path) -> None:
    soup = BeautifulSoup((guide_html / "glossary.html").read_text("utf-8"), "html.parser")
    titles = {
        a["href"]: a.get_text()
        for line in soup.select(".sg-glossary-mentions")
        for a in line.select("a")
        if "#" not in a["href"]
    }
    assert titles["part-3-peoples-power.html"] == "III – People’s Power"
    assert titles["part-1-insurrection.html"] == "I – The Insurrection of the Bourgeoisie"


def test_a_full_date_is_linked_whole(guide_html: Path) -> None:
    soup = BeautifulSoup((guide_html / "part-2-coup.html").read_text("utf-8"), "html.parser")
    dates = [a.get_text() for a in soup.select("article a.sg-term") if "September" in a.get_text()]
    # "September 1973" is a name of the coup; in "11 September 1973" the day goes with it.
    assert "11 September 1973" in dates
    assert "September 1973" not in dates


def test_date_start_takes_the_day_of_a_full_date() -> None:
    from studyguide.glossary.autolink import date_start

    text = "This part ends on 11 September 1973, in September 1973 and 3rd March."
    assert date_start(text, 0, text.index("September")) == text.index("11 ")
    later = text.index("September", text.index("in "))
    assert date_start(text, 0, later) == later
    assert date_start(text, 0, text.index("March")) == text.index("3rd")
    assert date_start(text, text.index("September"), text.index("September")) == text.index(
        "September"
    )


def test_video_has_a_caption_a_title_and_valid_attributes(guide_html: Path) -> None:
    page = (guide_html / "part-1-insurrection.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    (figure,) = soup.select("article figure.studyguide-video")
    iframe = figure.find("iframe")
    assert iframe["title"] == "Video: I – The Insurrection of the Bourgeoisie"
    assert 'allowfullscreen="true"' not in page
    assert re.search(r"<iframe [^>]*\ballowfullscreen\b(?!=)", page)
    caption = figure.find("figcaption")
    assert caption.get_text() == "I – The Insurrection of the Bourgeoisie: watch it on YouTube"
    assert caption.a["href"] == f"https://www.youtube.com/watch?v={VIDEO_ID}"
