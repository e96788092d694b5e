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
from .charts import (
    camp_groups,
    cell_positions,
    dot_matrix,
    event_timeline,
    matrix_alt,
    timeline_alt,
    who_names_what,
)
from .data import DATA_DIR, codebook, fields, labels, load, load_package, title
from .decision_making import (
    attribution_flows,
    flows_alt,
    power_alt,
    power_and_voice,
    quoted_in_2025,
    stance_timeline,
    stance_timeline_alt,
)
from .goals import hover_text, then_and_now, voices_per_item
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
from .judgments import (
    CONFIDENCE_LEVELS,
    coherent,
    judgments,
    judgments_md,
)
from .schema import DataError
from .sourcing import (
    SOURCING,
    UNNAMED,
    attribute,
    claim_voices,
    claim_words,
    events_with_sources,
    facts_only,
    source_label,
    sourcing_kind,
    voiced,
)
from .style import (
    BAND,
    BAR,
    BLACK,
    BLUE,
    CAMP_COLOURS,
    CAMPS,
    CATEGORY_COLOURS,
    CHART_CONFIG,
    CONSISTENCY_SCALE,
    DIVIDER,
    FLOW,
    GREEN,
    GREY,
    GRID,
    INK,
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
    by_label,
    chart_bundle,
    clip,
    count_phrase,
    counted,
    esc,
    folded_tables,
    heading,
    joined,
    labelled,
    lower_first,
    number_words,
    phone,
    table,
    times,
    upper_first,
    verb,
    when,
    wrap,
)
from .what_happened_next import later_events

__all__ = [
    "ach_matrix", "ach_view", "actor_profiles", "alt", "argument_alt", "argument_figure",
    "argument_holders", "attribute", "attribution_flows", "BAND", "BAR", "basis_ids",
    "basis_problems", "basis_rows", "BASIS_TABLES", "best_shares", "BLACK", "BLUE", "by_label",
    "CAMP_COLOURS", "camp_groups", "CAMPS", "CATEGORY_COLOURS", "cell_positions", "chart_bundle",
    "CHART_CONFIG", "claim_voices", "claim_words", "clip", "codebook", "coherent", "CONFIDENCE_LEVELS",
    "CONSISTENCY", "CONSISTENCY_SCALE", "count_phrase", "counted", "DATA_DIR", "DataError", "diagnosticity",
    "DIVIDER", "dot_matrix", "esc", "event_timeline", "events_with_sources", "EXPECTATION", "facts_only",
    "fields", "FLOW", "folded_tables", "flows_alt", "glue_prose", "GREEN", "GREY", "GRID", "heading",
    "hover_text", "inconsistency", "indicator_diagnosticity", "INK", "item_weights", "joined", "judgments",
    "judgments_md", "KEY_GREY", "labelled", "labels", "later_events", "leaders",
    "leave_one_out", "level_weights", "LEVEL_WEIGHTS", "load", "load_package", "lower_first", "matrix_alt",
    "number_words", "ORANGE", "OUTLINE_GREY", "penalties", "perturbed_scores", "phone",
    "power_alt", "power_and_voice",
    "prose_expressions", "PURPLE", "quoted_in_2025", "ranking", "ranking_text", "rating_sensitivity",
    "record_inconsistency", "RECORD_PENALTY", "REFERENCE_LINE", "RESULT_COLOURS", "RESULT_CREDIT",
    "ROW_CONFIDENCE_MARKERS", "scorecard", "SKY", "source_label", "SOURCING", "sourcing_kind", "stance_alt",
    "stance_basis", "STANCE_COLOURS", "stance_figure", "stance_timeline", "stance_timeline_alt", "table",
    "then_and_now", "time_readings", "timeline_alt", "times", "title", "UNNAMED", "upper_first", "VERMILION",
    "verb", "voiced", "voices_per_item", "when", "who_names_what", "wrap", "YELLOW",
]
