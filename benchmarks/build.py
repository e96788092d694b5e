"""Build benchmark: how close is the book build to the cost of running its notebooks?

Measures, on a temporary copy of the project (the working tree is never touched):
  A  bare sequential execution of every notebook (nbclient, a fresh kernel each)
  B  a clean book build (no _build folder)
  C  a rebuild with nothing changed
  D  a rebuild after a prose-only edit of one markdown cell of the first chapter notebook
  E  a rebuild after a change to one data file
then `import talks` in a fresh interpreter (the fastest of ten, as every notebook pays it) and the
fast tier (`make check`, in the project itself: it reads, never writes), and the page weights of the
built site. Each build timing is the median of --runs runs.

Usage: python benchmarks/build.py [--runs N]   (or `make bench`)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))
from book_build import ipc_kernel  # noqa: E402  (the book's own extension, beside the project)

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
COPY = ["_config.yml", "_toc.yml", "references.bib", "constraints.txt", "_ext", "notebooks", "data"]
TARGETS = {"B/A": 0.7, "C/B": 0.1, "D/B": 0.2}
IMPORT_TARGET, CHECK_TARGET, IMPORT_RUNS = 0.4, 20, 10
#: Run in a fresh interpreter in notebooks/: the seconds `import talks` takes.
TIME_IMPORT = "import time; t = time.perf_counter(); import talks; print(time.perf_counter() - t)"


def toc_notebooks(book: Path) -> list[Path]:
    """The notebooks of the book, in the order of the table of contents."""
    import yaml

    toc = yaml.safe_load((book / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    return [book / f"{f}.ipynb" for f in files if (book / f"{f}.ipynb").exists()]


def run_notebooks(book: Path) -> float:
    """A: execute every notebook top to bottom, each in a fresh kernel (on IPC sockets, as the
    build's kernels are); return seconds."""
    start = time.perf_counter()
    for path in toc_notebooks(book):
        nb = nbformat.read(path, as_version=4)
        with ipc_kernel() as ipc:
            NotebookClient(nb, timeout=300, kernel_name="python3", config=ipc,
                           resources={"metadata": {"path": str(path.parent)}}).execute()
    return time.perf_counter() - start


def timed(command: list[str], cwd: Path) -> float:
    """Seconds `command` takes in `cwd`; a failure stops the benchmark with the command's output."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command[:2])} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def build(book: Path) -> float:
    """Seconds a build of the book takes, as `make book` builds it."""
    return timed([str(JUPYTER_BOOK), "build", "-W", "-n", "--keep-going", str(book)], book)


def import_talks(book: Path) -> float:
    """Seconds `import talks` takes in a fresh interpreter, the fastest of IMPORT_RUNS."""
    runs = [subprocess.run([sys.executable, "-c", TIME_IMPORT], cwd=book / "notebooks", capture_output=True,
                           text=True, check=True).stdout for _ in range(IMPORT_RUNS)]
    return min(float(out) for out in runs)


def fast_tier() -> float:
    """Seconds `make check` takes in the project."""
    return timed(["make", "check", "--no-print-directory"], ROOT)


def edit_prose(book: Path, n: int) -> None:
    """Change the text of the first markdown cell of the first chapter notebook."""
    path = toc_notebooks(book)[0]
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += f"\n\n(Benchmark edit {n}.)"
    nbformat.write(nb, path)


def edit_data(book: Path, n: int) -> None:
    """Change one value in one data file (a source's note), keeping the data valid."""
    path = book / "data" / "sources.csv"
    text = path.read_text(encoding="utf-8")
    old, new = ("The book's primary source;", f"The book's primary source (edit {n});") if n == 0 \
        else (f"(edit {n - 1})", f"(edit {n})")
    if old not in text:
        sys.exit(f"edit_data: {path.relative_to(book)} no longer holds {old!r}; choose another edit")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_weights(site: Path) -> dict[str, object]:
    """Largest page, total bytes of the site, and how many copies of plotly.js it ships."""
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(pages, key=pages.get)
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    plotly_copies = [p for p in site.rglob("*.js") if p.read_bytes()[:2000].find(b"plotly.js v") >= 0]
    embedded = sum((site / p).read_text(encoding="utf-8").count("plotly.js v") for p in pages)
    return {"largest page": largest, "largest page bytes": pages[largest], "pages": len(pages),
            "total site bytes": total, "plotly.js copies": len(plotly_copies) + embedded}


def verdict(value: float, target: float, unit: str = "") -> str:
    return f"target <= {target}{unit}: {'met' if value <= target else 'NOT met'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median is reported)")
    args = parser.parse_args()
    times: dict[str, list[float]] = {k: [] for k in "ABCDE"}
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        book = Path(tmp) / "book"
        book.mkdir()
        for name in COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy2)(src, book / name)
        for n in range(args.runs):
            print(f"run {n + 1}/{args.runs}", file=sys.stderr)
            times["A"].append(run_notebooks(book))
            shutil.rmtree(book / "_build", ignore_errors=True)
            times["B"].append(build(book))
            times["C"].append(build(book))
            edit_prose(book, n)
            times["D"].append(build(book))
            edit_data(book, n)
            times["E"].append(build(book))
        weights = page_weights(book / "_build" / "html")
        notebooks = toc_notebooks(book)
        imported = import_talks(book)
    check = [fast_tier() for _ in range(args.runs)]
    median = {k: statistics.median(v) for k, v in times.items()}
    labels = {"A": f"bare execution of {len(notebooks)} notebooks", "B": "clean build",
              "C": "rebuild, nothing changed", "D": f"rebuild after a prose edit ({notebooks[0].name})",
              "E": "rebuild after a data change"}
    print(f"\nBuild benchmark, median of {args.runs} runs")
    for k, label in labels.items():
        print(f"  {k}  {label:<48} {median[k]:7.2f} s   (runs: {', '.join(f'{t:.2f}' for t in times[k])})")
    print()
    for ratio in ["B/A", "C/B", "D/B", "E/B"]:
        top, bottom = ratio.split("/")
        value = median[top] / median[bottom]
        target = TARGETS.get(ratio)
        print(f"  {ratio} = {value:.2f}" + ("" if target is None else f"  {verdict(value, target)}"))
    print()
    print(f"  import talks  {imported:.2f} s, fastest of {IMPORT_RUNS}  "
          f"{verdict(imported, IMPORT_TARGET, ' s')}")
    checked = statistics.median(check)
    print(f"  make check    {checked:.1f} s (runs: {', '.join(f'{t:.1f}' for t in check)})  "
          f"{verdict(checked, CHECK_TARGET, ' s')}")
    print()
    for key, value in weights.items():
        print(f"  {key}: {value:,}" if isinstance(value, int) else f"  {key}: {value}")
    print(f"  plotly.js shipped once: {'met' if weights['plotly.js copies'] == 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
