"""What a reader sees holds words, not codes: tables, legends, axis titles and hovers of the built book."""

import re

import pytest

from conftest import pages, schema_fields
from drawn import CHARTS_DRAWN

pytestmark = pytest.mark.slow  # the built book in a real browser

#: A snake_case word (a field name or an enum code) and the empty cells pandas prints.
CODE_LIKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b|<NA>|\bNaT\b|\bnan\b")
#: Raw booleans, as a whole cell or label.
BOOLEAN = ("True", "False")
#: Addresses, and an archive's record of a file (repository path @commit, record), kept verbatim as data.
URL = re.compile(r"https?://\S+|\S+\.(?:json|csv|md)\b.*")
#: Text of every table cell and header outside the codebook, and of every chart's legend, axis and
#: colour-bar titles and tick labels, and the hover text and trace names the chart holds.
READER_TEXT = """() => {
  const texts = [];
  for (const cell of document.querySelectorAll('table:not(.book-codes) th, table:not(.book-codes) td'))
    if (!cell.closest('.cell_input, pre')) texts.push(['table', cell.innerText]);
  for (const div of document.querySelectorAll('div.plotly-graph-div')) {
    for (const t of div.querySelectorAll('.legendtext, .legendtitletext, .xtitle, .ytitle, .cbtitle text, '
                                         + '.xtick text, .ytick text, .cbaxis text, .gtitle'))
      texts.push(['chart', t.textContent]);
    for (const trace of div.data || []) {
      for (const value of [trace.name, trace.hovertemplate, ...(trace.customdata || []).flat(2)])
        if (typeof value === 'string') texts.push(['hover', value]);
    }
  }
  return texts;
}"""


def codes_of_schema() -> set[str]:
    """Enum values that are no label of any field (a reader must see a label instead)."""
    categories = [c for fields in schema_fields().values() for f in fields.values()
                  for c in f.get("categories", [])]
    return {str(c["value"]) for c in categories} - {c["label"] for c in categories}


@pytest.fixture(scope="module")
def reader_text(site, browser):
    base, root = site
    found = {}
    page = browser.new_page(viewport={"width": 375, "height": 812})
    for path in pages(root):
        page.goto(f"{base}/{path}", wait_until="load")
        page.wait_for_function(CHARTS_DRAWN, timeout=15000)
        found[path] = page.evaluate(READER_TEXT)
    page.close()
    return found


def test_readers_see_no_codes_no_na_and_no_raw_booleans(reader_text):
    codes = codes_of_schema()
    bad = []
    for path, texts in reader_text.items():
        for where, text in texts:
            words = URL.sub("", text)
            hits = CODE_LIKE.findall(words)
            if words.strip() in BOOLEAN or (where == "chart" and words.strip() in codes):
                hits.append(words.strip())
            bad += [f"{path} ({where}): {hit!r} in {text[:80]!r}" for hit in hits]
    checked = sum(len(t) for t in reader_text.values())
    print(f"reader text: {checked} table cells, chart labels and hovers checked, {len(bad)} codes found")
    assert checked > 1000
    assert not bad, "\n".join(sorted(set(bad))[:80])
