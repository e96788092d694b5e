"""Hostile data: markup in every free-text field of the data shows as text and never runs.

The test copies the project, appends a payload unique to each free-text field (a ``<script>``, an
``<img onerror>``, an attribute break-out, a ``javascript:`` link, and markup and an entity that plotly
would render) to every filled cell of that field, builds the book from the copy, and opens every page
in headless Chromium. It fails if any payload runs (it would push its
field's name onto ``window.__pwned``), opens a dialog, adds an element to the page, or shows anywhere,
in page text, tables, chart text or hover labels, other than intact as text.
"""

import csv
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

import talks
from conftest import build_book, pages
from drawn import CHARTS_DRAWN
from serve import serve

pytestmark = pytest.mark.slow

#: Fields that look like free text but name a fixed vocabulary that code relies on.
NOT_FREE_TEXT = {
    ("estimative_scale", "term"): "key judgments name these terms, and talks.judgments checks them",
}
MARKER = re.compile(r"xss-[a-z0-9-]+")


def free_text_fields(package: dict) -> list[tuple[str, str]]:
    """(table, field) of every string field that no type, enum, pattern or key constrains."""
    fields = []
    for resource in package["resources"]:
        schema = resource["schema"]
        keys = set(schema["primaryKey"]) | {f for fk in schema.get("foreignKeys", []) for f in fk["fields"]}
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            if (field.get("type", "string") == "string" and "format" not in field
                    and not {"enum", "pattern"} & set(constraints)
                    and field["name"] not in keys and (resource["name"], field["name"]) not in NOT_FREE_TEXT):
                fields.append((resource["name"], field["name"]))
    return fields


def marker(table: str, field: str) -> str:
    """The payload's visible tag: names the field, with no character Markdown would read."""
    return f"xss-{table}-{field}".replace("_", "-")


def payload(table: str, field: str) -> str:
    """Markup that, if the page ran it, would record the field in window.__pwned.

    Besides the script vectors it holds tags plotly itself renders (<b>, <a>) and an escaped entity,
    so that a label built without talks.esc shows differently from the data and fails the test.
    """
    run = f"__pwned.push('{table}.{field}')"
    return (f"{marker(table, field)} '\"><svg onload={run}><script>{run}</script>"
            f"<img src=x onerror={run}><b>bold</b><a href=\"javascript:{run}\">link</a> &lt;i&gt;")


def poison(data_dir: Path, package: dict, fields: list[tuple[str, str]]) -> None:
    """Append each field's payload to its filled cells (to the first row where none is filled)."""
    paths = {r["name"]: r["path"] for r in package["resources"]}
    by_table = defaultdict(list)
    for table, field in fields:
        by_table[table].append(field)
    for table, names in by_table.items():
        path = data_dir / paths[table]
        with open(path, encoding="utf-8", newline="") as fh:
            header, *rows = list(csv.reader(fh))
        for name in names:
            column = header.index(name)
            filled = [row for row in rows if row[column]] or rows[:1]
            for row in filled:
                row[column] = f"{row[column]} {payload(table, name)}".strip()
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator="\n").writerows([header, *rows])


def squash(text: str) -> str:
    """Text without whitespace and with typographic quotes made straight, for comparison."""
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'}))
    return re.sub(r"\s+", "", text)


