"""Local Sphinx extension: the book on paper.

1. Figure captions tell the web reader to hover ("Hover for the article's words.", "(hover
   gives the precision)"); on paper there is nothing to hover, so each such sentence or
   parenthesis is wrapped in a span that the print stylesheet (``book.css``) hides.
2. Once ``make pdf`` has made the whole book as one PDF (``_build/pdf/``), the HTML site
   carries a copy and every page's download menu links to it. Without the PDF the site is
   built as before: no link, nothing missing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

PDF_NAME = "killing-time-or-genuine-approach.pdf"
SCREEN_ONLY = "book-screen-only"
HOVER = re.compile(r"(?:^|(?<=\s))Hover\b[^.]*\.|\s\(hover\b[^)]*\)")


def pdf_path(build_dir: Path) -> Path:
    """Where ``make pdf`` puts the book's PDF, for a build folder such as ``_build``."""
    return build_dir / "pdf" / PDF_NAME


def _built_pdf(app: Sphinx) -> Path:
    return pdf_path(Path(app.outdir).parent)


def _join_texts(element: nodes.Element) -> None:
    """Make each run of adjacent text nodes one node: MyST gives every line break of a
    caption its own, and a sentence may run across them."""
    for parent in list(element.findall(nodes.Element)):
        children = []
        for child in parent.children:
            if isinstance(child, nodes.Text) and children and isinstance(children[-1], nodes.Text):
                children[-1] = nodes.Text(children[-1].astext() + child.astext())
            else:
                children.append(child)
        if len(children) != len(parent.children):
            parent.children = []
            parent.extend(children)


def _hover_for_screen_only(app: Sphinx, doctree: nodes.document) -> None:
    """Wrap every caption sentence that starts with "Hover", and every "(hover …)", in a
    screen-only span."""
    for caption in doctree.findall(nodes.caption):
        _join_texts(caption)
        for text in list(caption.findall(nodes.Text)):
            parts, last = [], 0
            for match in HOVER.finditer(text.astext()):
                parts += [nodes.Text(text.astext()[last:match.start()]),
                          nodes.inline(match.group(), match.group(), classes=[SCREEN_ONLY])]
                last = match.end()
            if parts:
                parts.append(nodes.Text(text.astext()[last:]))
                text.parent.replace(text, [part for part in parts if part.astext()])


def _note_pdf(app: Sphinx, config) -> None:
    """Record whether the PDF exists; the setting is part of the HTML build's fingerprint,
    so pages are written again (not re-read) when the PDF appears or goes."""
    config.book_pdf = PDF_NAME if _built_pdf(app).exists() else ""


def _download_button(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Put the whole book's PDF first in the page's download menu (the theme's header buttons)."""
    if app.builder.name != "html" or not app.config.book_pdf:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") == "download-buttons":
            group["buttons"].insert(0, {
                "type": "link", "url": context["pathto"](app.config.book_pdf, 1), "text": "Whole book (.pdf)",
                "tooltip": "Download the whole book as one PDF", "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def _copy_pdf(app: Sphinx, exception) -> None:
    """Copy the PDF into the site, or remove a copy the PDF no longer backs."""
    if exception is not None or app.builder.name != "html":
        return
    copy = Path(app.outdir) / PDF_NAME
    if app.config.book_pdf:
        shutil.copyfile(_built_pdf(app), copy)
    else:
        copy.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_pdf", "", "html")
    app.connect("config-inited", _note_pdf)
    app.connect("doctree-read", _hover_for_screen_only)
    app.connect("html-page-context", _download_button, priority=510)
    app.connect("build-finished", _copy_pdf)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
