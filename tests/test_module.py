"""The shared module's chart helpers."""

import plotly.graph_objects as go
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output

import talks


def test_esc_and_wrap_make_text_inert():
    assert talks.esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    wrapped = talks.wrap("one two three four <b>five</b>", width=9)
    assert wrapped == "one two<br>three<br>four<br>&lt;b&gt;five&lt;/b&gt;"


def test_a_chart_without_alt_text_is_refused():
    with pytest.raises(ValueError, match="alt text"):
        talks.chart_bundle(go.Figure(go.Scatter(x=[1], y=[2])).to_dict())


def test_charts_are_json_and_light_html_with_stable_ids():
    fig = talks.alt(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), 'Two points; "quoted" <b>')
    first = talks.chart_bundle(fig.to_dict())
    second = talks.chart_bundle(fig.to_dict())
    assert set(first) == {"application/vnd.plotly.v1+json", "text/html"}
    assert first["text/html"] == second["text/html"]
    assert len(first["text/html"]) < 20_000, "plotly.js must not be embedded"
    assert 'aria-label="Two points; &quot;quoted&quot; &lt;b&gt;"' in first["text/html"]
    assert first["application/vnd.plotly.v1+json"]["config"] == {"displaylogo": False, "responsive": True}


def test_ipython_displays_a_figure_through_the_book():
    """In a kernel a figure shows as the book's bundle, without plotly's renderer registry."""
    shell = InteractiveShell.instance()
    talks.style.show_charts_in(shell)
    fig = talks.alt(go.Figure(go.Bar(x=["a"], y=[1])), "One bar")
    with capture_output() as captured:
        display(fig)
    (output,) = captured.outputs
    assert output.data == talks.chart_bundle(fig.to_dict())


def test_every_camp_has_a_colour_and_a_marker():
    camps = talks.load_package()["resources"][1]["schema"]["fields"][5]["constraints"]["enum"]
    assert set(camps) == set(talks.CAMPS)
    assert len({c for c, _ in talks.CAMPS.values()}) == len(camps)
    assert len({m for _, m in talks.CAMPS.values()}) == len(camps)
