"""Reader benchmark: how soon does a reader on a slow phone connection see text, and the first chart?

Serves the built site on localhost with gzip (as a static host serves it, see tools/serve.py) and
opens every page in Debian's Chromium through the DevTools protocol, with Lighthouse's "Slow 4G"
throttling (562.5 ms round trip, 1.47 Mbps down, 675 kbps up), a 4x CPU slowdown, a phone viewport
and a cold cache. Per page, the median of --runs visits of:
  FCP          first contentful paint
  first chart  when the page's first chart has drawn (chart pages), for a reader who goes straight
               to it: charts draw as they come near the screen, so the benchmark goes to the first
               one as the browser goes to a link's target (see OBSERVE)
  on the wire  bytes transferred (gzipped bodies and headers) until the network is idle
  CLS          cumulative layout shift; the benchmark's scroll counts as the reader's input, as
               Chrome counts a tap or a key: shifts in the 500 ms after it are left out
and, per chart page, the floor: the HTML, CSS and JS the browser fetched before the first chart drew.

Usage: python benchmarks/reader.py [--runs N] [--site _build/html]   (or `make bench-reader`)
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from drawn import CHART_DRAWN  # noqa: E402
from serve import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]
# Lighthouse's mobile "Slow 4G" as DevTools applies it: 150 ms RTT x 3.75, 1.6 Mbps x 0.9, 750 kbps x 0.9.
NETWORK = {"offline": False, "latency": 562.5,
           "downloadThroughput": 1474.56 * 1024 / 8, "uploadThroughput": 675 * 1024 / 8}
CPU_SLOWDOWN = 4
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75,
         "is_mobile": True, "has_touch": True}
TARGETS = {"chart": {"fcp": 4.0, "chart": 9.0, "mb": 0.9}, "text": {"fcp": 3.0, "mb": 0.4}}
REDIRECT = 'http-equiv="Refresh"'

# Runs in the page before its own scripts. Goes to the first chart as the browser goes to a link's
# target: as soon as the chart is parsed, and again once the whole page is; records when that chart
# has drawn (as the tests see it: `CHART_DRAWN`) and adds up layout shifts.
OBSERVE = f"const drawn = {CHART_DRAWN};" + """
window.__firstChart = null;
window.__cls = 0;
const scrolls = [];
const toFirstChart = div => { div.scrollIntoView({block: 'center'}); scrolls.push(performance.now()); };
new PerformanceObserver(list => {
  for (const e of list.getEntries())
    if (!e.hadRecentInput && !scrolls.some(t => e.startTime >= t && e.startTime < t + 500))
      window.__cls += e.value;
}).observe({type: 'layout-shift', buffered: true});
document.addEventListener('DOMContentLoaded', () => {
  const div = document.querySelector('div.plotly-graph-div');
  if (div) toFirstChart(div);
});
new MutationObserver((_, observer) => {
  const div = document.querySelector('div.plotly-graph-div');
  if (div && !scrolls.length) toFirstChart(div);
  if (div && drawn(div)) {
    observer.disconnect();
    requestAnimationFrame(() => { window.__firstChart = performance.now(); });
  }
}).observe(document, {childList: true, subtree: true});
"""
MEASURE = """() => {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const fetched = [{name: nav.name, kind: 'html', end: nav.responseEnd, bytes: nav.transferSize}];
  for (const r of performance.getEntriesByType('resource')) {
    const path = new URL(r.name).pathname;
    const kind = path.endsWith('.css') ? 'css' : path.endsWith('.js') ? 'js' : 'other';
    fetched.push({name: r.name, kind, end: r.responseEnd, bytes: r.transferSize});
  }
  return {fcp: fcp ? fcp.startTime : null, chart: window.__firstChart, cls: window.__cls, fetched};
}"""


def pages(site: Path) -> dict[str, bool]:
    """Every page of the site (redirect stubs left out), each with whether it draws a chart."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if "_static" not in path.parts and REDIRECT not in html[:300]:
            found[path.relative_to(site).as_posix()] = "plotly-graph-div" in html
    return found


