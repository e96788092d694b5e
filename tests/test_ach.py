"""talks/ach.py: ACH scoring (Heuer) on small matrices worked out by hand, the scorecard of the
later indicators, and the rules the book's own matrix obeys.

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


def test_diagnosticity_is_measured_on_the_penalty_that_drives_the_score():
    # E1 penalties (0, 1, 0); E2 (1.5, 0, 0); E3 (0, 0.75, 0.375): largest minus smallest.
    assert talks.diagnosticity(MATRIX, WEIGHTS).to_dict() == pytest.approx({"E1": 1.0, "E2": 1.5, "E3": 0.75})


def test_an_item_rated_only_consistent_or_neutral_moves_nothing():
    matrix = pd.DataFrame({"H1": [0], "H2": [1], "H3": [2]}, index=["E9"])
    assert talks.diagnosticity(matrix, pd.Series({"E9": 1.0}))["E9"] == 0


def test_leave_one_out():
    loo = talks.leave_one_out(MATRIX, WEIGHTS).set_index("evidence_id")
    # Without E3: H1 1.5, H2 1.0, H3 0 -> H3 < H2 < H1, H3 still first.
    assert loo.loc["E3", "ranking"] == "H3, then H2, then H1"
    assert loo.loc["E3", "changes_ranking"] and not loo.loc["E3", "changes_first"]
    # Without E2: H1 0, H2 1.75, H3 0.375 -> H1 < H3 < H2: H1 takes first place.
    assert loo.loc["E2", "ranking"] == "H1, then H3, then H2" and loo.loc["E2", "changes_first"]


def test_leaders_keep_ties():
    assert talks.leaders(pd.Series({"H1": 0.75, "H2": 0.75, "H3": 1.0})) == ("H1", "H2")
    assert talks.leaders(pd.Series({"H1": 0.5, "H2": 0.75})) == ("H1",)


def test_rating_sensitivity_on_a_hand_worked_matrix():
    """E1: I N | E2: CC II | weights 1 and 0.5. Scores H1 1, H2 1 (tie). Moves, one step each way
    within CC..II: E1/H1 I->N (H1 at 0: first alone), I->II (H1 at 2: H2 first); E1/H2 N->C (tie
    stays), N->I (H2 at 2: H1 first); E2/H1 CC->C (tie stays); E2/H2 II->I (H2 at 0.5: first).
    Four of six moves change first place."""
    ratings = pd.DataFrame({"evidence_id": ["E1", "E1", "E2", "E2"],
                            "hypothesis_id": ["H1", "H2", "H1", "H2"], "rating": ["I", "N", "CC", "II"]})
    moves = talks.rating_sensitivity(talks.ach_matrix(ratings), pd.Series({"E1": 1.0, "E2": 0.5}))
    assert len(moves) == 6
    changed = moves[moves.changes_first]
    assert sorted(zip(changed.evidence_id, changed.hypothesis_id, changed.moved_to, changed["first"],
                      strict=True)) == [("E1", "H1", "II", "H2"), ("E1", "H1", "N", "H1"),
                                        ("E1", "H2", "I", "H1"), ("E2", "H2", "I", "H2")]


def test_rating_sensitivity_can_unseat_a_hypothesis_with_nothing_against_it():
    """Unlike the weight perturbation, moving a rating to I can put the first-ranked one behind."""
    ratings = pd.DataFrame({"evidence_id": ["E1", "E1"], "hypothesis_id": ["H1", "H2"], "rating": ["N", "I"]})
    moves = talks.rating_sensitivity(talks.ach_matrix(ratings), pd.Series({"E1": 1.0}))
    assert moves.set_index(["hypothesis_id", "moved_to"]).loc[("H1", "I"), "first"] == "H1 and H2 (tied)"


def test_perturbation_with_no_spread_reproduces_the_scores():
    runs = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=5, spread=0.0)
    assert runs.iloc[0].to_dict() == pytest.approx({"H1": 1.5, "H2": 1.75, "H3": 0.375})
    assert talks.best_shares(runs).to_dict() == {"H1": 0.0, "H2": 0.0, "H3": 1.0}


def test_perturbation_is_seeded():
    first = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=500, spread=0.5, seed=7)
    again = talks.perturbed_scores(MATRIX, CREDIBILITY, RELEVANCE, runs=500, spread=0.5, seed=7)
    pd.testing.assert_frame_equal(first, again)


def test_best_shares_split_ties():
    runs = pd.DataFrame({"H1": [0.0, 1.0], "H2": [0.0, 2.0], "H3": [1.0, 3.0]})
    assert talks.best_shares(runs).to_dict() == {"H1": 0.75, "H2": 0.25, "H3": 0.0}


def test_ranking_text_shows_ties():
    assert talks.ranking_text(pd.Series({"H1": 0.75, "H2": 1.5, "H3": 0.75})) == "H1 and H3 (tied), then H2"
    assert talks.ranking_text(pd.Series({"H1": 0.0, "H2": 1.0, "H3": 2.0})) == "H1, then H2, then H3"


def test_basis_problems_catch_an_absence_resting_on_a_positive_items_rows():
    evidence = pd.DataFrame({"evidence_id": ["ev01", "ev02", "ev03"],
                             "kind": ["statement", "absence", "claim"], "basis": ["s06; c19", "c19", pd.NA]})
    assert talks.basis_problems(evidence) == ["ev03 has no basis", "absence item ev02 shares c19 with ev01"]


def test_the_books_evidence_obeys_the_basis_rules(tables):
    assert talks.basis_problems(tables["evidence"]) == []


def test_no_hypothesis_is_immune(tables):
    """Each hypothesis has at least one item rated I or II against it (Heuer: each can lose)."""
    matrix = talks.ach_matrix(tables["ach_ratings"])
    assert (matrix < 0).sum().to_dict() == {"H1": 3, "H2": 1, "H3": 1, "H4": 2}


def test_every_rating_has_a_reason_and_every_item_every_hypothesis(tables):
    ratings = tables["ach_ratings"]
    assert ratings.reason.str.len().min() > 10
    assert len(ratings) == len(tables["evidence"]) * len(tables["hypotheses"])


def test_evidence_rests_only_on_material_from_before_the_first_round(tables):
    dated = {"events": "event_id", "statements": "statement_id"}
    cutoff = pd.Timestamp("2025-04-12")
    for basis in tables["evidence"].basis.dropna():
        for row in talks.basis_ids(basis):
            for table, key in dated.items():
                rows = tables[table][tables[table][key] == row]
                if len(rows) and pd.notna(rows.date.iloc[0]):
                    assert rows.date.iloc[0] <= cutoff, row


def test_every_indicator_was_inspired_by_material_from_on_or_before_the_cut_off(tables):
    indicators = tables["indicators"]
    sources = tables["sources"].set_index("source_id")
    cutoff = pd.Timestamp("2025-04-12")
    assert (indicators.inspired_on <= cutoff).all()
    assert (indicators.inspired_on <= indicators.written_as_of).all()
    for source in indicators.inspired_by:
        published = sources.at[source, "date"]
        assert pd.isna(published) or published <= cutoff, source
    assert set(indicators.hypothesis_id) == set(tables["hypotheses"].hypothesis_id), "one per hypothesis"


def test_indicator_diagnosticity_on_a_hand_worked_case():
    indicators = pd.DataFrame({"indicator_id": ["i1", "i2"], "hypothesis_id": ["H1", "H2"]})
    expectations = pd.DataFrame({"indicator_id": ["i1", "i1", "i2", "i2"], "hypothesis_id": ["H1", "H2"] * 2,
                                 "expectation": ["expected", "possible", "expected", "expected"]})
    assert talks.indicator_diagnosticity(indicators, expectations).to_dict() == {"i1": 0.5, "i2": 0.0}


def test_record_inconsistency_on_a_hand_worked_case():
    expectations = pd.DataFrame({"indicator_id": ["i1", "i1", "i2", "i2", "i3", "i3"],
                                 "hypothesis_id": ["H1", "H2"] * 3,
                                 "expectation": ["expected", "unexpected", "expected", "possible",
                                                 "unexpected", "expected"]})
    scores = pd.DataFrame({"indicator_id": ["i1", "i2", "i3"],
                           "result": ["observed", "not_observed", "mixed"]})
    # H1: i2 predicted, not seen (1) + i3 mixed on an unexpected one (0.5) = 1.5;
    # H2: i1 ruled out, seen (1) + i3 mixed on an expected one (0.5) = 1.5.
    assert talks.record_inconsistency(scores, expectations).to_dict() == {"H1": 1.5, "H2": 1.5}


def test_likelihoods_of_exclusive_hypotheses_must_cohere():
    assert talks.coherent(["very unlikely", "unlikely", "unlikely", "unlikely"])
    assert not talks.coherent(["unlikely", "unlikely"])  # at most 90 %
    assert not talks.coherent(["likely", "likely"])  # at least 110 %


def test_the_books_likelihoods_cohere_for_each_basis(tables):
    likelihoods = tables["likelihoods"]
    for basis, group in likelihoods.groupby("basis", observed=True):
        assert sorted(group.hypothesis_id) == sorted(tables["hypotheses"].hypothesis_id), basis
        assert talks.coherent(list(group.likelihood.astype(str))), basis


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


def test_the_likelihood_terms_allowed_are_the_estimative_scale(tables):
    """The likelihoods table's allowed terms are the scale's, in the scale's order."""
    assert list(tables["likelihoods"].likelihood.cat.categories) == list(tables["estimative_scale"].term)


def test_a_hypothesis_scored_below_the_leaders_shares_their_band_only_if_one_item_keeps_it_out(tables):
    """The synthesis judges a hypothesis that scores worse than the leaders in their likelihood band
    only where leaving out any one item rated against it puts it level with them, as its key
    judgment says."""
    weights = talks.item_weights(tables["evidence"])
    matrix = talks.ach_matrix(tables["ach_ratings"])
    first = talks.leaders(talks.inconsistency(matrix, weights))
    judged = tables["likelihoods"].query("basis == 'evidence'").set_index("hypothesis_id")
    band = judged.likelihood.astype(str)
    assert band[list(first)].nunique() == 1
    shared = [h for h in band.index if h not in first and band[h] == band[first[0]]]
    assert shared, "no hypothesis below the leaders shares their band: the key judgment says one does"
    for h in shared:
        for item in matrix.index[matrix[h] < 0]:
            assert h in talks.leaders(talks.inconsistency(matrix.drop(index=[item]), weights)), (h, item)