# Text that carries a marker: text nodes (whole <text> elements in SVG), attributes, the page title.
FIND_TEXT = """() => {
    const found = [], seen = new Set();
    const place = el => {
        if (el.closest('.hoverlayer')) return 'hover label';
        if (el.closest('svg')) {
            if (el.closest('.g-gtitle')) return 'chart title';
            if (el.closest('.legend')) return 'chart legend';
            if (el.closest('.xtick, .ytick, .g-xtitle, .g-ytitle')) return 'chart axis';
            return 'chart text';
        }
        if (el.closest('.book-chart-text')) return "chart's text";
        if (el.closest('td, th')) return 'table';
        if (el.closest('figcaption')) return 'caption';
        if (el.closest('h1, h2, h3, h4, h5, h6')) return 'heading';
        if (el.closest('nav, .bd-sidebar, .bd-toc')) return 'navigation';
        return 'text';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const el = walker.currentNode.parentElement;
        if (!el || el.closest('script, style, noscript, template')) continue;
        // A text of an SVG, or an item of a chart's text (its lines broken as the hover breaks them),
        // is read whole.
        const holder = el.closest('svg text, .book-chart-text li') || null;
        const text = holder ? holder.textContent : walker.currentNode.data;
        if (!text.includes('xss-') || (holder && seen.has(holder))) continue;
        if (holder) seen.add(holder);
        found.push([place(el), text]);
    }
    // plotly keeps each label's source (escaped markup) in data-unformatted; its shown text is checked above
    for (const el of document.querySelectorAll('*'))
        for (const a of el.attributes)
            if (a.value.includes('xss-') && a.name !== 'data-unformatted')
                found.push(['attribute ' + a.name, a.value]);
    if (document.title.includes('xss-')) found.push(['page title', document.title]);
    return found;
}"""

# Hover every point (every cell of a heatmap) of every cartesian trace of a chart through plotly's
# own hover; return each label's text and the types of the other traces. plotly throttles a chart's
# hovers, not a page's: the charts of a page are hovered at once.
HOVER_ALL = """async gd => {
    const texts = [], others = [];
    const pause = () => new Promise(done => setTimeout(done, 60));  // plotly throttles hover
    for (let c = 0; c < (gd.calcdata || []).length; c++) {
        const trace = gd._fullData[c];
        if (!trace || trace.visible !== true || trace.hoverinfo === 'skip') continue;
        if (!trace.xaxis || !trace.yaxis) { others.push(trace.type); continue; }
        const cd = gd.calcdata[c], grid = cd[0] && Array.isArray(cd[0].z?.[0]) ? cd[0].z : null;
        const points = grid ? grid.flatMap((row, r) => row.map((_, k) => [r, k])) : cd.map((_, i) => i);
        for (const point of points) {
            Plotly.Fx.hover(gd, [{curveNumber: c, pointNumber: point}], trace.xaxis + trace.yaxis);
            await pause();
            const layer = gd.querySelector('.hoverlayer');
            if (layer && layer.textContent) texts.push(layer.textContent);
            Plotly.Fx.unhover(gd);
        }
    }
    return [texts, others];
}"""

#: Trace types without axes whose hover labels need a real mouse, and the elements to point at.
MOUSE_TARGETS = {"sankey": ".sankey .node-rect, .sankey .sankey-link", "pie": ".pielayer g.slice"}


def hover_with_mouse(page, div) -> list[str]:
    """Point the mouse at every node, link and slice of a chart; return the hover labels' text."""
    texts = []
    for element in div.query_selector_all(", ".join(MOUSE_TARGETS.values())):
        if element.bounding_box():
            element.hover(force=True)
            page.wait_for_timeout(80)
            text = div.evaluate("gd => gd.querySelector('.hoverlayer')?.textContent || ''")
            if text:
                texts.append(text)
    page.mouse.move(0, 0)
    return texts


# Anything the payloads would have added to the page, whether or not it ran.
INJECTED = """() => [
    ...document.querySelectorAll('img[src="x"]'),
    ...[...document.querySelectorAll('*')].filter(el => [...el.attributes].some(
        a => a.name.startsWith('on') && a.value.includes('__pwned'))),
    ...[...document.querySelectorAll('script')].filter(s => s.textContent.startsWith('__pwned')),
].map(el => el.outerHTML.slice(0, 200))"""


