"""Local Sphinx extension for the book.

1. Serves the plotly.js shipped inside the installed plotly package once for the whole
   site (``_static/plotly.min.js``), so pages carry only their figure data and charts
   draw with no internet connection, loaded only on pages that draw a chart; and the book's
   stylesheet (``_static/book.css``).
   It also gives bibliography entries an ARIA role that screen readers and axe accept.
2. Keeps the execution cache honest. Jupyter Book keys its cache on the notebooks'
   code cells only, so a change to ``data/`` or to the shared module would leave old
   results on the page. This extension fingerprints those inputs; when the fingerprint
   changes it empties the execution cache and marks every page for re-reading; pages
   that paste glue from other pages are re-read whenever any page changed.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import plotly
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [ROOT / "data", ROOT / "notebooks" / "talks.py", ROOT / "_ext"]
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
BOOK_CSS = Path(__file__).resolve().parent / "book.css"
STAMP = "inputs.sha256"
GLUE_FROM_OTHER_PAGE = re.compile(r"\.ipynb::|^:doc:", re.MULTILINE)


def fingerprint() -> str:
    """Hash of every file the pages depend on besides themselves: data, module, extension."""
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
    """Empty the execution cache when data or the shared module changed."""
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
    app.connect("html-page-context", _list_roles)
    app.connect("html-page-context", _plotly_where_needed)
    app.connect("build-finished", _finish)
    app.add_js_file("plotly.min.js")
    app.add_css_file("book.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
