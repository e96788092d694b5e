"""The built book in a real headless browser: every chart draws, nothing leaves the local server."""

import json
import re

import plotly.offline
import pytest

from conftest import CHARTS, ROOT, pages, visit
from drawn import CHART_BEGUN, CHART_DRAWN, CHARTS_DRAWN

pytestmark = pytest.mark.slow

BUNDLE = ROOT / "_ext" / "static" / "plotly.min.js"
NEW_PLOT = re.compile(r'Plotly\.newPlot\(\s*"[^"]+",\s*')

def test_every_chart_draws_as_it_comes_near_and_nothing_leaves_the_server(site, browser):
    """Every chart draws, with alt text, and no request leaves the local server. A chart well
    below the screen is not drawn when the page loads; brought into view, it is, in a box that
    already had its height."""
    base, root = site
    charts, far = 0, 0
    for path in pages(root):
        page, requests, errors = visit(browser, f"{base}/{path}")
        screen = page.viewport_size["height"]
        divs = page.query_selector_all("div.plotly-graph-div")
        at_load = page.eval_on_selector_all("div.plotly-graph-div", f"""divs => divs.map(d =>
            [d.getBoundingClientRect().top + scrollY, d.offsetHeight, ({CHART_BEGUN})(d)])""")
        for div, (top, height, drawn) in zip(divs, at_load, strict=True):
            if top > 2 * screen:
                far += 1
                assert not drawn, f"{path}: a chart {top:.0f} px down was drawn at load"
            div.scroll_into_view_if_needed()
            page.wait_for_function(CHART_DRAWN, arg=div, timeout=15000)
            assert div.evaluate("d => d.offsetHeight") == height, f"{path}: a chart changed height when drawn"
            label = div.evaluate("d => d.closest('.book-chart')?.getAttribute('aria-label') || ''")
            assert len(label) > 20, f"a chart on {path} has no alt text"
        charts += len(divs)
        outside = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
        assert not outside, f"{path} requested other hosts: {outside}"
        assert not errors, f"{path} raised script errors: {errors}"
        page.close()
    assert charts == CHARTS
    assert far >= 5, f"only {far} charts lie well below the top of their page"


