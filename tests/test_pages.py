"""The built book in a real headless browser: every chart draws, nothing leaves the local server."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import chromium_path

DRAWN = """div => div.querySelector('svg.main-svg') !== null &&
    div.querySelectorAll('.trace, .sankey, .heatmaplayer image, g.point, path.point').length > 0"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(built_book):
    """Serve the built book on a free local port."""
    handler = functools.partial(QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", built_book
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path(),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


def pages(root: Path) -> list[str]:
    """Every HTML page of the book, as paths relative to the site root."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "_static" not in p.parts)


def visit(browser, url: str):
    """Open a page, recording every request it makes; return the page and the requests."""
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    errors = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # let late requests (fonts, lazy scripts) show up
    return page, requests, errors


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
