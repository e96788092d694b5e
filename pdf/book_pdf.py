"""The whole book as one PDF: `make pdf` (= `.venv/bin/python pdf/book_pdf.py`).

1. It builds the HTML site (`make book`), then Sphinx's single-page HTML builder writes the
   book as one page (`_build/singlehtml`) from the same execution cache and parsed pages.
   The site comes first: the two builders share the parsed pages, and a page the single-page
   build re-read would not be written again for the site.
2. Debian's Chromium, driven by playwright, lays the page out on A4 in print media: a title
   page, a table of contents, every chapter and appendix in the order of `_toc.yml`, vector
   charts. Before printing it checks the page boxes: every figure must fit on one page.
3. It prints twice: the second time with the contents' page numbers read from the first.
4. It builds the HTML site again, which then carries the PDF and links it from every page.

The PDF is `_build/pdf/killing-time-or-genuine-approach.pdf`.
"""

from __future__ import annotations

import ast
import datetime
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "_ext"), str(ROOT / "tools")]
import book_print  # noqa: E402
from drawn import CHARTS_DRAWN  # noqa: E402

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
PX_PER_MM = 96 / 25.4
A4_MM = (210, 297)
MARGIN_MM = {"top": 15, "bottom": 17, "left": 16, "right": 16}
#: The printable box of an A4 page in CSS pixels: what the layout has to fit.
CONTENT_PX = ((A4_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]) * PX_PER_MM,
              (A4_MM[1] - MARGIN_MM["top"] - MARGIN_MM["bottom"]) * PX_PER_MM)
FOOTER = ('<div style="width:100%;font:8px sans-serif;color:#555;text-align:center">'
          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')
#: Per figure: its number, its height, whether it may break, the first words of its topmost
#: chart text (a title too long for the chart is cut at its edge), and the first and last
#: words of its caption as print shows it: words that must all stand on one page of the PDF.
FIGURES = """() => [...document.querySelectorAll('article figure')].map(figure => {
  const words = (text, from, to) => text.replace(/\\s+/g, ' ').trim().split(' ').slice(from, to).join(' ');
  const texts = [...figure.querySelectorAll('svg text')]
    .map(t => ({top: t.getBoundingClientRect().top, text: (t.querySelector('tspan.line') || t).textContent}))
    .filter(t => t.text.trim().length >= 8).sort((a, b) => a.top - b.top);
  const caption = figure.querySelector('figcaption').innerText.replace(/ #\\s*$/, '');
  return {number: figure.querySelector('.caption-number').innerText.trim(),
          height: figure.getBoundingClientRect().height, breaks_inside: getComputedStyle(figure).breakInside,
          top: texts.length ? words(texts[0].text, 0, 4) : '',
          caption_start: words(caption, 0, 8), caption_end: words(caption, -6)};
})"""
#: The first header cell and the width of every table wider than the page.
WIDE_TABLES = """width => [...document.querySelectorAll('article table')]
  .map(table => [table.querySelector('th, td')?.innerText.trim() ?? '', table.getBoundingClientRect().width])
  .filter(([, w]) => w > width + 1)"""


def flat(text: str) -> str:
    """Text with every run of white space made one space."""
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext), white space flattened."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [flat(page) for page in text.split("\f")[:-1]]


def glued(notebook: Path, name: str) -> str:
    """A text value a notebook glues, from the store MyST-NB writes beside its executed copy."""
    store = notebook.with_suffix(".glue.json")
    value = json.loads(store.read_text(encoding="utf-8")).get(name)
    if value is None:
        raise KeyError(f"{store}: no glued value named {name!r}")
    return ast.literal_eval(value["data"]["text/plain"])


def cutoff(root: Path) -> str:
    """The record's cut-off, as the chapter on later events computes and states it."""
    return glued(root / "_build" / "jupyter_execute" / "notebooks" / "what-happened-next.ipynb", "cutoff")