@pytest.fixture(scope="module")
def hostile_book(second_build):
    """The second build's copy with its data poisoned and its book rebuilt (the execution cache must
    notice the data change): (site folder, {(table, field): payload})."""
    book, _ = second_build
    package = json.loads((book / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = free_text_fields(package)
    poison(book / "data", package, fields)
    talks.load(book / "data")  # the poisoned data must still be valid
    result = build_book(book)
    if result.returncode != 0:
        pytest.fail("the book does not build from data with markup in its text fields. If a notebook "
                    "uses a free-text field as a key or category, constrain that field in datapackage.json "
                    f"(enum or pattern).\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
    return book / "_build" / "html", {f: payload(*f) for f in fields}


def test_a_data_change_reaches_every_page_that_shows_it(hostile_book):
    """Jupyter Book's cache keys on code cells only: the book's extension must notice the data change
    and run the notebooks again, so the new event titles show on every page that draws them."""
    root, _ = hostile_book
    for page in ("data-and-method", "data-tables", "decision-making", "what-happened-next"):
        html = (root / "notebooks" / f"{page}.html").read_text(encoding="utf-8")
        assert marker("events", "title") in html, f"{page}.html still shows the old data"


def shown_texts(page, path: str) -> list[tuple[str, str]]:
    """(place, text) of every text on a drawn page that carries a marker, hover labels included."""
    found = [tuple(item) for item in page.evaluate(FIND_TEXT)]
    divs = page.query_selector_all("div.plotly-graph-div")
    hovered = page.eval_on_selector_all("div.plotly-graph-div", f"gds => Promise.all(gds.map({HOVER_ALL}))")
    for div, (texts, others) in zip(divs, hovered, strict=True):
        if others:
            texts += hover_with_mouse(page, div)
        found += [("hover label", text) for text in texts]
        unchecked = sorted(set(others) - set(MOUSE_TARGETS))
        if unchecked:
            print(f"{path}: hover labels not checked for trace types {unchecked}")
    return found


def misshown(path: str, found, expected: dict, reached: dict) -> list[str]:
    """Where a marker shows without its whole payload as text; records where each field shows."""
    problems = []
    for place, text in found:
        for tag in set(MARKER.findall(text)):
            if tag not in expected:
                problems.append(f"{path}: {place} shows a cut marker {tag!r}: {text[:200]!r}")
                continue
            field, intact = expected[tag]
            reached[field].add(f"{path} ({place})")
            if intact not in squash(text):
                problems.append(f"{path}: {'.'.join(field)} in {place} is not shown as text: {text[:300]!r}")
    return problems


def test_markup_in_the_data_shows_as_text_and_never_runs(hostile_book, browser):
    root, payloads = hostile_book
    expected = {marker(*f): (f, squash(p)) for f, p in payloads.items()}
    reached, problems, labels = defaultdict(set), [], 0
    context = browser.new_context()
    context.add_init_script("window.__pwned = [];")
    with serve(root) as base:
        for path in pages(root):
            page = context.new_page()
            dialogs, requests = [], []
            page.on("dialog", lambda d, log=dialogs: (log.append(d.message), d.dismiss()))
            page.on("request", lambda r, log=requests: log.append(r.url))
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_function(CHARTS_DRAWN, timeout=15000)
            found = shown_texts(page, path)
            labels += sum(place == "hover label" for place, _ in found)
            problems += misshown(path, found, expected, reached)
            if ran := page.evaluate("window.__pwned"):
                problems.append(f"{path}: payloads ran from {sorted(set(ran))}")
            if dialogs:
                problems.append(f"{path}: dialogs opened: {dialogs}")
            if injected := page.evaluate(INJECTED):
                problems.append(f"{path}: payload markup became page elements: {injected}")
            if any(url.endswith("/x") for url in requests):
                problems.append(f"{path}: an injected <img src=x> was requested")
            page.close()
    context.close()
    print(f"{len(payloads)} free-text fields poisoned; {len(reached)} reach a page; "
          f"{labels} hover labels with a payload read")
    for field in sorted(payloads):
        places = sorted(reached.get(field, ()))
        print(f"  {'.'.join(field)}: {'; '.join(places) if places else 'not shown on any page'}")
    assert reached, "no payload reached any page: the test is not exercising the book"
    assert not problems, "\n".join(problems)
