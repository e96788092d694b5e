"""Every chart reads on a 375 px phone: no text leaves its chart, no two labels overlap, the
modebar is gone, and assistive technology hears the alt text, not the SVG's text."""

import pytest

from conftest import OPEN_FOLDS, chart_pages, pages
from drawn import CHARTS_DRAWN

pytestmark = pytest.mark.slow

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
#: Per chart: its id, the text that leaves the chart's box, and the pairs of labels that overlap
#: (by more than 2 px each way). Hover labels are left out: they appear only on demand.
LAYOUT_PROBLEMS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(div => {
  const box = div.getBoundingClientRect();
  const texts = [...div.querySelectorAll('svg text')]
    .filter(t => t.textContent.trim() && !t.closest('.hoverlayer') && getComputedStyle(t).opacity !== '0'
                 && t.getBoundingClientRect().width > 0)
    .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}));
  const outside = texts.filter(({r}) => r.left < box.left - 1 || r.right > box.right + 1
                                     || r.top < box.top - 1 || r.bottom > box.bottom + 1).map(t => t.text);
  const overlaps = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (w > 2 && h > 2) overlaps.push([a.text, b.text]);
  }));
  const plot = div.querySelector('.nsewdrag, .bgsankey');
  return {id: div.id, title: (div.querySelector('.gtitle') || {}).textContent || div.id,
          outside, overlaps, plot_width: plot ? plot.getBoundingClientRect().width : null,
          width: box.width, height: box.height,
          drawn_height: div.querySelector('svg.main-svg').getBoundingClientRect().height};
})"""
#: The height of every chart's box.
HEIGHTS = "() => [...document.querySelectorAll('div.plotly-graph-div')].map(div => div.offsetHeight)"
#: Per chart: what a keyboard or a screen reader can reach inside it.
ACCESS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(div => ({
  id: div.id,
  focusable: [...div.querySelectorAll('a, button, [tabindex]')].filter(e => e.tabIndex >= 0).length,
  modebar: !!div.querySelector('.modebar'),
  hidden: div.closest('[aria-hidden="true"]') !== null || div.querySelector('.svg-container')
          ?.closest('[aria-hidden="true"]') !== null,
  label: div.closest('[role="group"][aria-label]') !== null}))"""


@pytest.fixture(scope="module", params=["light", "dark"])
def phone_charts(site, browser, request):
    """Every chart of the book laid out at 375 px, in light and in dark mode (where a chart sits in
    a padded light box, narrower): (page, layout problems, access, box heights before the charts
    were drawn)."""
    base, root = site
    page = browser.new_page(viewport=PHONE, color_scheme=request.param)
    found = []
    for path in chart_pages(root):
        page.goto(f"{base}/{path}", wait_until="load")
        before = page.evaluate(HEIGHTS)
        page.wait_for_function(CHARTS_DRAWN, timeout=30000)
        page.wait_for_timeout(300)  # plotly redraws once more when automargin moves a margin
        found.append((path, page.evaluate(LAYOUT_PROBLEMS), page.evaluate(ACCESS), before))
    page.close()
    return found


def test_every_chart_was_laid_out_at_phone_width(phone_charts):
    charts = [chart for _, layout, _, _ in phone_charts for chart in layout]
    assert len(charts) >= 13
    assert all(chart["width"] <= PHONE["width"] for chart in charts)


def test_a_chart_is_drawn_in_a_box_already_its_height_at_phone_width(phone_charts):
    """Nothing moves when a chart is drawn: its box had the phone layout's height from the start."""
    bad = [(path, chart["title"][:50], height, round(chart["height"]), round(chart["drawn_height"]))
           for path, layout, _, before in phone_charts for chart, height in zip(layout, before, strict=True)
           if not height == round(chart["height"]) == round(chart["drawn_height"])]
    assert not bad


def test_no_chart_text_leaves_its_chart_at_phone_width(phone_charts):
    bad = [(path, chart["title"][:50], chart["outside"][:4]) for path, layout, _, _ in phone_charts
           for chart in layout if chart["outside"]]
    assert not bad


def test_no_two_chart_labels_overlap_at_phone_width(phone_charts):
    bad = [(path, chart["title"][:50], chart["overlaps"][:3]) for path, layout, _, _ in phone_charts
           for chart in layout if chart["overlaps"]]
    assert not bad


def test_every_chart_keeps_a_readable_plot_area_at_phone_width(phone_charts):
    """The data area of a chart takes at least half of the chart's width (labels take the rest)."""
    bad = [(path, chart["title"][:50], round(chart["plot_width"]), round(chart["width"]))
           for path, layout, _, _ in phone_charts for chart in layout
           if chart["plot_width"] is not None and chart["plot_width"] < chart["width"] / 2]
    assert not bad


def test_charts_have_no_modebar_and_hide_their_svg_behind_the_alt_text(phone_charts):
    charts = [chart for _, _, access, _ in phone_charts for chart in access]
    assert charts and all(chart["label"] for chart in charts)
    assert not [c["id"] for c in charts if c["modebar"] or c["focusable"]]
    assert not [c["id"] for c in charts if not c["hidden"]]


#: Per page: whether the page scrolls sideways, and the first heading of each of the book's tables
#: that is wider than the text column.
WIDE = """() => ({
  page: document.documentElement.scrollWidth > innerWidth,
  tables: [...document.querySelectorAll('table.book-table')]
    .filter(t => t.scrollWidth > t.parentElement.clientWidth + 1)
    .map(t => t.querySelector('th')?.innerText.trim() ?? '')})"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_page_and_no_table_scrolls_sideways(site, browser, viewport):
    """Wide tables are shown one row at a time on a phone, each cell under its heading; on a wide
    screen a long word (an address) wraps rather than widen its table; folded tables too, once
    opened."""
    base, root = site
    page = browser.new_page(viewport=viewport)
    found = {}
    for path in pages(root):
        page.goto(f"{base}/{path}", wait_until="load")
        page.evaluate(OPEN_FOLDS)
        found[path] = page.evaluate(WIDE)
    page.close()
    assert not {path: wide for path, wide in found.items() if wide["page"] or wide["tables"]}
