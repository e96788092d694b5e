"""The book's shared code, imported by every notebook as `talks`.

One module per reason to change: `data` and `schema` (the data package, and what the loader
supports of Table Schema), `style` (palette, plotly template and renderer, text for readers; the
only import side effects), `judgments`, `sourcing` (how the article knows what it says), `charts`,
`ach` (the competing hypotheses), and one module per chapter. The public names of all of them are
re-exported here, so notebooks call ``talks.load()``, ``talks.table(...)`` and so on.
"""

from .ach import (
    BASIS_TABLES,
    CONSISTENCY,
    LEVEL_WEIGHTS,
    RESULT_CREDIT,
    ach_matrix,
    ach_view,
    basis_rows,
    best_shares,
    diagnosticity,
    inconsistency,
    leave_one_out,
    level_weights,
    perturbed_scores,
    ranking,
    ranking_text,
    scorecard,
)
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
from .judgments import CONFIDENCE_LEVELS, judgments, judgments_md
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
    CAMP_COLOURS,
    CAMPS,
    CHART_CONFIG,
    FLOW,
    NEUTRAL,
    OUTLINE,
    REFERENCE_LINE,
    ROW_CONFIDENCE_MARKERS,
    STANCE_COLOURS,
    alt,
    chart_bundle,
    count_phrase,
    esc,
    lower_first,
    table,
    when,
    wrap,
)
from .what_happened_next import later_events

__all__ = [
    "APPROVED_LABELS", "BASIS_LABELS", "BASIS_TABLES", "CAMP_COLOURS", "CAMPS", "CHART_CONFIG",
    "CLAIM_VOICES", "CONFIDENCE_LEVELS", "CONSISTENCY", "DATA_DIR", "FLOW", "GOAL_LABELS",
    "KIND_LABELS", "LEVEL_WEIGHTS", "NEUTRAL", "OUTLINE", "REFERENCE_LINE", "RESULT_CREDIT",
    "ROW_CONFIDENCE_MARKERS", "SOURCING", "STANCE_COLOURS", "UNNAMED", "ach_matrix", "ach_view",
    "actor_profiles", "alt", "argument_figure", "argument_holders", "attribute", "attribution_flows",
    "basis_rows", "best_shares", "camp_groups", "cell_positions", "chart_bundle", "claim_voices",
    "codebook", "count_phrase", "DataError", "diagnosticity", "dot_matrix", "esc", "facts_only",
    "hover_text", "inconsistency", "judgments", "judgments_md", "later_events", "leave_one_out",
    "level_weights", "load", "load_package", "lower_first", "matrix_alt", "perturbed_scores",
    "power_and_voice", "quoted_in_2025", "ranking", "ranking_text", "relayed", "scorecard",
    "sourcing_kind", "stance_basis", "stance_figure", "stance_timeline", "table", "then_and_now",
    "time_readings", "voices_per_item", "when", "who_and_how", "who_names_what", "wrap",
]
