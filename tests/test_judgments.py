"""talks/judgments.py: key judgments take their terms from the estimative scale and one of three
confidence levels, and nothing else."""

import pytest

import talks

ROW = ("Tehran probed for a narrow deal.", "likely", "low", "One outlet's report.")


def test_judgments_keep_the_rows_in_order():
    frame = talks.judgments([ROW, ("It played for time only.", "unlikely", "moderate", "Reason.")])
    assert list(frame.columns) == ["judgment", "likelihood", "confidence", "reason"]
    assert frame.likelihood.tolist() == ["likely", "unlikely"]


@pytest.mark.parametrize(("row", "words"), [
    ((ROW[0], "most likely", "low", ROW[3]), "'most likely' is not a term of the estimative scale"),
    ((ROW[0], "likely", "medium", ROW[3]), r"'medium' is not one of \('low', 'moderate', 'high'\)"),
])
def test_judgments_refuse_terms_off_the_scale(row, words):
    with pytest.raises(ValueError, match=words):
        talks.judgments([row])


def test_judgments_md_keeps_the_proposition_likelihood_and_confidence_apart():
    """ICD 203: the proposition, then the likelihood with its band, then the confidence, each in a
    sentence of its own."""
    text = talks.judgments_md(talks.judgments([ROW])).data
    assert text == (":::{admonition} Key judgments\n:class: important\n"
                    "- Tehran probed for a narrow deal.\n"
                    "  *Likelihood:* likely (55–80 %). *Confidence:* low. One outlet's report.\n:::")
