"""Local Sphinx extension: the book reads a notebook's Markdown as JupyterLab (with jupyterlab-myst) does.

1. ``{eval}`expression```. JupyterLab evaluates the expression in the kernel when the Markdown cell
   runs. MyST-NB can do that only when it executes notebooks inline, one after another and
   without a cache; the book runs them in parallel into its cache instead. So each notebook ends
   with ``talks.glue_prose(...)``, which glues the value of every expression of its prose under the
   expression's own text, and here the role pastes that value as plain text.
2. A figure with no image. In JupyterLab a chart is the output of its code cell; the Markdown cell
   right under it holds ``:::{figure}`` with a ``:name:`` and the caption, which jupyterlab-myst
   numbers and shows as "Figure 1: ...", and which ``{numref}`` finds. Here such a figure takes the
   chart drawn by the code cell just above it, where MyST-NB would have put a figure of its own.
"""

from __future__ import annotations

from docutils import nodes
from myst_nb.core.variables import RetrievalError, format_plain_text
from myst_nb.ext.glue.utils import glue_warning, retrieve_glue_data
from myst_nb.ext.utils import RoleBase
from sphinx.application import Sphinx
from sphinx.directives.patches import Figure
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

LOGGER = logging.getLogger(__name__)


class EvalRole(RoleBase):
    """The value a notebook glued under the text of an ``{eval}`` expression."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            data = retrieve_glue_data(self.document, self.text)
        except RetrievalError as err:
            hint = "the notebook's last cell must call talks.glue_prose"
            return [], [glue_warning(f"{{eval}}`{self.text}`: {err} ({hint})", self.document, self.line)]
        text = format_plain_text(data.data["text/plain"], "")
        node = nodes.inline(text, text, classes=["pasted-text"])
        self.set_source_info(node)
        return [node], []


class FigureOfTheChartAbove(Figure):
    """``figure`` as in Sphinx; without an image, a caption for the chart of the cell above."""

    required_arguments = 0
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        if self.arguments:
            return super().run()
        figure = nodes.figure(chart_above=True)
        figure.source, figure.line = self.state_machine.get_source_and_line(self.lineno)
        self.add_name(figure)
        body = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, body)
        if not body.children or not isinstance(body[0], nodes.paragraph):
            return [self.state.document.reporter.error(
                "A figure without an image needs a caption (a paragraph)", line=self.lineno)]
        first, *rest = body.children
        caption = nodes.caption(first.rawsource, "", *first.children)
        caption.source, caption.line = first.source, first.line
        figure += caption
        if rest:
            figure += nodes.legend("", *rest)
        return [figure]


class ChartIntoFigure(SphinxTransform):
    """Move the one output of the code cell just above an image-less figure into that figure,
    and the figure to where the output was: as MyST-NB places a figure from cell metadata."""

    default_priority = 500

    def apply(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if not figure.get("chart_above"):
                continue
            del figure["chart_above"]
            cell = figure.parent[figure.parent.index(figure) - 1] if figure.parent.index(figure) else None
            bundles = [] if cell is None or cell.get("nb_element") != "cell_code" else [
                node for node in cell.findall(nodes.container) if node.get("nb_element") == "mime_bundle"]
            if len(bundles) != 1:
                LOGGER.warning("a figure without an image must follow a code cell with one output "
                               f"(found {len(bundles)})", location=figure)
                continue
            (bundle,) = bundles
            figure.parent.remove(figure)
            bundle.replace_self(figure)
            figure.insert(0, bundle)


def setup(app: Sphinx) -> dict:
    app.setup_extension("myst_nb")
    app.add_role("eval", EvalRole(), override=True)
    app.add_directive("figure", FigureOfTheChartAbove, override=True)
    app.add_transform(ChartIntoFigure)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
