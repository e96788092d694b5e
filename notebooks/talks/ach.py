"""The Analysis of Competing Hypotheses (after Heuer): the matrix, its scores and their sensitivity,
and the scorecard of the later indicators."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from .style import esc, wrap

#: Consistency of an item of evidence with a hypothesis, after Heuer: very consistent (CC)
#: to very inconsistent (II).
CONSISTENCY = {"CC": 2, "C": 1, "N": 0, "I": -1, "II": -2}
#: Weight of a credibility or relevance level.
LEVEL_WEIGHTS = {"high": 1.0, "medium": 0.75, "low": 0.5}


#: Tables a `basis` field may point into: id column and the text that shows the row.
BASIS_TABLES = {
    "statements": ("statement_id", "quote"),
    "claims": ("claim_id", "claim"),
    "events": ("event_id", "title"),
    "pressures": ("pressure_id", "wording"),
}


def basis_rows(tables: dict[str, pd.DataFrame], basis: str) -> list[tuple[str, str]]:
    """Resolve a basis such as 's04; c16' to (id, text) pairs; an unknown id raises KeyError."""
    found = []
    for row_id in basis.split("; "):
        for name, (key, text) in BASIS_TABLES.items():
            rows = tables[name][tables[name][key] == row_id]
            if len(rows):
                found.append((row_id, str(rows[text].iloc[0])))
                break
        else:
            raise KeyError(f"'{row_id}' is in no table of {list(BASIS_TABLES)}")
    return found


def ach_view(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The ACH matrix in long form, ordered by diagnosticity (most telling first), with hover text
    giving each rating's reason and the rows the evidence rests on."""
    ratings = tables["ach_ratings"]
    evidence = tables["evidence"].set_index("evidence_id")
    matrix = ach_matrix(ratings)
    telling = diagnosticity(matrix)
    order = telling.sort_values(ascending=False, kind="stable").index
    view = ratings.assign(
        value=ratings.rating.astype(str).map(CONSISTENCY),
        diagnosticity=ratings.evidence_id.map(telling),
        rank=ratings.evidence_id.map({e: i for i, e in enumerate(order)}),
    )
    basis = {e: "<br>".join(f"{i}: {wrap(t, 70)}" for i, t in basis_rows(tables, b))
             for e, b in evidence.basis.items()}
    view["hover"] = [
        f"<b>{esc(e)}</b> × {esc(h)}: <b>{esc(r)}</b><br>{wrap(reason, 70)}<br><br>"
        f"{wrap(evidence.loc[e, 'evidence'], 70)}<br>credibility {evidence.loc[e, 'credibility']}, "
        f"relevance {evidence.loc[e, 'relevance']}<br><br>{basis[e]}"
        for e, h, r, reason in zip(view.evidence_id, view.hypothesis_id, view.rating.astype(str),
                                   view.reason, strict=True)
    ]
    return view.sort_values(["rank", "hypothesis_id"]).reset_index(drop=True)


def ach_matrix(ratings: pd.DataFrame) -> pd.DataFrame:
    """Evidence × hypothesis matrix of numeric consistency (CC=2 … II=-2) from long-form ratings."""
    values = ratings.assign(value=ratings.rating.astype(str).map(CONSISTENCY))
    return values.pivot(index="evidence_id", columns="hypothesis_id", values="value").astype(int)


def level_weights(levels: pd.Series) -> pd.Series:
    """Weights of credibility or relevance levels (high 1, medium 0.75, low 0.5)."""
    return levels.astype(str).map(LEVEL_WEIGHTS).astype(float)


def inconsistency(matrix: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Heuer's weighted inconsistency score per hypothesis: the sum over items of
    weight × (1 for I, 2 for II). Lower is better; consistent ratings add nothing."""
    penalty = (-matrix).clip(lower=0)
    return penalty.mul(weights.reindex(matrix.index), axis=0).sum()


def diagnosticity(matrix: pd.DataFrame) -> pd.Series:
    """How much an item's ratings differ across hypotheses: highest minus lowest value.
    Zero means the item cannot tell the hypotheses apart."""
    return matrix.max(axis=1) - matrix.min(axis=1)


def ranking(scores: pd.Series) -> list[str]:
    """Hypotheses from least to most inconsistent (ties keep hypothesis order)."""
    return list(scores.sort_index().sort_values(kind="stable").index)


def ranking_text(scores: pd.Series) -> str:
    """The ranking in words, ties shown: 'H3 < H1 = H2'."""
    order = ranking(scores)
    text = order[0]
    for before, after in pairwise(order):
        text += (" = " if np.isclose(scores[before], scores[after]) else " < ") + after
    return text


def leave_one_out(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """For each item, the ranking without it; whether that changes the ranking, and whether the
    hypothesis ranked first would no longer be the only least inconsistent one."""
    base = inconsistency(matrix, weights)
    best, base_text = ranking(base)[0], ranking_text(base)
    rows = []
    for item in matrix.index:
        scores = inconsistency(matrix.drop(index=item), weights)
        rivals = scores.drop(best)
        text = ranking_text(scores)
        rows.append({"evidence_id": item, "ranking": text, "changes_ranking": text != base_text,
                     "changes_best": bool((rivals <= scores[best] + 1e-9).any())})
    return pd.DataFrame(rows)


def perturbed_scores(matrix: pd.DataFrame, credibility: pd.Series, relevance: pd.Series,
                     runs: int = 2000, spread: float = 0.5, seed: int = 20250412) -> pd.DataFrame:
    """Inconsistency scores when each item's credibility weight is multiplied by a factor drawn
    uniformly from [1 - spread, 1 + spread]; one row per run, seeded so results repeat."""
    rng = np.random.default_rng(seed)
    credibility = credibility.reindex(matrix.index).to_numpy()
    relevance = relevance.reindex(matrix.index).to_numpy()
    factors = rng.uniform(1 - spread, 1 + spread, size=(runs, len(matrix)))
    weights = factors * credibility * relevance
    penalty = (-matrix).clip(lower=0).to_numpy()
    return pd.DataFrame(weights @ penalty, columns=matrix.columns)


def best_shares(runs: pd.DataFrame) -> pd.Series:
    """Share of runs in which each hypothesis is least inconsistent (a tie splits the run)."""
    best = runs.eq(runs.min(axis=1), axis=0)
    return best.div(best.sum(axis=1), axis=0).mean()


#: Credit an indicator's result gives its hypothesis; not_testable results are left out.
RESULT_CREDIT = {"observed": 1.0, "mixed": 0.5, "not_observed": 0.0}


def scorecard(indicators: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """Per hypothesis: how many indicators had each result, and the share of testable
    expectations that held up (observed counts 1, mixed 0.5, not observed 0)."""
    merged = indicators.merge(scores, on="indicator_id", validate="one_to_one")
    counts = pd.crosstab(merged.hypothesis_id, merged.result.astype(str))
    counts = counts.reindex(columns=[*RESULT_CREDIT, "not_testable"], fill_value=0)
    testable = counts[list(RESULT_CREDIT)].sum(axis=1)
    held = sum(counts[r] * credit for r, credit in RESULT_CREDIT.items())
    return counts.assign(testable=testable, held_up=held / testable.where(testable > 0))