def visit(browser, url: str, chart: bool) -> dict:
    """One cold, throttled visit of a page; times in seconds, bytes as transferred."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    wire: dict[str, int] = {}
    pending: set[str] = set()
    cdp.on("Network.requestWillBeSent", lambda e: pending.add(e["requestId"]))
    cdp.on("Network.loadingFailed", lambda e: pending.discard(e["requestId"]))

    def finished(event: dict) -> None:
        wire[event["requestId"]] = event["encodedDataLength"]
        pending.discard(event["requestId"])

    cdp.on("Network.loadingFinished", finished)
    outside: list[str] = []
    host = urlparse(url).netloc
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).netloc not in (host, "") else None)
    page.add_init_script(OBSERVE)
    page.goto(url, wait_until="load", timeout=300_000)
    if chart:
        page.wait_for_function("window.__firstChart !== null", timeout=300_000, polling=500)
    quiet = 0
    while quiet < 4:  # the network idle for 2 s: late fonts, icons and lazy scripts are counted
        page.wait_for_timeout(500)
        quiet = 0 if pending else quiet + 1
    seen = page.evaluate(MEASURE)
    context.close()
    result = {"fcp": seen["fcp"] / 1000, "bytes": sum(wire.values()), "cls": seen["cls"],
              "outside": len(outside)}
    if chart:
        result["chart"] = seen["chart"] / 1000
        before = [f for f in seen["fetched"] if f["kind"] != "other" and f["end"] <= seen["chart"]]
        result["floor"] = {kind: sum(f["bytes"] for f in before if f["kind"] == kind)
                           for kind in ("html", "css", "js")}
    return result


def median_of(runs: list[dict]) -> dict:
    """Per-measure medians of several visits of one page."""
    out = {key: statistics.median(r[key] for r in runs) for key in ("fcp", "bytes", "cls", "outside")}
    if "chart" in runs[0]:
        out["chart"] = statistics.median(r["chart"] for r in runs)
        out["floor"] = {k: statistics.median(r["floor"][k] for r in runs) for k in runs[0]["floor"]}
    return out


def report(results: dict[str, dict], runs: int) -> None:
    """Print the per-page table, the floor and the verdict on every target."""
    print(f"\nReader benchmark: Slow 4G (562.5 ms RTT, 1.47 Mbps), {CPU_SLOWDOWN}x CPU slowdown, "
          f"phone viewport, cold cache, gzip; median of {runs} runs\n")
    print(f"  {'page':<36} {'FCP':>7} {'1st chart':>10} {'on the wire':>12} {'CLS':>6}  other hosts")
    for path, r in results.items():
        chart = f"{r['chart']:.1f} s" if "chart" in r else "-"
        print(f"  {path:<36} {r['fcp']:5.1f} s {chart:>10} {r['bytes'] / 1e6:9.2f} MB {r['cls']:6.3f}  "
              f"{r['outside']:g}")
    print("\n  Floor: HTML, CSS and JS fetched before the first chart drew (gzipped, with headers)")
    for path, r in results.items():
        if "floor" in r:
            floor = r["floor"]
            total = sum(floor.values())
            seconds = total / NETWORK["downloadThroughput"]
            print(f"  {path:<36} {total / 1e3:7.0f} KB  (HTML {floor['html'] / 1e3:.0f}, "
                  f"CSS {floor['css'] / 1e3:.0f}, JS {floor['js'] / 1e3:.0f}): {seconds:.1f} s of transfer")
    print()
    for kind, target in TARGETS.items():
        group = [r for r in results.values() if ("chart" in r) == (kind == "chart")]
        if not group:
            continue
        worst = {"fcp": max(r["fcp"] for r in group), "mb": max(r["bytes"] for r in group) / 1e6}
        if kind == "chart":
            worst["chart"] = max(r["chart"] for r in group)
        for key, limit in target.items():
            ok = worst[key] <= limit
            unit = " MB" if key == "mb" else " s"
            label = {"fcp": "FCP", "chart": "first chart", "mb": "on the wire"}[key]
            print(f"  {kind} pages, slowest {label}: {worst[key]:.2f}{unit}  "
                  f"target <= {limit}{unit}: {'met' if ok else 'NOT met'}")
    outside = sum(r["outside"] for r in results.values())
    print(f"  requests to other hosts: {outside:g}  target 0: {'met' if outside == 0 else 'NOT met'}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="visits per page (the median is reported)")
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html", help="the built site")
    parser.add_argument("--page", action="append", help="only this page (repeatable)")
    args = parser.parse_args()
    found = pages(args.site)
    if not found:
        sys.exit(f"{args.site} holds no built book: run `make book` first")
    if args.page:
        found = {p: found[p] for p in args.page}
    results = {}
    with serve(args.site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for path, chart in found.items():
            print(f"  {path}", file=sys.stderr)
            results[path] = median_of([visit(browser, f"{base}/{path}", chart) for _ in range(args.runs)])
        browser.close()
    report(results, args.runs)


if __name__ == "__main__":
    main()
