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
from .charts import (
    camp_groups,
    cell_positions,
    dot_matrix,
    event_timeline,
    matrix_alt,
    timeline_alt,
    who_names_what,
)
from .data import DATA_DIR, codebook, load, load_package
from .decision_making import (
    APPROVED_LABELS,
    attribution_flows,
    flows_alt,
    power_alt,
    power_and_voice,
    quoted_in_2025,
    stance_timeline,
    stance_timeline_alt,
)
from .goals import BASIS_LABELS, GOAL_LABELS, KIND_LABELS, hover_text, then_and_now, voices_per_item
from .hardliners import (
    actor_profiles,
    argument_alt,
    argument_figure,
    argument_holders,
    stance_alt,
    stance_basis,
    stance_figure,
    time_readings,
)
from .judgments import CONFIDENCE_LEVELS, judgments, judgments_md
from .schema import DataError
from .sourcing import (
    SOURCING,
    UNNAMED,
    attribute,
    claim_voices,
    claim_words,
    events_with_sources,
    facts_only,
    sourcing_kind,
    voiced,
)
from .style import (
    BAND,
    BLACK,
    BLUE,
    CAMP_COLOURS,
    CAMPS,
    CATEGORY_COLOURS,
    CHART_CONFIG,
    DIVIDER,
    FLOW,
    GREEN,
    GREY,
    GRID,
    KEY_GREY,
    ORANGE,
    OUTLINE_GREY,
    PURPLE,
    REFERENCE_LINE,
    RESULT_COLOURS,
    ROW_CONFIDENCE_MARKERS,
    SKY,
    STANCE_COLOURS,
    VERMILION,
    YELLOW,
    alt,
    chart_bundle,
    count_phrase,
    esc,
    joined,
    lower_first,
    table,
    times,
    upper_first,
    when,
    wrap,
)
from .what_happened_next import later_events

__all__ = [
    "APPROVED_LABELS", "BAND", "BASIS_LABELS", "BASIS_TABLES", "BLACK", "BLUE", "CAMP_COLOURS", "CAMPS",
    "CATEGORY_COLOURS", "CHART_CONFIG", "CONFIDENCE_LEVELS", "CONSISTENCY", "DATA_DIR", "DIVIDER",
    "FLOW", "GOAL_LABELS", "GREEN", "GREY", "GRID", "KEY_GREY", "KIND_LABELS", "LEVEL_WEIGHTS",
    "ORANGE", "OUTLINE_GREY", "PURPLE", "REFERENCE_LINE", "RESULT_COLOURS", "RESULT_CREDIT",
    "ROW_CONFIDENCE_MARKERS", "SKY", "SOURCING", "STANCE_COLOURS", "UNNAMED", "VERMILION", "YELLOW",
    "ach_matrix", "ach_view", "actor_profiles", "alt", "argument_alt", "argument_figure",
    "argument_holders", "attribute", "attribution_flows", "basis_rows", "best_shares", "camp_groups",
    "cell_positions", "chart_bundle", "claim_voices", "claim_words", "codebook", "count_phrase", "DataError",
    "diagnosticity", "dot_matrix", "esc", "event_timeline", "events_with_sources", "facts_only",
    "flows_alt", "hover_text", "inconsistency", "joined", "judgments", "judgments_md", "later_events",
    "leave_one_out", "level_weights", "load", "load_package", "lower_first", "matrix_alt",
    "perturbed_scores", "power_alt", "power_and_voice", "quoted_in_2025", "ranking", "ranking_text",
    "scorecard", "sourcing_kind", "stance_alt", "stance_basis", "stance_figure", "stance_timeline",
    "stance_timeline_alt", "table", "then_and_now", "time_readings", "timeline_alt", "times",
    "upper_first", "voiced", "voices_per_item", "when", "who_names_what", "wrap",
]