#: Per chart: the height of its box, of the chart drawn in it, and whether it has a phone layout.
BOXES = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(d => [
    d.parentElement.offsetHeight, Math.round(d.querySelector('svg.main-svg').getBoundingClientRect().height),
    d._fullLayout.font.size === 12])"""


def test_a_chart_is_drawn_again_when_its_width_crosses_the_phone_line(site, browser):
    """Drawn wide, then narrowed to a phone's width and widened again (the window, then only the
    article, as a sidebar would), every chart takes the layout for its width, in a box as tall as it."""
    base, root = site
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{base}/notebooks/goals.html", wait_until="load")
    page.wait_for_function(CHARTS_DRAWN, timeout=15000)
    steps = ((375, "", True), (1280, "", False), (1280, "500px", True), (1280, "", False))
    for window, article, phone in steps:
        page.set_viewport_size({"width": window, "height": 800})
        page.evaluate("width => { document.querySelector('article').style.width = width; }", article)
        page.wait_for_timeout(700)
        boxes = page.evaluate(BOXES)
        assert [layout for _, _, layout in boxes] == [phone] * len(boxes), (window, article)
        assert all(box == chart for box, chart, _ in boxes), (window, article, boxes)
    page.close()


def test_plotly_js_is_shipped_once(site):
    _, root = site
    copies = [p for p in root.rglob("*.js") if "plotly" in p.name.lower()]
    assert [p.relative_to(root).as_posix() for p in copies] == ["_static/plotly.min.js"]
    for path in pages(root):
        html = (root / path).read_text(encoding="utf-8")
        draws = "Plotly.newPlot" in html
        loads = "_static/plotly.min.js" in html
        assert draws == loads, f"{path}: draws charts: {draws}, loads plotly.js: {loads}"
        assert html.count("plotly.js v") == 0, f"{path} embeds plotly.js"


def trace_types(html: str) -> list[set[str]]:
    """The trace types each chart of a built page draws (plotly's default type is scatter)."""
    decoder = json.JSONDecoder()
    return [{trace.get("type", "scatter") for trace in decoder.raw_decode(html, match.end())[0]}
            for match in NEW_PLOT.finditer(html)]


def test_plotly_bundle_matches_plotly_py_and_the_pages(site, browser):
    """The book's plotly.js is the version plotly.py ships and holds every trace type a page draws."""
    _, root = site
    page = browser.new_page()
    page.add_script_tag(path=str(BUNDLE))
    version, bundled = page.evaluate("[Plotly.version, Object.keys(Plotly.PlotSchema.get().traces)]")
    page.close()
    assert version == plotly.offline.get_plotlyjs_version(), (
        f"plotly.py ships plotly.js {plotly.offline.get_plotlyjs_version()}, the bundle is {version}: "
        "run `make plotly-bundle`")
    drawn = set()
    for path in pages(root):
        html = (root / path).read_text(encoding="utf-8")
        charts = trace_types(html)
        assert len(charts) == html.count('class="plotly-graph-div"'), f"{path}: a chart script was not read"
        for types in charts:
            assert types <= set(bundled), (f"{path} draws {sorted(types - set(bundled))}, which the bundle "
                                           "lacks: add it to TRACES in tools/plotly_bundle.py")
            drawn |= types
    assert drawn, "no page draws a chart"


def test_pages_load_light(site):
    """Text paints before plotly.js, and no page loads what it does not use; assets are versioned."""
    _, root = site
    for path in pages(root):
        html = (root / path).read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert "fontawesome.js" not in html, f"{path} loads fontawesome.js (the webfont draws the icons)"
        assert "sphinx-design" not in html and "design-tabs" not in html, f"{path} loads sphinx-design"
        assert ("searchindex.js" in html) == (path == "search.html"), f"{path}: search scripts"
        assert re.search(r'<meta name="description" content="[^"]{40,}"', head), f"{path}: no description"
        assert re.search(r'<link rel="icon" href="[^"]*_static/favicon\.svg"', head), f"{path}: no favicon"
        for url in re.findall(r'(?:src|href)="([^"]*_static/[^"]+\.(?:js|css)[^"]*)"', html):
            assert re.search(r"\?(v|digest)=|\.[0-9a-f]{32,}\.", url), f"{path}: {url} is not versioned"
        for tag in re.findall(r"<script[^>]*plotly\.min\.js[^>]*>", html):
            assert "defer" in tag, f"{path} loads plotly.js in a way that blocks rendering: {tag}"
            assert re.search(r'<link rel="preload" as="script" href="[^"]*plotly\.min\.js', head), path
        for script in re.findall(r"<script([^>]*)>(?=\s*window\.PLOTLYENV)", html):
            assert 'type="module"' in script, f"{path}: a chart script would run before plotly.js loads"


def test_no_placeholder_addresses(site):
    """Launch buttons and repository links appear only once a real repository is configured."""
    _, root = site
    for path in pages(root):
        html = (root / path).read_text(encoding="utf-8")
        for placeholder in ("executablebooks/jupyter-book", "binder-examples", "OWNER/REPOSITORY"):
            assert placeholder not in html, f"{path} carries the placeholder {placeholder}"


def test_search_finds_a_quoted_phrase(site, browser):
    """The site search finds the page that quotes a phrase from the article."""
    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/search.html?q=%22silence+the+issue+of+this+tension%22", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.href)")
    page.close()
    assert any("hardliners.html" in hit for hit in hits), hits


def test_a_page_shows_one_way_to_search_at_each_width(site, browser):
    """One search field (the sidebar's) on a wide screen, one search button (the article header's) on a
    phone: the theme's header band with a second field is switched off (`navbar_persistent`)."""
    base, _ = site
    shown, bands = {}, {}
    for width in (1280, 375):
        page = browser.new_page(viewport={"width": width, "height": 800})
        page.goto(f"{base}/notebooks/goals.html", wait_until="load")
        shown[width] = page.locator("button.search-button__button:visible").count()
        bands[width] = page.evaluate("document.querySelector('#pst-header')?.offsetHeight ?? 0")
        page.close()
    assert bands == {1280: 0, 375: 0}, bands
    assert shown == {1280: 1, 375: 1}, shown


def test_the_reference_list_shows_no_labels_the_text_does_not_use(site, browser):
    """The text cites author and year, so the list shows no "[Heu99]" labels."""
    base, _ = site
    page, _, _ = visit(browser, f"{base}/notebooks/references.html")
    shown = page.evaluate("() => document.querySelector('article').innerText")
    entries = page.evaluate("() => document.querySelectorAll('div.citation').length")
    page.close()
    assert entries >= 3 and "Heuer" in shown
    assert not re.findall(r"\[[A-Z][A-Za-z]*\d\d[a-z]?\]", shown)


def test_computed_values_read_as_the_words_around_them(site, browser):
    """A value computed into a sentence has the weight of the words around it (myst-nb would set it in
    bold)."""
    base, _ = site
    page = browser.new_page()
    page.goto(f"{base}/notebooks/what-happened-next.html", wait_until="load")
    weights = page.eval_on_selector_all("span.pasted-text", """spans => spans.map(s =>
        [getComputedStyle(s).fontWeight, getComputedStyle(s.parentElement).fontWeight])""")
    page.close()
    assert len(weights) > 10
    assert all(own == parent for own, parent in weights), weights
