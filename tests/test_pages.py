"""The built book in a real headless browser: every chart draws, nothing leaves the local server."""

from conftest import pages, visit

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
    assert charts >= 1


def test_plotly_js_is_shipped_once(site):
    _, root = site
    copies = [p for p in root.rglob("*.js") if "plotly" in p.name.lower()]
    assert [p.relative_to(root).as_posix() for p in copies] == ["_static/plotly.min.js"]
    for path in pages(root):
        html = (root / path).read_text(encoding="utf-8")
        assert "Plotly.newPlot" not in html or "plotly.min.js" in html, path
        assert html.count("plotly.js v") == 0, f"{path} embeds plotly.js"
