"""The book on paper: the whole book as one PDF (`make pdf`), and each page printed from the site."""

import datetime
import html
import os
import re
import shutil
import sys

import pytest
import yaml

from conftest import ROOT, chart_pages, pages
from drawn import CHART_BEGUN, CHART_DRAWN

pytestmark = pytest.mark.slow

sys.path.insert(0, str(ROOT / "pdf"))
import book_pdf  # noqa: E402

PDF_NAME = book_pdf.book_print.PDF_NAME


def poppler() -> None:
    """poppler-utils reads the PDFs; skipped outside CI when missing, a failure in CI."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("poppler-utils is not installed: `make test` installs it with apt-get")
        pytest.skip("poppler-utils is not installed (`make test` installs it with apt-get)")


def text(fragment: str) -> str:
    """The text of an HTML fragment, white space flattened."""
    return book_pdf.flat(html.unescape(re.sub(r"<[^>]+>", "", fragment)))


def split_figures(pdf: list[str], figures: list[dict]) -> list[str]:
    """Figures whose top words and caption do not all stand on one page of the PDF."""
    problems = []
    for figure in figures:
        parts = [book_pdf.flat(figure[key]) for key in ("top", "caption_start", "caption_end") if figure[key]]
        if not any(all(part in page for part in parts) for page in pdf):
            where = {part: [n + 1 for n, page in enumerate(pdf) if part in page] for part in parts}
            problems.append(f"{figure['number']} is not on one page: {where}")
    return problems


def web_figures(site) -> dict[str, str]:
    """Every figure of the site: its number and the start of its caption's text."""
    found = {}
    for path in pages(site):
        page = (site / path).read_text(encoding="utf-8")
        captions = re.findall(r'<span class="caption-number">(Figure [\d.]+) </span>'
                              r'<span class="caption-text">(.*?)</span><a class="headerlink"', page, re.S)
        for number, caption in captions:
            found[number] = " ".join(text(caption).split()[:6])
    return found


@pytest.fixture(scope="module")
def book(built_book):
    """The book's PDF, made once after the site is built (its cache and parsed pages are reused),
    with the text of each page."""
    poppler()
    report = book_pdf.make_pdf(ROOT)
    return report, book_pdf.pdf_pages(report.path)


def test_the_pdf_holds_every_chapter_in_order(book, built_book):
    report, pdf = book
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    assert [entry["doc"] for entry in report.contents] == docs
    assert len(docs) + 2 <= len(pdf) <= 400, f"{len(pdf)} pages"  # title, contents, a page or more each
    listed = pdf[1]
    starts = []
    for entry in report.contents:
        page = (built_book / f"{entry['doc']}.html").read_text(encoding="utf-8")
        title = text(re.search(r"<h1>(.*?)<a class=\"headerlink\"", page).group(1))
        number = entry["page"]
        assert f"{title} {number}" in listed, f"the contents do not give {title!r} page {number}"
        assert pdf[number - 1].startswith(title), f"page {number} does not open with {title!r}"
        starts.append(number)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_the_title_page_gives_the_question_the_date_and_the_cutoff(book, built_book):
    _, pdf = book
    landing = (built_book / "notebooks" / "index.html").read_text(encoding="utf-8")
    question = text(re.search(r"<blockquote>(.*?)</blockquote>", landing, re.S).group(1))
    today = datetime.date.today()
    edition = f"Edition of {today.day} {today:%B %Y}"
    for line in (question, edition, f"The record runs to {book_pdf.cutoff(ROOT)}"):
        assert line in pdf[0], line


def test_the_pdf_numbers_every_figure_as_the_site_does(book, built_book):
    report, pdf = book
    figures = web_figures(built_book)
    assert figures and sorted(f["number"] for f in report.figures) == sorted(figures)
    whole = " ".join(pdf)
    for number, caption in figures.items():
        assert f"{number} {caption}" in whole, f"{number} ({caption}…) is not in the PDF"


def test_the_pdf_prints_no_code_toggles_and_no_hover_instructions(book, built_book):
    _, pdf = book
    whole = " ".join(pdf)
    assert "Show code cell source" not in whole
    hovers = {text(span) for path in pages(built_book)
              for span in re.findall(r'<span class="book-screen-only">(.*?)</span>',
                                     (built_book / path).read_text(encoding="utf-8"))}
    assert hovers, "no caption is marked screen-only"
    assert not [hover for hover in hovers if hover in whole]


