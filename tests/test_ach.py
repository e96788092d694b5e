"""talks/ach.py: ACH scoring (Heuer) on a small matrix worked out by hand, and the scorecard of the
later indicators.

Evidence (credibility, relevance -> weight) and ratings for H1, H2, H3:
  E1 (high, high -> 1.0):       C   I   CC
  E2 (medium, high -> 0.75):    II  C   N
  E3 (low, medium -> 0.375):    N   II  I
Weighted inconsistency: H1 = 0.75*2 = 1.5; H2 = 1.0*1 + 0.375*2 = 1.75; H3 = 0.375*1 = 0.375.
"""

import pandas as pd
import pytest

import talks

RATINGS = pd.DataFrame(
    [(e, h, r) for e, row in {"E1": ["C", "I", "CC"], "E2": ["II", "C", "N"], "E3": ["N", "II", "I"]}.items()
     for h, r in zip(["H1", "H2", "H3"], row, strict=True)],
    columns=["evidence_id", "hypothesis_id", "rating"],
)
CREDIBILITY = talks.level_weights(pd.Series(["high", "medium", "low"], index=["E1", "E2", "E3"]))
RELEVANCE = talks.level_weights(pd.Series(["high", "high", "medium"], index=["E1", "E2", "E3"]))
MATRIX = talks.ach_matrix(RATINGS)
WEIGHTS = CREDIBILITY * RELEVANCE


def test_matrix_values():
    assert MATRIX.loc["E1"].tolist() == [1, -1, 2]
    assert MATRIX.loc["E3"].tolist() == [0, -2, -1]


def test_weights():
    assert WEIGHTS.tolist() == [1.0, 0.75, 0.375]


def test_weighted_inconsistency_and_ranking():
    scores = talks.inconsistency(MATRIX, WEIGHTS)
    assert scores.to_dict() == pytest.approx({"H1": 1.5, "H2": 1.75, "H3": 0.375})
    assert talks.ranking(scores) == ["H3", "H1", "H2"]


def test_consistency_does_not_offset_inconsistency():
    """Heuer ranks by inconsistency only: adding very consistent evidence changes no score."""
    extra = pd.concat([RATINGS, pd.DataFrame({"evidence_id": ["E4"] * 3, "hypothesis_id": ["H1", "H2", "H3"],
                                              "rating": ["CC", "CC", "N"]})])
    scores = talks.inconsistency(talks.ach_matrix(extra), pd.concat([WEIGHTS, pd.Series({"E4": 1.0})]))
    assert scores.to_dict() == pytest.approx({"H1": 1.5, "H2": 1.75, "H3": 0.375})


def test_diagnosticity():
    assert talks.diagnosticity(MATRIX).to_dict() == {"E1": 3, "E2": 3, "E3": 2}


def test_ranking_breaks_ties_by_hypothesis_order():
    assert talks.ranking(pd.Series({"H2": 1.0, "H1": 1.0, "H3": 0.5})) == ["H3", "H1", "H2"]


def test_leave_one_out():
    loo = talks.leave_one_out(MATRIX, WEIGHTS).set_index("evidence_id")
    # without E1: 1.5, 0.75, 0.375; without E2: 0, 1.75, 0.375; without E3: 1.5, 1.0, 0.
    assert loo.ranking.to_dict() == {"E1": "H3 < H2 < H1", "E2": "H1 < H3 < H2", "E3": "H3 < H2 < H1"}
    assert loo.changes_ranking.tolist() == [True, True, True]
    assert loo.changes_best.tolist() == [False, True, False]


def test_perturbation_without_spread_repeats_the_scores():
    runs = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=5, spread=0.0)
    assert runs.iloc[0].to_dict() == pytest.approx({"H1": 1.5, "H2": 1.75, "H3": 0.375})
    assert talks.best_shares(runs).to_dict() == {"H1": 0.0, "H2": 0.0, "H3": 1.0}


def test_perturbation_is_seeded_and_bounded():
    first = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=500, spread=0.5, seed=7)
    again = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=500, spread=0.5, seed=7)
    pd.testing.assert_frame_equal(first, again)
    assert first.H1.between(0.75, 2.25).all() and first.H3.between(0.1875, 0.5625).all()
    # H1 (only E2) beats H3 (only E3) only if 1.5 * f2 < 0.375 * f3, impossible with f in [0.5, 1.5].
    assert talks.best_shares(first)["H1"] == 0.0


def test_best_shares_split_ties():
    runs = pd.DataFrame({"H1": [1.0, 0.0], "H2": [1.0, 1.0], "H3": [2.0, 1.0]})
    assert talks.best_shares(runs).to_dict() == {"H1": 0.75, "H2": 0.25, "H3": 0.0}


def test_ranking_text_shows_ties():
    assert talks.ranking_text(pd.Series({"H1": 0.75, "H2": 1.5, "H3": 0.75})) == "H1 = H3 < H2"
    assert talks.ranking_text(pd.Series({"H1": 0.0, "H2": 1.0, "H3": 2.0})) == "H1 < H2 < H3"


def test_leave_one_out_reports_a_tie_for_first_place():
    """Ratings E1: H1 I, H2 C, H3 C; E2: H1 C, H2 I, H3 C (weights 1): scores H1 1, H2 1, H3 0.
    Without E1: H1 0, H2 1, H3 0, so H3 no longer ranks first alone; without E2, likewise H2."""
    ratings = pd.DataFrame({"evidence_id": ["E1"] * 3 + ["E2"] * 3, "hypothesis_id": ["H1", "H2", "H3"] * 2,
                            "rating": ["I", "C", "C", "C", "I", "C"]})
    loo = talks.leave_one_out(talks.ach_matrix(ratings), pd.Series({"E1": 1.0, "E2": 1.0})).set_index(
        "evidence_id")
    assert loo.ranking.to_dict() == {"E1": "H1 = H3 < H2", "E2": "H2 = H3 < H1"}
    assert loo.changes_best.tolist() == [True, True]
    assert loo.changes_ranking.tolist() == [True, True]


def test_scorecard_on_a_hand_worked_case():
    indicators = pd.DataFrame({"indicator_id": ["i1", "i2", "i3", "i4", "i5"],
                               "hypothesis_id": ["H1", "H1", "H1", "H2", "H2"]})
    scores = pd.DataFrame({"indicator_id": ["i1", "i2", "i3", "i4", "i5"],
                           "result": ["observed", "mixed", "not_testable", "not_observed", "not_observed"]})
    card = talks.scorecard(indicators, scores)
    # H1: (1 + 0.5) / 2 testable = 0.75; H2: 0 / 2 = 0.
    assert card.loc["H1", ["observed", "mixed", "not_observed", "not_testable", "testable"]].tolist() == [
        1, 1, 0, 1, 2]
    assert card.held_up.to_dict() == pytest.approx({"H1": 0.75, "H2": 0.0})


def test_scorecard_without_testable_indicators_is_undefined_not_zero():
    card = talks.scorecard(pd.DataFrame({"indicator_id": ["i1"], "hypothesis_id": ["H1"]}),
                           pd.DataFrame({"indicator_id": ["i1"], "result": ["not_testable"]}))
    assert pd.isna(card.loc["H1", "held_up"])
