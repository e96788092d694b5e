"""Every built page passes axe-core with no serious or critical violation, in light and dark mode.

axe-core's script comes from the pinned ``axe-playwright-python`` package (it ships ``axe.min.js``),
so the check runs offline; it is injected into each page after load.

The rules that read colours run in both modes; the others read the markup, the same in both, and
run once, in light mode. Every rule checks the whole page, but for the colour rules in long tables:
they check a table's head and its first CONTRAST_ROWS body rows, both stripes of every column, as
``talks.table`` writes every row alike (contrast took 6 ms a cell, 27 s for the data-tables page
alone). Folded tables are checked open, as a reader who opens them sees them.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import OPEN_FOLDS, pages
from drawn import CHARTS_DRAWN

pytestmark = pytest.mark.slow

FAILING_IMPACTS = ("serious", "critical")
# The theme switches to dark mode after load with CSS transitions; colours are checked once they end.
TRANSITIONS_DONE = """() => document.getAnimations()
    .every(a => a.playState !== 'running' || a.effect.getComputedTiming().iterations === Infinity)"""


#: Rules axe-core leaves off by default that the book holds itself to: a control's name contains
#: the text it shows (WCAG 2.5.3, label in name).
EXTRA_RULES = {"label-content-name-mismatch": {"enabled": True}}


CONTRAST_ROWS = 20
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, every_rule: bool) -> list[dict]:
    """Run axe-core on an open page, its colour rules or every rule; return the violations (rule,
    impact, nodes)."""
    axe, found = Axe(), []
    if every_rule:
        rules = {**EXTRA_RULES, **{rule: {"enabled": False} for rule in COLOUR_RULES}}
        found += axe.run(page, options={"resultTypes": ["violations"], "rules": rules}).response["violations"]
    context = {"exclude": [[f"table tbody tr:nth-child(n+{CONTRAST_ROWS + 1})"]]}
    colours = axe.run(page, context=context, options={"resultTypes": ["violations"], "runOnly": COLOUR_RULES})
    return found + colours.response["violations"]


def describe(path: str, violation: dict) -> str:
    """One violation as readable text: rule, impact, page, and each offending node."""
    lines = [f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} "
             f"[{violation['helpUrl']}]"]
    for node in violation["nodes"]:
        lines.append(f"    at {' '.join(map(str, node['target']))}: {' '.join(node['html'].split())[:300]}")
        summary = " ".join((node.get("failureSummary") or "").split())
        if summary:
            lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_serious_or_critical_axe_violations(site, browser, scheme):
    base, root = site
    context = browser.new_context(color_scheme=scheme)
    failures, checked = [], 0
    try:
        for path in pages(root):
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="load")
            page.wait_for_function(CHARTS_DRAWN, timeout=15000)
            page.wait_for_function("s => document.documentElement.dataset.theme === s", arg=scheme,
                                   timeout=5000)
            page.wait_for_function(TRANSITIONS_DONE, timeout=5000)
            page.evaluate(OPEN_FOLDS)
            for violation in axe_violations(page, every_rule=scheme == "light"):
                if violation["impact"] in FAILING_IMPACTS:
                    failures.append(describe(path, violation))
            checked += 1
            page.close()
    finally:
        context.close()
    print(f"axe-core ({scheme} mode): {checked} pages, {len(failures)} serious or critical violations")
    assert checked == len(pages(root))
    assert not failures, f"axe-core: serious or critical violations ({scheme} mode):\n" + "\n".join(failures)
