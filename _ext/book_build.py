"""Local Sphinx extension for the book.

1. Serves the book's assets from ``_ext/static`` as Sphinx static files, so their URLs carry a
   checksum (``?v=``) and a host can cache them for long: the stylesheet and the book's own
   plotly.js bundle (only the trace types the book draws; ``tools/plotly_bundle.py`` makes it).
   plotly.js is served once for the whole site, so pages carry only their figure data and
   charts draw with no internet connection; it loads only on pages that draw a chart and
   never blocks the text: it is deferred, and the charts' inline scripts run after it (and
   after ``book-charts.js``, which draws a chart on a phone with its phone layout).
   It keeps the theme light for a reader on a slow connection: no ``fontawesome.js`` (the
   theme's webfont already draws its icons), Sphinx's search scripts only on the search page,
   and every script deferred but one tiny settings file. It gives every page a meta
   description, and bibliography entries an ARIA role that screen readers and axe accept.
2. Keeps the execution cache honest. Jupyter Book keys its cache on the notebooks'
   code cells only, so a change to ``data/``, to the shared module or to the locked
   packages would leave old results on the page. This extension fingerprints those
   inputs (and its own code, not the stylesheet); when the fingerprint changes it
   empties the execution cache and marks every page for re-reading; pages that paste
   glue from other pages are re-read whenever any page changed, and every page is re-read
   (not re-run) when the book's assets change, as every page names them by checksum.
3. Runs the notebooks about to be read that the cache lacks in parallel, one process per
   core, into that cache; myst-nb then takes their outputs from it, as on any cached build.
   Their kernels listen on IPC sockets, not TCP ports (see `IpcWorker`).
4. Keeps the garbage collector off what lasts the whole build (see `_freeze_heap`).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import html
import logging
import multiprocessing
import re
import shutil
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from jupyter_cache.cache.main import JupyterCacheBase
from jupyter_cache.executors import load_executor
from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData
from jupyter_cache.executors.utils import single_nb_execution
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "data", ROOT / "notebooks" / "talks", ROOT / "constraints.txt", Path(__file__).resolve(),
          Path(__file__).with_name("notebook_text.py"), Path(__file__).with_name("book_print.py")]
STATIC = Path(__file__).resolve().parent / "static"
# plotly's inline script for one chart, which must run after the deferred plotly.js: a module
# script runs, like a deferred one, once the page is parsed, in document order.
CHART_SCRIPT = re.compile(r'<script(?: type="text/javascript")?>(?=\s*window\.PLOTLYENV)')
# The theme's <head> assets a page can do without (the search page keeps the search scripts).
FONTAWESOME_JS = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
SEARCH_JS = re.compile(r'\s*<script src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)'
                       r'\.js"></script>')
# Scripts that would hold back the text. All but documentation_options.js, which inline scripts read at
# once, are deferred: deferred scripts run in document order once the page is parsed.
BLOCKING_JS = re.compile(r'<script src="(?![^"]*documentation_options\.js)')
# Asset URLs the theme writes without a checksum (the search page's scripts).
UNVERSIONED = re.compile(r'(?P<attr>src|href)="(?P<url>[^"?:]*(?:_static/[^"?]+|searchindex)\.(?:js|css))"')
# The theme's search field is a button that shows "Search Ctrl+K" but is labelled "Search"; without
# the label its name is what it shows (WCAG 2.5.3, label in name).
SEARCH_FIELD_LABEL = re.compile(r'(<button class="btn search-button-field [^>]*?) aria-label="Search"')
DESCRIPTION_LENGTH = 200
STAMP = "inputs.sha256"
GLUE_FROM_OTHER_PAGE = re.compile(r"\.ipynb::|^:doc:", re.MULTILINE)


LOGGER = sphinx_logging.getLogger(__name__)
#: The level at which jupyter-cache's workers report failures (on stderr); myst-nb then re-runs a
#: failed notebook on its own and stops the build with its traceback, as without this extension.
WORKER_LOG_LEVEL = logging.WARNING


@contextlib.contextmanager
def ipc_kernel() -> Iterator[Config]:
    """The configuration of a kernel whose sockets are files in a folder of its own, for as long as
    the block runs (a kernel over TCP warns that its traffic is not encrypted)."""
    with tempfile.TemporaryDirectory(prefix="book-kernel-") as sockets:
        yield Config({"KernelManager": {"transport": "ipc", "ip": str(Path(sockets) / "kernel")}})


class IpcWorker(ExecutionWorkerLocalMProc):
    """jupyter-cache's parallel worker (it runs a notebook in its own folder), its kernel on IPC.

    Kernels started at the same moment over TCP can be handed the same free port: the one that
    loses dies as it starts ("ZMQError: Address already in use") and its notebook's run hangs.
    Over IPC a kernel's sockets are files, here named for that kernel alone."""

    @staticmethod
    def execute(project_nb, data: ProcessData):
        with ipc_kernel() as ipc:
            return single_nb_execution(project_nb.nb, cwd=str(Path(project_nb.uri).parent),
                                       timeout=data.timeout, allow_errors=data.allow_errors, config=ipc)


