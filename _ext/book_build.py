"""Local Sphinx extension for the book.

1. Serves the plotly.js shipped inside the installed plotly package once for the whole
   site (``_static/plotly.min.js``), so pages carry only their figure data and charts
   draw with no internet connection, loaded only on pages that draw a chart; and the book's
   stylesheet (``_static/book.css``).
   It also gives bibliography entries an ARIA role that screen readers and axe accept.
2. Keeps the execution cache honest. Jupyter Book keys its cache on the notebooks'
   code cells only, so a change to ``data/``, to the shared module or to the locked
   packages would leave old results on the page. This extension fingerprints those
   inputs (and its own code, not the stylesheet); when the fingerprint changes it
   empties the execution cache and marks every page for re-reading; pages that paste
   glue from other pages are re-read whenever any page changed.
3. Runs the notebooks about to be read that the cache lacks in parallel, one process per
   core, into that cache; myst-nb then takes their outputs from it, as on any cached build.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from pathlib import Path

import plotly
from jupyter_cache import get_cache
from jupyter_cache.executors import load_executor
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "data", ROOT / "notebooks" / "talks.py", ROOT / "notebooks" / "talks",
          ROOT / "constraints.txt", Path(__file__).resolve(), Path(__file__).with_name("notebook_text.py")]
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BOOK_CSS = Path(__file__).resolve().parent / "book.css"
STAMP = "inputs.sha256"
GLUE_FROM_OTHER_PAGE = re.compile(r"\.ipynb::|^:doc:", re.MULTILINE)
LOGGER = sphinx_logging.getLogger(__name__)
#: jupyter-cache's workers report failures here (on stderr); myst-nb then re-runs a failed
#: notebook on its own and stops the build with its traceback, as without this extension.
WORKER_LOGGER = logging.getLogger(f"{__name__}.workers")
WORKER_LOGGER.setLevel(logging.WARNING)


def fingerprint() -> str:
    """Hash of every file the notebooks' outputs depend on besides their code cells: data,
    module, locked packages; and this extension, which decides what reaches the pages."""
    digest = hashlib.sha256()
    for entry in INPUTS:
        files = sorted(entry.rglob("*")) if entry.is_dir() else [entry]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _cache_dir(app: Sphinx) -> Path:
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def _invalidate(app: Sphinx, config) -> None:
    """Empty the execution cache when the fingerprint changed."""
    stamp = _cache_dir(app) / STAMP
    app.book_inputs = fingerprint()
    app.book_inputs_changed = not stamp.exists() or stamp.read_text() != app.book_inputs
    if app.book_inputs_changed and _cache_dir(app).exists():
        shutil.rmtree(_cache_dir(app))


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Pages to re-read besides those Sphinx found changed.

    After an input change, every page. After a page change, the pages that paste glue
    from other pages (``page.ipynb::key`` or the ``:doc:`` option), which Sphinx does not track.
    """
    if app.book_inputs_changed:
        return sorted(env.found_docs)
    if added or changed or removed:
        return [doc for doc in sorted(env.found_docs)
                if GLUE_FROM_OTHER_PAGE.search(Path(env.doc2path(doc)).read_text(encoding="utf-8"))]
    return []


def _execute_in_parallel(app: Sphinx, env, docnames: list[str]) -> None:
    """Run the notebooks about to be read whose code cells the cache lacks, in parallel."""
    paths = [str(Path(env.doc2path(doc)).absolute()) for doc in docnames]
    paths = [path for path in paths if path.endswith(".ipynb")]
    cache = get_cache(_cache_dir(app))
    for path in paths:
        cache.add_nb_to_project(path)
    todo = [record.pk for record in cache.list_unexecuted(filter_uris=paths)]
    if not todo:
        return
    LOGGER.info(f"executing {len(todo)} notebook(s) in parallel")
    load_executor("local-parallel", cache, logger=WORKER_LOGGER).run_and_cache(
        filter_pks=todo, timeout=env.mystnb_config.execution_timeout,
        allow_errors=env.mystnb_config.execution_allow_errors)


def _plotly_where_needed(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load plotly.js only on pages that draw a chart; the others stay light."""
    if "plotly-graph-div" not in context.get("body", "") and "script_files" in context:
        context["script_files"] = [js for js in context["script_files"]
                                   if not str(getattr(js, "filename", None) or "").endswith("plotly.min.js")]


def _list_roles(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Docutils marks bibliography entries role="doc-biblioentry", a role ARIA 1.3 deprecates;
    inside their role="list" parent axe-core reports a critical aria-required-children."""
    if "body" in context:
        context["body"] = context["body"].replace(' role="doc-biblioentry"', ' role="listitem"')


def _finish(app: Sphinx, exception) -> None:
    if exception is not None:
        return
    if app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, static / "plotly.min.js")
        shutil.copyfile(BOOK_CSS, static / "book.css")
    cache = _cache_dir(app)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / STAMP).write_text(app.book_inputs)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _invalidate)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _execute_in_parallel)
    app.connect("html-page-context", _list_roles)
    app.connect("html-page-context", _plotly_where_needed)
    app.connect("build-finished", _finish)
    app.add_js_file("plotly.min.js")
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
