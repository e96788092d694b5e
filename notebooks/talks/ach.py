"""The Analysis of Competing Hypotheses (after Heuer): the matrix, its scores and their sensitivity,
and the scorecard of the later indicators."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd

from .style import esc, joined, wrap

#: Consistency of an item of evidence with a hypothesis, after Heuer: very consistent (CC)
#: to very inconsistent (II), most consistent first.
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


def basis_ids(basis: object) -> list[str]:
    """The row ids of a basis such as 's04; c16'; an empty basis has none."""
    return [] if pd.isna(basis) or basis == "" else str(basis).split("; ")


def basis_rows(tables: dict[str, pd.DataFrame], basis: object) -> list[tuple[str, str]]:
    """Resolve a basis such as 's04; c16' to (id, text) pairs; an unknown id raises KeyError."""
    found = []
    for row_id in basis_ids(basis):
        for name, (key, text) in BASIS_TABLES.items():
            rows = tables[name][tables[name][key] == row_id]
            if len(rows):
                found.append((row_id, str(rows[text].iloc[0])))
                break
        else:
            raise KeyError(f"'{row_id}' is in no table of {list(BASIS_TABLES)}")
    return found


def basis_problems(evidence: pd.DataFrame) -> list[str]:
    """What breaks the evidence rules: a positive item without a basis, or an absence item that
    rests on rows a positive item also rests on (the same rows counted for and against)."""
    absence = evidence.kind.astype(str) == "absence"
    positive = {row: e for e, b in zip(evidence.evidence_id[~absence], evidence.basis[~absence], strict=True)
                for row in basis_ids(b)}
    problems = [f"{e} has no basis" for e, b in zip(evidence.evidence_id[~absence],
                                                    evidence.basis[~absence], strict=True)
                if not basis_ids(b)]
    for e, b in zip(evidence.evidence_id[absence], evidence.basis[absence], strict=True):
        problems += [f"absence item {e} shares {row} with {positive[row]}"
                     for row in basis_ids(b) if row in positive]
    return problems


def ach_view(tables: dict[str, pd.DataFrame], weights: pd.Series) -> pd.DataFrame:
    """The ACH matrix in long form, ordered by diagnosticity (most telling first), with hover text
    giving each rating's reason and the rows the evidence rests on."""
    ratings = tables["ach_ratings"]
    evidence = tables["evidence"].set_index("evidence_id")
    telling = diagnosticity(ach_matrix(ratings), weights)
    order = telling.sort_values(ascending=False, kind="stable").index
    view = ratings.assign(
        value=ratings.rating.astype(str).map(CONSISTENCY),
        diagnosticity=ratings.evidence_id.map(telling),
        rank=ratings.evidence_id.map({e: i for i, e in enumerate(order)}),
    )
    basis = {e: "<br>".join(f"{i}: {wrap(t, 70)}" for i, t in basis_rows(tables, b)) or
             "Not found in the sources the book holds."
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


def item_weights(evidence: pd.DataFrame) -> pd.Series:
    """Each item's weight in the score: its credibility weight times its relevance weight."""
    frame = evidence.set_index("evidence_id")
    return level_weights(frame.credibility) * level_weights(frame.relevance)


def penalties(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """What each rating adds to Heuer's score: weight × (1 for I, 2 for II); other ratings add 0."""
    return (-matrix).clip(lower=0).mul(weights.reindex(matrix.index), axis=0)


def inconsistency(matrix: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Heuer's weighted inconsistency score per hypothesis; lower is better."""
    return penalties(matrix, weights).sum()


def diagnosticity(matrix: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """How far an item moves the scores apart: its largest minus its smallest penalty. Zero means
    it adds the same to every score (an item rated N, C and CC only moves none)."""
    cost = penalties(matrix, weights)
    return cost.max(axis=1) - cost.min(axis=1)


def ranking(scores: pd.Series) -> list[str]:
    """Hypotheses from least to most inconsistent (ties keep hypothesis order)."""
    return list(scores.sort_index().sort_values(kind="stable").index)


def ranking_text(scores: pd.Series) -> str:
    """The ranking in words, best first, ties shown: 'H3, then H1 and H2 (tied)'."""
    order = ranking(scores)
    groups = [[order[0]]]
    for before, after in pairwise(order):
        if np.isclose(scores[before], scores[after]):
            groups[-1].append(after)
        else:
            groups.append([after])
    return ", then ".join(tied(group) for group in groups)


def tied(hypotheses: list[str] | tuple[str, ...]) -> str:
    """'H1', or 'H1 and H2 (tied)' for hypotheses that share a place."""
    return hypotheses[0] if len(hypotheses) == 1 else f"{joined(list(hypotheses))} (tied)"


def leaders(scores: pd.Series) -> tuple[str, ...]:
    """The hypotheses that share the lowest score (one, unless there is a tie)."""
    return tuple(h for h in scores.sort_index().index if np.isclose(scores[h], scores.min()))


def leave_one_out(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """For each item, the ranking without it, whether that changes the ranking, and whether it
    changes which hypotheses share first place."""
    base = inconsistency(matrix, weights)
    first, base_text = leaders(base), ranking_text(base)
    rows = []
    for item in matrix.index:
        scores = inconsistency(matrix.drop(index=item), weights)
        text = ranking_text(scores)
        rows.append({"evidence_id": item, "ranking": text, "changes_ranking": text != base_text,
                     "changes_first": leaders(scores) != first})
    return pd.DataFrame(rows)


def rating_sensitivity(matrix: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Every rating moved one step each way (CC..II, within the scale), one at a time: the rating,
    where it moved, the hypotheses then first, and whether that differs from first place as rated."""
    first = leaders(inconsistency(matrix, weights))
    names = {v: k for k, v in CONSISTENCY.items()}
    rows = []
    for item in matrix.index:
        for hypothesis in matrix.columns:
            value = int(matrix.at[item, hypothesis])
            for step in (1, -1):
                if value + step not in names:
                    continue
                moved = matrix.copy()
                moved.at[item, hypothesis] = value + step
                now = leaders(inconsistency(moved, weights))
                rows.append({"evidence_id": item, "hypothesis_id": hypothesis, "rating": names[value],
                             "moved_to": names[value + step], "first": tied(now),
                             "changes_first": now != first})
    return pd.DataFrame(rows)


def perturbed_scores(matrix: pd.DataFrame, credibility: pd.Series, relevance: pd.Series,
                     runs: int = 2000, spread: float = 0.5, seed: int = 20250412) -> pd.DataFrame:
    """Inconsistency scores when each item's credibility weight is multiplied by a factor drawn
    uniformly from [1 - spread, 1 + spread]; one row per run, seeded so results repeat. It moves
    weights only, so it cannot move a hypothesis that nothing is rated against."""
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(runs, len(matrix)))
    weights = factors * (credibility * relevance).reindex(matrix.index).to_numpy()
    return pd.DataFrame(weights @ penalties(matrix, pd.Series(1.0, matrix.index)).to_numpy(),
                        columns=matrix.columns)


def best_shares(runs: pd.DataFrame) -> pd.Series:
    """Share of runs in which each hypothesis is least inconsistent (a tie splits the run)."""
    best = runs.eq(runs.min(axis=1), axis=0)
    return best.div(best.sum(axis=1), axis=0).mean()


#: How far an indicator's development is expected under a hypothesis.
EXPECTATION = {"expected": 1.0, "possible": 0.5, "unexpected": 0.0}


def indicator_diagnosticity(indicators: pd.DataFrame, expectations: pd.DataFrame) -> pd.Series:
    """Per indicator: how much more it is expected under its own hypothesis than under the most
    expecting other one (1 = only its hypothesis expects it; 0 = another expects it as much)."""
    values = expectations.assign(value=expectations.expectation.astype(str).map(EXPECTATION)).pivot(
        index="indicator_id", columns="hypothesis_id", values="value")
    own = indicators.set_index("indicator_id").hypothesis_id.astype(str)
    return pd.Series({i: values.at[i, h] - values.loc[i].drop(h).max() for i, h in own.items()})


#: What an indicator's result costs a hypothesis, given what that hypothesis expected.
RECORD_PENALTY = {("observed", "unexpected"): 1.0, ("not_observed", "expected"): 1.0,
                  ("mixed", "expected"): 0.5, ("mixed", "unexpected"): 0.5}


def record_inconsistency(scores: pd.DataFrame, expectations: pd.DataFrame) -> pd.Series:
    """Per hypothesis, the later record's inconsistency with it: over every testable indicator,
    1 for a development it ruled out that happened or one it predicted that did not, 0.5 for a
    mixed result on either; not_testable results count for nothing."""
    merged = scores.merge(expectations, on="indicator_id")
    cost = [RECORD_PENALTY.get((str(r), str(e)), 0.0)
            for r, e in zip(merged.result, merged.expectation, strict=True)]
    return merged.assign(cost=cost).groupby("hypothesis_id", observed=True).cost.sum()


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
