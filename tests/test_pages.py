"""The built book in a real headless browser: every chart draws, nothing leaves the local server."""

import pytest

from conftest import CHARTS, pages, visit

pytestmark = pytest.mark.slow

DRAWN = """div => div.querySelector('svg.main-svg') !== null &&
    div.querySelectorAll('.trace, .sankey, .heatmaplayer image, g.point, path.point').length > 0"""


def test_every_chart_draws_and_nothing_leaves_the_server(site, browser):
    base, root = site
    charts = 0
    for path in pages(root):
        page, requests, errors = visit(browser, f"{base}/{path}")
        divs = page.query_selector_all("div.plotly-graph-div")
        for div in divs:
            page.wait_for_function(DRAWN, arg=div, timeout=15000)
            label = div.evaluate("d => d.closest('.book-chart')?.getAttribute('aria-label') || ''")
            assert len(label) > 20, f"a chart on {path} has no alt text"
        charts += len(divs)
        outside = [u for u in requests if not u.startswith((base, "data:", "blob:"))]
        assert not outside, f"{path} requested other hosts: {outside}"
        assert not errors, f"{path} raised script errors: {errors}"
        page.close()
    assert charts == CHARTS


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
