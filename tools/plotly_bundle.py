"""Build the book's plotly.js: only the trace types the book draws, at the version plotly.py ships.

The full plotly.min.js inside the plotly package weighs 4.8 MB (1.5 MB gzipped); the book draws four
trace types. This script installs the npm registry's plotly.js, at exactly the version of the
plotly.js inside the installed plotly package, with every other npm package pinned by
tools/plotly-bundle/package-lock.json, into a temporary folder; bundles plotly.js's core with the
trace modules in TRACES, without the attributes' documentation and minified with esbuild, as
plotly.js's own dist bundles are; and writes _ext/static/plotly.min.js, which is committed, so
building the book needs only Python. Needs node and npm; run it after upgrading plotly
(tests/test_pages.py fails until the versions agree).

Usage: python tools/plotly_bundle.py   (or `make plotly-bundle`)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import plotly.offline

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "tools" / "plotly-bundle"
OUT = ROOT / "_ext" / "static" / "plotly.min.js"
#: The trace types the book draws. scatter is in plotly.js's core; the others are registered.
TRACES = ["scatter", "bar", "heatmap", "sankey"]
# The attributes' documentation, which only Plotly.PlotSchema's docs read: a one-line string or a joined
# array of strings. plotly.js's own dist bundles leave it out too.
DOCUMENTATION = re.compile(r"\s*\b(?:description|hrName): "
                           r"(?:'(?:[^'\\\n]|\\.)*'|\[[\s\S]*?\]\.join\([^)]*\)),?")
# plotly.js's esbuild settings (its esbuild-config.js), less the plugins only WebGL and map traces need.
ESBUILD_OPTIONS = ["--bundle", "--minify", "--format=iife", "--global-name=Plotly", "--target=es2016",
                   "--define:global=window", "--define:define.amd=false", "--log-level=warning"]


def pinned_version() -> str:
    """The plotly.js version that package.json pins; it must be the one plotly.py ships."""
    wanted = plotly.offline.get_plotlyjs_version()
    pinned = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["dependencies"]["plotly.js"]
    if pinned != wanted:
        sys.exit(f"plotly.py {plotly.__version__} ships plotly.js {wanted}, but {PACKAGE}/package.json pins "
                 f"{pinned}: run `npm install --save-exact --package-lock-only plotly.js@{wanted}` there")
    return wanted


def entry_point() -> str:
    """The bundle's index: plotly.js's core with the trace modules the book needs."""
    modules = ",\n".join(f"    require('plotly.js/lib/{t}')" for t in TRACES if t != "scatter")
    return (f"var Plotly = require('plotly.js/lib/core');\nPlotly.register([\n{modules}\n]);\n"
            "module.exports = Plotly;\n")


def licence_header(work: Path, version: str) -> str:
    """plotly.js's own licence header, naming the trace types this bundle holds."""
    dist = (work / "node_modules" / "plotly.js" / "dist" / "plotly.min.js").read_text(encoding="utf-8")
    header = dist[: dist.index("*/") + 2]
    name = f"plotly.js v{version}"
    if name not in header:
        sys.exit(f"unexpected plotly.js header: {header!r}")
    return header.replace(name, f"{name} (partial bundle: {', '.join(TRACES)})", 1) + "\n"


def build() -> Path:
    """Install the pinned packages in a temporary folder, bundle, and write OUT."""
    version = pinned_version()
    with tempfile.TemporaryDirectory(prefix="plotly-bundle-") as tmp:
        work = Path(tmp)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(PACKAGE / name, work / name)
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                       cwd=work, check=True)
        for source in (work / "node_modules" / "plotly.js" / "src").rglob("*.js"):
            text = source.read_text(encoding="utf-8")
            source.write_text(DOCUMENTATION.sub("", text), encoding="utf-8")
        (work / "index.js").write_text(entry_point(), encoding="utf-8")
        bundled = work / "bundle.js"
        subprocess.run([str(work / "node_modules" / ".bin" / "esbuild"), "index.js", *ESBUILD_OPTIONS,
                        f"--outfile={bundled}"], cwd=work, check=True)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(licence_header(work, version) + bundled.read_text(encoding="utf-8"), encoding="utf-8")
    return OUT


def main() -> None:
    out = build()
    print(f"wrote {out.relative_to(ROOT)}: plotly.js {plotly.offline.get_plotlyjs_version()} "
          f"({', '.join(TRACES)}), {out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
