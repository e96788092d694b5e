"""The shared module's chart helpers."""

import plotly.graph_objects as go
import plotly.io as pio
import pytest

import talks


def test_esc_and_wrap_make_text_inert():
    assert talks.esc("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    wrapped = talks.wrap("one two three four <b>five</b>", width=9)
    assert wrapped == "one two<br>three<br>four<br>&lt;b&gt;five&lt;/b&gt;"


def test_renderer_refuses_a_chart_without_alt_text():
    with pytest.raises(ValueError, match="alt text"):
        pio.renderers["book"].to_mimebundle(go.Figure(go.Scatter(x=[1], y=[2])).to_dict())


def test_renderer_emits_json_and_light_html_with_stable_ids():
    fig = talks.alt(go.Figure(go.Scatter(x=[1, 2], y=[3, 4])), 'Two points; "quoted" <b>')
    first = pio.renderers["book"].to_mimebundle(fig.to_dict())
    second = pio.renderers["book"].to_mimebundle(fig.to_dict())
    assert set(first) == {"application/vnd.plotly.v1+json", "text/html"}
    assert first["text/html"] == second["text/html"]
    assert len(first["text/html"]) < 20_000, "plotly.js must not be embedded"
    assert 'aria-label="Two points; &quot;quoted&quot; &lt;b&gt;"' in first["text/html"]
    assert pio.renderers.default == "book"


def test_every_camp_has_a_colour_and_a_marker():
    camps = talks.load_package()["resources"][1]["schema"]["fields"][5]["constraints"]["enum"]
    assert set(camps) == set(talks.CAMPS)
    assert len({c for c, _ in talks.CAMPS.values()}) == len(camps)
    assert len({m for _, m in talks.CAMPS.values()}) == len(camps)
