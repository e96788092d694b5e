"""The book's shared code, imported by every notebook as `talks`.

One module per reason to change: `data` and `schema` (the data package, and what the loader
supports of Table Schema), `style` (palette, plotly template and renderer, text for readers; the
only import side effects), `judgments`, `sourcing` (how the article knows what it says), `charts`,
`ach` (the competing hypotheses), `book` (what the book needs to show a notebook's prose as
JupyterLab does), and one module per chapter. The public names of all of them are
re-exported here, so notebooks call ``talks.load()``, ``talks.table(...)`` and so on.
"""

from .ach import (
    BASIS_TABLES,
    CONSISTENCY,
    EXPECTATION,
    LEVEL_WEIGHTS,
    RECORD_PENALTY,
    RESULT_CREDIT,
    ach_matrix,
    ach_view,
    basis_ids,
    basis_problems,
    basis_rows,
    best_shares,
    diagnosticity,
    inconsistency,
    indicator_diagnosticity,
    item_weights,
    leaders,
    leave_one_out,
    level_weights,
    penalties,
    perturbed_scores,
    ranking,
    ranking_text,
    rating_sensitivity,
    record_inconsistency,
    scorecard,
)
from .book import glue_prose, prose_expressions
from .charts import camp_groups, cell_positions, dot_matrix, matrix_alt, who_names_what
from .data import DATA_DIR, codebook, load, load_package
from .decision_making import (
    APPROVED_LABELS,
    attribution_flows,
    power_and_voice,
    quoted_in_2025,
    stance_timeline,
)
from .goals import BASIS_LABELS, GOAL_LABELS, KIND_LABELS, hover_text, then_and_now, voices_per_item
from .hardliners import (
    actor_profiles,
    argument_figure,
    argument_holders,
    stance_basis,
    stance_figure,
    time_readings,
)
from .judgments import CONFIDENCE_LEVELS, coherent, judgments, judgments_md
from .schema import DataError
from .sourcing import (
    CLAIM_VOICES,
    SOURCING,
    UNNAMED,
    attribute,
    claim_voices,
    facts_only,
    relayed,
    sourcing_kind,
    who_and_how,
)
from .style import (
    BAR,
    CAMP_COLOURS,
    CAMPS,
    CONSISTENCY_SCALE,
    FLOW,
    INK,
    NEUTRAL,
    OUTLINE,
    REFERENCE_LINE,
    RESULT_COLOURS,
    ROW_CONFIDENCE_MARKERS,
    STANCE_COLOURS,
    BookRenderer,
    alt,
    clip,
    count_phrase,
    counted,
    esc,
    lower_first,
    number_words,
    table,
    when,
    wrap,
)
from .what_happened_next import later_events

__all__ = [
    "ach_matrix", "ach_view", "actor_profiles", "alt", "APPROVED_LABELS", "argument_figure",
    "argument_holders", "attribute", "attribution_flows", "BAR", "basis_ids", "BASIS_LABELS",
    "basis_problems", "basis_rows", "BASIS_TABLES", "best_shares", "BookRenderer", "CAMP_COLOURS",
    "camp_groups", "CAMPS", "cell_positions", "CLAIM_VOICES", "claim_voices", "clip", "codebook",
    "coherent", "CONFIDENCE_LEVELS", "CONSISTENCY", "CONSISTENCY_SCALE", "count_phrase", "counted",
    "DATA_DIR", "DataError", "diagnosticity", "dot_matrix", "esc", "EXPECTATION", "facts_only", "FLOW",
    "glue_prose", "GOAL_LABELS", "hover_text", "inconsistency", "indicator_diagnosticity", "INK",
    "item_weights",
    "judgments", "judgments_md", "KIND_LABELS", "later_events", "leaders", "leave_one_out",
    "level_weights", "LEVEL_WEIGHTS", "load", "load_package", "lower_first", "matrix_alt", "NEUTRAL",
    "number_words", "OUTLINE", "penalties", "perturbed_scores", "power_and_voice", "prose_expressions",
    "quoted_in_2025",
    "ranking", "ranking_text", "rating_sensitivity", "record_inconsistency", "RECORD_PENALTY",
    "REFERENCE_LINE", "relayed", "RESULT_COLOURS", "RESULT_CREDIT", "ROW_CONFIDENCE_MARKERS",
    "scorecard", "SOURCING", "sourcing_kind", "stance_basis", "STANCE_COLOURS", "stance_figure",
    "stance_timeline", "table", "then_and_now", "time_readings", "UNNAMED", "voices_per_item", "when",
    "who_and_how", "who_names_what", "wrap",
]