def test_no_figure_is_split_across_pages_of_the_pdf(book):
    report, pdf = book
    page_height = book_pdf.CONTENT_PX[1]
    assert all(f["height"] <= page_height and f["breaks_inside"] == "avoid" for f in report.figures)
    assert not split_figures(pdf, report.figures)


def test_the_site_links_the_pdf_from_every_page(book, built_book):
    report, _ = book
    assert (built_book / PDF_NAME).read_bytes() == report.path.read_bytes()
    for page in sorted((built_book / "notebooks").glob("*.html")):
        assert f'href="../{PDF_NAME}"' in page.read_text(encoding="utf-8"), page.name


def test_printed_pages_keep_each_figure_on_one_page(site, browser, tmp_path):
    """Each page of the site printed on A4: no figure straddles a page break, no code toggle,
    no chart control and no hover instruction is printed."""
    poppler()
    base, root = site
    context = browser.new_context()  # one cache: plotly.js is read once
    printed = 0
    for path in chart_pages(root):
        page = book_pdf.open_for_print(context, f"{base}/{path}")
        figures = book_pdf.measure_figures(page)
        assert figures and not book_pdf.oversized(page, figures), path
        shown = page.evaluate("""() => ({
            article: document.querySelector('article').innerText,
            captions: [...document.querySelectorAll('figcaption')].map(c => c.innerText),
            modebars: [...document.querySelectorAll('.modebar-container')]
              .filter(m => getComputedStyle(m).display !== 'none').length})""")
        assert "Show code cell" not in shown["article"], path
        assert not [c for c in shown["captions"] if re.search(r"\bhover\b", c, re.I)], path
        assert shown["modebars"] == 0, path
        pdf = tmp_path / "page.pdf"
        book_pdf.print_pdf(page, pdf)
        assert not split_figures(book_pdf.pdf_pages(pdf), figures), path
        page.close()
        printed += 1
    context.close()
    assert printed >= 1


def test_a_folded_table_may_break_so_it_starts_where_the_text_before_it_ends(site, browser):
    """The theme keeps every table whole on paper: a folded table, longer than a page, was pushed to
    the next page and left most of this one blank. Folded tables may break (between rows)."""
    base, _ = site
    page = book_pdf.open_for_print(browser, f"{base}/notebooks/what-happened-next.html")
    breaks = page.evaluate("""() => [...document.querySelectorAll('details.book-fold table')].map(t =>
        [getComputedStyle(t).breakInside, getComputedStyle(t.querySelector('tbody tr')).breakInside])""")
    page.close()
    assert breaks and all(pair == ["auto", "avoid"] for pair in breaks), breaks


def test_on_paper_a_sources_address_is_set_smaller_than_its_headline(site, browser):
    """Web addresses (news feeds' run to 300 characters) made every row of the printed sources table
    many lines tall; on paper they, and what a source came through, are set smaller."""
    base, _ = site
    page = book_pdf.open_for_print(browser, f"{base}/notebooks/data-tables.html")
    sizes = page.evaluate("""() => Object.fromEntries(['Headline', 'Address', 'Via'].map(label => [label,
        parseFloat(getComputedStyle(document.querySelector(`td[data-label="${label}"]`)).fontSize)]))""")
    page.close()
    assert sizes["Address"] < sizes["Headline"] and sizes["Via"] < sizes["Headline"], sizes


def test_printing_from_the_browser_draws_the_charts_the_reader_never_reached(site, browser, tmp_path):
    """A chart draws as it comes near the screen; a page printed as it is, at the top, prints
    every chart drawn."""
    poppler()
    base, root = site
    charts = {path: (root / path).read_text(encoding="utf-8").count("plotly-graph-div")
              for path in chart_pages(root)}
    path = max(charts, key=charts.get)
    page = browser.new_page()
    page.goto(f"{base}/{path}", wait_until="load")
    every_chart = "() => [...document.querySelectorAll('div.plotly-graph-div')]"
    assert not page.evaluate(f"{every_chart}.every({CHART_BEGUN})"), f"{path}: every chart was drawn at load"
    pdf = tmp_path / "as-it-is.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert page.evaluate(f"{every_chart}.every({CHART_DRAWN})"), path
    last_title = page.evaluate("""() => { const t = [...document.querySelectorAll('.gtitle')].pop();
        return (t.querySelector('tspan.line') || t).textContent; }""")
    assert book_pdf.flat(last_title) in book_pdf.flat(" ".join(book_pdf.pdf_pages(pdf))), path
    page.close()