class OneWriterCache(JupyterCacheBase):
    """jupyter-cache's cache, into which parallel workers store their results one at a time.

    Storing a result ends by pruning the oldest records (``truncate_caches``), listed in two
    queries: a record another worker adds between them is taken for an old one and removed, while
    it is being written ("Notebook file does not exist for cache record PK") or just after. Either
    worker's notebook then goes uncached, and myst-nb runs it again, alone, as it reads it."""

    LOCK = "store.lock"

    def cache_notebook_bundle(self, *args, **kwargs):
        with open(Path(self.path) / self.LOCK, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return super().cache_notebook_bundle(*args, **kwargs)


def fingerprint(entries: list[Path] = INPUTS) -> str:
    """Hash of every file in `entries` (files and folders). By default, what the notebooks' outputs
    depend on besides their code cells: data, module, locked packages; and the extensions that
    decide what reaches the pages."""
    digest = hashlib.sha256()
    for entry in entries:
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

    After an input change, every page; after a change to the book's assets too, as every page
    names them with their checksum (Sphinx would not even copy them with no page to write).
    After a page change, the pages that paste glue from other pages (``page.ipynb::key`` or the
    ``:doc:`` option), which Sphinx does not track.
    """
    static, env.book_static = getattr(env, "book_static", None), fingerprint([STATIC])
    if app.book_inputs_changed or static != env.book_static:
        return sorted(env.found_docs)
    if added or changed or removed:
        return [doc for doc in sorted(env.found_docs)
                if GLUE_FROM_OTHER_PAGE.search(Path(env.doc2path(doc)).read_text(encoding="utf-8"))]
    return []


def _execute_in_parallel(app: Sphinx, env, docnames: list[str]) -> None:
    """Run the notebooks about to be read whose code cells the cache lacks, in parallel."""
    paths = [str(Path(env.doc2path(doc)).absolute()) for doc in docnames]
    paths = [path for path in paths if path.endswith(".ipynb")]
    cache = OneWriterCache(str(_cache_dir(app)))
    for path in paths:
        cache.add_nb_to_project(path)
    # jupyter-cache's local-parallel executor, with IpcWorker for its worker: the records it would
    # run (their old tracebacks cleared), run in a pool of one process per core.
    records = load_executor("local-parallel", cache).get_records(filter_uris=paths)
    if not records:
        return
    LOGGER.info(f"executing {len(records)} notebook(s) in parallel")
    timeout, allow_errors = env.mystnb_config.execution_timeout, env.mystnb_config.execution_allow_errors
    multiprocessing.log_to_stderr(WORKER_LOG_LEVEL)
    with multiprocessing.Pool() as pool:
        pool.map(IpcWorker(), [ProcessData(r.pk, r.uri, cache, timeout, allow_errors) for r in records])


def _static_assets(app: Sphinx, config) -> None:
    """Serve ``_ext/static`` (the stylesheet and plotly.js) as Sphinx static files."""
    config.html_static_path.append(str(STATIC))


CHART_SCRIPTS = ("plotly.min.js", "book-charts.js")


def _is_chart_script(js) -> bool:
    return str(getattr(js, "filename", None) or "").endswith(CHART_SCRIPTS)


def _plotly_where_needed(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Load plotly.js and the book's chart script (``book-charts.js``, the phone layout) only on
    pages that draw a chart, and draw the charts once they have loaded.

    plotly.js is deferred, so it never holds back the text; a preload at the top of <head> starts
    it first, before the stylesheets take the browser's connections, as the charts wait for it.
    """
    if "script_files" not in context:
        return
    if "plotly-graph-div" in context.get("body", ""):
        context["body"] = CHART_SCRIPT.sub('<script type="module">', context["body"])
        tag = context["js_tag"](next(js for js in context["script_files"] if _is_chart_script(js)))
        url = re.search(r' src="([^"]+)"', tag)[1]
        context["metatags"] = context.get("metatags", "") + (
            f'\n<link rel="preload" as="script" href="{url}" fetchpriority="high" />')
    else:
        context["script_files"] = [js for js in context["script_files"] if not _is_chart_script(js)]


def _description(doctree) -> str:
    """A page's first paragraph, cut at a word to at most DESCRIPTION_LENGTH characters."""
    paragraph = doctree.next_node(nodes.paragraph) if doctree is not None else None
    text = " ".join(paragraph.astext().split()) if paragraph is not None else ""
    if len(text) > DESCRIPTION_LENGTH:
        text = text[: text.rindex(" ", 0, DESCRIPTION_LENGTH)] + "…"
    return text


def _meta_description(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Describe every page by its first paragraph; generated pages by the landing page's."""
    text = _description(doctree) or _description(app.env.get_doctree(app.config.root_doc))
    context["metatags"] = context.get("metatags", "") + (
        f'\n<meta name="description" content="{html.escape(text, quote=True)}" />')


def _lighten(page: Path) -> None:
    """Drop from a written page the theme's assets it does without, defer the scripts that would
    hold back its text, and give the asset URLs the theme left bare a checksum, as Sphinx gives
    its own (see the patterns above)."""
    text = page.read_text(encoding="utf-8")
    lighter = FONTAWESOME_JS.sub("", text)
    if page.name != "search.html":
        lighter = SEARCH_JS.sub("", lighter)
    lighter = BLOCKING_JS.sub('<script defer src="', lighter)
    lighter = SEARCH_FIELD_LABEL.sub(r"\1", lighter)

    def versioned(match: re.Match) -> str:
        checksum = zlib.crc32((page.parent / match["url"]).read_bytes())
        return f'{match["attr"]}="{match["url"]}?v={checksum:08x}"'

    lighter = UNVERSIONED.sub(versioned, lighter)
    if lighter != text:
        page.write_text(lighter, encoding="utf-8")


def _aria(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Two repairs of the markup the tools write.

    Docutils marks bibliography entries role="doc-biblioentry", a role ARIA 1.3 deprecates; inside
    their role="list" parent axe-core reports a critical aria-required-children. MyST-NB names
    every code toggle "Toggle hidden content", which is not what it shows ("Show code cell
    source"); without the label its name is the text it shows (WCAG 2.5.3, label in name).
    """
    if "body" in context:
        context["body"] = (context["body"].replace(' role="doc-biblioentry"', ' role="listitem"')
                           .replace('<summary aria-label="Toggle hidden content">', "<summary>"))


def _finish(app: Sphinx, exception) -> None:
    if exception is not None:
        return
    # Only the site is lightened: the single page (for the PDF) is read from disk, and its asset
    # URLs are relative to the output's root, not to the page.
    if app.builder.name == "html":
        for page in Path(app.outdir).rglob("*.html"):
            if "_static" not in page.relative_to(app.outdir).parts:
                _lighten(page)
    cache = _cache_dir(app)
    cache.mkdir(parents=True, exist_ok=True)
    (cache / STAMP).write_text(app.book_inputs)


def _freeze_heap(*_) -> None:
    """Exempt every object alive now from garbage collection (`gc.freeze`).

    Once the extensions are loaded (the 1,400 modules of Sphinx, the theme and myst-nb), a full
    collection would walk them all again and again; once the build has finished, the interpreter's
    teardown would walk all that the build made. Both kinds live until the process ends anyway.
    About a third of a rebuild with nothing changed (see the README's build table)."""
    gc.freeze()


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _freeze_heap)
    app.connect("config-inited", _invalidate)
    app.connect("config-inited", _static_assets)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _execute_in_parallel)
    app.connect("html-page-context", _aria)
    app.connect("html-page-context", _plotly_where_needed)
    app.connect("html-page-context", _meta_description)
    app.connect("build-finished", _finish)
    app.connect("build-finished", _freeze_heap, priority=900)
    app.add_js_file("plotly.min.js", loading_method="defer")
    app.add_js_file("book-charts.js", loading_method="defer")
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