def build_site(root: Path, builder: str) -> Path:
    """Build the book in `root` with `builder` (html or singlehtml), warnings as errors."""
    command = [str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", "--builder", builder, str(root)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"the {builder} build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return root / "_build" / builder


def contents_parts(root: Path) -> dict:
    """The landing page and the table of contents' parts (caption, documents), from `_toc.yml`."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    parts = [{"caption": part["caption"], "docs": [chapter["file"] for chapter in part["chapters"]]}
             for part in toc["parts"]]
    return {"root": toc["root"], "parts": parts}


def open_for_print(browser: Browser | BrowserContext, url: str) -> Page:
    """A page (of a browser or a browser context) laid out in print media at the width of an A4
    page's printable box, charts drawn."""
    page = browser.new_page()
    page.set_viewport_size({"width": round(CONTENT_PX[0]), "height": round(CONTENT_PX[1])})
    page.emulate_media(media="print", color_scheme="light")
    page.goto(url, wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=60000)
    return page


def measure_figures(page: Page) -> list[dict]:
    """The figures of a page laid out for print, as FIGURES describes them."""
    return page.evaluate(FIGURES)


def oversized(page: Page, figures: list[dict]) -> list[str]:
    """What would not print whole: figures taller than a page or allowed to break, and tables
    wider than a page (print cannot scroll them)."""
    tables = page.evaluate(WIDE_TABLES, CONTENT_PX[0])
    return [f"{f['number']} is {f['height']:.0f} px tall; an A4 page holds {CONTENT_PX[1]:.0f} px"
            for f in figures if f["height"] > CONTENT_PX[1]] + \
           [f"{f['number']} may break across pages (break-inside: {f['breaks_inside']})"
            for f in figures if f["breaks_inside"] != "avoid"] + \
           [f"the table headed {head!r} is {width:.0f} px wide; an A4 page holds {CONTENT_PX[0]:.0f} px"
            for head, width in tables]


def print_pdf(page: Page, path: Path) -> None:
    """Print a page to a PDF on A4, page numbers at the foot, with an outline and tags."""
    page.pdf(path=str(path), format="A4", margin={side: f"{mm}mm" for side, mm in MARGIN_MM.items()},
             print_background=True, display_header_footer=True, header_template="<span></span>",
             footer_template=FOOTER, outline=True, tagged=True)


def destinations(path: Path) -> dict[str, int]:
    """The PDF's named destinations (Chromium writes one per link target) and their pages."""
    listing = subprocess.run(["pdfinfo", "-dests", str(path)],
                             capture_output=True, text=True, check=True).stdout
    return {name: int(page) for page, name in re.findall(r'^\s*(\d+) \[.*\] "(.*)"$', listing, re.MULTILINE)}


def start_pages(path: Path, entries: list[dict]) -> list[dict]:
    """The contents entries, each with the page (from 1) of the anchor it links to."""
    found = destinations(path)
    missing = [entry["anchor"] for entry in entries if entry["anchor"] not in found]
    if missing:
        raise RuntimeError(f"{path}: the contents' anchors {missing} are not in the PDF")
    return [{**entry, "page": found[entry["anchor"]]} for entry in entries]


@dataclass
class Report:
    """What `make_pdf` made."""

    path: Path
    contents: list[dict]  # doc, anchor, title, page
    figures: list[dict]  # as FIGURES describes them, measured before printing
    seconds: float


def make_pdf(root: Path = ROOT) -> Report:
    """Build the book's PDF for the project in `root`, then the HTML site that links it."""
    start = time.perf_counter()
    build_site(root, "html")
    site = build_site(root, "singlehtml")
    # The single page is written as notebooks/index.html with its links relative to the site's
    # root; a copy at the root makes them resolve.
    book = site / "book.html"
    shutil.copyfile(site / "notebooks" / "index.html", book)
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    today = datetime.date.today()
    edition = [f"Edition of {today.day} {today:%B %Y}. The record runs to {cutoff(root)}, "
               "the latest date in the book's data.", config["author"]]
    out = book_print.pdf_path(root / "_build")
    out.parent.mkdir(parents=True, exist_ok=True)
    draft = out.with_suffix(".draft.pdf")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = open_for_print(browser, book.as_uri())
        page.add_style_tag(path=str(HERE / "book-pdf.css"))
        entries = page.evaluate((HERE / "book-pdf.js").read_text(encoding="utf-8"),
                                {"title": config["title"], "edition": edition, "parts": contents_parts(root)})
        figures = measure_figures(page)
        if problems := oversized(page, figures):
            raise RuntimeError("the book would not print whole:\n" + "\n".join(problems))
        print_pdf(page, draft)
        contents = start_pages(draft, entries)
        page.evaluate("""contents => { for (const entry of contents) document.querySelector(
            `.book-contents-page[data-doc="${entry.doc}"]`).textContent = entry.page; }""", contents)
        print_pdf(page, out)
        browser.close()
    draft.unlink()
    build_site(root, "html")
    return Report(out, contents, figures, time.perf_counter() - start)


if __name__ == "__main__":
    report = make_pdf()
    print(f"{report.path.relative_to(ROOT)}: {len(pdf_pages(report.path))} pages, "
          f"{report.path.stat().st_size / 1e6:.1f} MB, {len(report.figures)} figures, "
          f"made in {report.seconds:.0f} s")
