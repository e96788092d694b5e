"""talks/style.py: the palette, the template, how charts are shown, and text for readers."""

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.display import display
from IPython.utils.capture import capture_output

import talks
from conftest import enum, mini


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
    assert first["application/vnd.plotly.v1+json"]["config"] == {"displayModeBar": False, "responsive": True}
    assert '<div aria-hidden="true"' in first["text/html"], "the SVG is hidden behind the alt text"


def test_every_chart_gets_a_phone_layout_and_its_own_changes_over_it():
    fig = go.Figure([go.Scatter(x=[1], y=[1], name=f"series {n}") for n in range(3)])
    fig.update_layout(title="A title long enough to need two lines on a phone<br><sup>and a subtitle</sup>",
                      height=400)
    talks.phone(fig, traces=[{"mode": "markers"}, None, None], yaxis={"ticktext": ["short"]})
    talks.alt(fig, "Three points")
    bundle = talks.chart_bundle(fig.to_dict())
    layout = bundle["application/vnd.plotly.v1+json"]["layout"]
    phone = layout["meta"]["phone"]
    assert layout["meta"]["alt"] == "Three points", "alt text and phone changes live side by side"
    assert phone["title"]["text"] == ("A title long enough to need two<br>lines on a phone"
                                      "<br><sup>and a subtitle</sup>")
    assert phone["legend"]["yref"] == "container" and phone["legend"]["orientation"] == "h"
    assert phone["yaxis"] == {"automargin": True, "ticktext": ["short"]}
    # Two more title lines and a legend of three short entries, two to a line, under its title.
    assert phone["height"] == 400 + 19 * 2 + 19 * 3
    assert layout["meta"]["phone_traces"] == [{"mode": "markers"}, None, None]
    # The chart's box holds both heights, so a phone sizes it before the chart is drawn (book.css).
    box = '<div aria-hidden="true" style="height:400px; width:100%; --phone-height:495px;">'
    assert box in bundle["text/html"]


def test_a_charts_hover_text_is_listed_under_it_as_safe_html():
    fig = talks.alt(go.Figure([
        go.Heatmap(z=[[1, 2]], customdata=[["<b>Cell</b><br>why &lt;i&gt; <script>", "same"]]),
        go.Scatter(x=[1, 2], y=[1, 2], customdata=["same", ""]),
    ]), "Two traces")
    html = talks.chart_bundle(fig.to_dict())["text/html"]
    summary = talks.style.SUMMARY
    assert html.endswith(f'<details class="book-chart-text">{summary}The chart as text (2 items)</summary>'
                         "<ul><li><b>Cell</b><br>why &lt;i&gt; &lt;script&gt;</li><li>same</li></ul>"
                         "</details>")
    assert talks.style.chart_text(go.Figure(go.Bar(x=[1], y=[1])).to_dict()) == ""


def test_merged_lays_a_patch_over_nested_settings():
    base = {"legend": {"x": 0, "font": {"size": 12}}, "height": 400}
    assert talks.style.merged(base, {"legend": {"font": {"size": 11}}, "height": 500}) == {
        "legend": {"x": 0, "font": {"size": 11}}, "height": 500}
    assert base["legend"]["font"]["size"] == 12


def test_ipython_displays_a_figure_through_the_book():
    """In a kernel a figure shows as the book's bundle, without plotly's renderer registry."""
    shell = InteractiveShell.instance()
    talks.style.show_charts_in(shell)
    fig = talks.alt(go.Figure(go.Bar(x=["a"], y=[1])), "One bar")
    with capture_output() as captured:
        display(fig)
    (output,) = captured.outputs
    assert output.data == talks.chart_bundle(fig.to_dict())


@pytest.mark.parametrize(("colours", "table", "field"), [
    (talks.CAMP_COLOURS, "actors", "camp"), (talks.STANCE_COLOURS, "actors", "stance"),
    (talks.CATEGORY_COLOURS, "events", "category"), (talks.RESULT_COLOURS, "indicator_scores", "result"),
    (talks.ROW_CONFIDENCE_MARKERS, "events", "confidence"),
])
def test_every_value_has_its_own_colour_or_marker(colours, table, field):
    assert set(colours) == set(enum(table, field))
    assert len(set(colours.values())) == len(colours)


def test_every_camp_has_its_own_marker():
    assert list(talks.CAMPS) == enum("actors", "camp")
    assert len({m for _, m in talks.CAMPS.values()}) == len(talks.CAMPS)


def test_the_template_is_plotly_white_merged_with_the_books_as_plotly_merges_them():
    book = go.layout.Template(talks.style.TEMPLATE)
    expected = pio.templates.merge_templates(pio.templates["plotly_white"], book)
    assert pio.templates["book"].to_plotly_json() == expected.to_plotly_json()


def test_markers_and_bars_are_outlined_by_the_template():
    fig = go.Figure(go.Scatter(x=[1], y=[1]))
    assert pio.templates.default == "book"
    assert fig.layout.template.layout.plot_bgcolor == "rgba(0,0,0,0)", "the book's layout over plotly_white's"
    assert fig.layout.template.layout.xaxis.linecolor == pio.templates["plotly_white"].layout.xaxis.linecolor
    assert fig.layout.template.data.scatter[0].marker.line.color == talks.OUTLINE_GREY
    assert fig.layout.template.data.bar[0].marker.line.color == talks.OUTLINE_GREY


@pytest.mark.parametrize(("day", "precision", "expected"), [
    ("2025-04-09", "day", "9 April 2025"),
    ("2025-04-07", "approximate", "about 7 April 2025"),
    ("2025-02-01", "month", "February 2025"),
    ("2019-01-01", "year", "2019"),
    (None, "undated", "undated"),
])
def test_when_says_a_date_as_precisely_as_allowed(day, precision, expected):
    assert talks.when(pd.Timestamp(day) if day else pd.NaT, precision) == expected


def test_table_escapes_and_shows_dates_and_blanks():
    frame = pd.DataFrame({"text": ["<b>x</b>", None], "date": pd.to_datetime(["2025-04-12", None])})
    shown = talks.table(frame)
    assert "&lt;b&gt;x&lt;/b&gt;" in shown.data and "<b>x" not in shown.data
    assert '<td data-label="Date">12 April 2025</td>' in shown.data and shown.data.count('"></td>') == 2
    # Every body cell carries its column's heading, which a phone shows beside it.
    assert shown.data.count("<td data-label=") == 4 and "<td>" not in shown.data
    assert "<th>Text</th>" in shown.data and "NaT" not in shown.data and "&lt;NA&gt;" not in shown.data


def test_table_uses_the_schemas_titles_and_labels_and_dates_at_their_precision():
    frame = mini("statements", statement_id=["s1", "s2"], date=["2019-01-01", None],
                 date_precision=["year", "undated"], channel=["local_press", "social_media"]).assign(
        quoted=[True, False], speaker=["A", pd.NA])
    shown = talks.table(frame, "statements").data
    for words in ("<th>Statement ID</th>", "<th>Date precision</th>", "<th>Channel</th>", "<th>Quoted</th>",
                  '<td data-label="Date">2019</td>', '<td data-label="Channel">Iranian press</td>',
                  '<td data-label="Channel">social media</td>', '<td data-label="Quoted">yes</td>',
                  '<td data-label="Quoted">no</td>', '<td data-label="Date precision">undated</td>'):
        assert words in shown, words
    assert "local_press" not in shown and "&lt;NA&gt;" not in shown and "True" not in shown


def test_a_long_table_is_folded_under_its_length():
    short = talks.table(pd.DataFrame({"n": range(talks.style.FOLD_ROWS)})).data
    long = talks.table(pd.DataFrame({"n": range(talks.style.FOLD_ROWS + 1)})).data
    assert short.startswith("<table") and "<details" not in short
    assert long.startswith(f'<details class="book-fold">{talks.style.SUMMARY}Table of 21 rows</summary>')
    assert long.endswith("</table></details>") and long.count("<td data-label=") == 21


def test_folded_tables_give_each_group_its_own_table_in_the_titles_order():
    frame = pd.DataFrame({"table": ["b", "a", "b"], "field": ["x", "<y>", "z"]})
    shown = talks.folded_tables(frame, "table", {"a": "Alpha & co", "b": "Beta"}, "field", codes=True).data
    folds = shown.split("</details>")[:-1]
    assert len(folds) == 2 and shown.count('<details class="book-fold">') == 2
    summary = talks.style.SUMMARY
    assert f"{summary}<strong>Alpha &amp; co</strong> (<code>a</code>): one field</summary>" in folds[0]
    assert f"{summary}<strong>Beta</strong> (<code>b</code>): two fields</summary>" in folds[1]
    assert "&lt;y&gt;" in folds[0] and ">x<" not in folds[0] and ">x<" in folds[1] and ">z<" in folds[1]
    # The grouping column is the fold's, not a column of its table; the tables are the codebook's.
    assert "<th>Table</th>" not in shown and shown.count('class="dataframe book-table book-codes"') == 2
    with pytest.raises(ValueError, match=r"no title for table \['b'\]"):
        talks.folded_tables(frame, "table", {"a": "Alpha"}, "field")


def test_a_column_named_like_a_code_needs_a_title():
    with pytest.raises(ValueError, match="column 'who_says_it' is not a field of claims: name it in words"):
        talks.table(pd.DataFrame({"who_says_it": ["x"]}), "claims")


def test_labelled_keeps_the_schemas_order_and_by_label_rekeys_a_palette():
    frame = mini("actors", camp=["media", "armed_forces"])
    shown = talks.labelled(frame, "actors")
    assert list(shown.camp) == ["media", "armed forces"]
    assert list(shown.camp.cat.categories) == list(talks.labels("actors", "camp").values())
    assert talks.by_label("actors", "camp", talks.CAMP_COLOURS)["armed forces"] == talks.GREEN


def test_joined_and_count_phrase():
    assert talks.joined([]) == "none"
    assert talks.joined(["a"]) == "a"
    assert talks.joined(["a", "b", "c"]) == "a, b and c"
    order = ["regional", "military", "economic", "domestic"]
    values = pd.Series(["military", "regional", "regional", "economic"])
    assert talks.count_phrase(values, order) == "2 regional, 1 military and 1 economic"
    assert talks.count_phrase(pd.Series(["domestic"]), order) == "1 domestic"
    assert talks.count_phrase(pd.Series([], dtype=str), order) == "none"


def test_verb_agrees_with_its_count():
    assert [talks.verb(n, "adds", "add") for n in (0, 1, 2)] == ["add", "adds", "add"]


def test_times_lower_first_and_upper_first():
    assert [talks.times(n) for n in (1, 2, 3)] == ["once", "twice", "3 times"]
    assert talks.lower_first("Threat of war with Israel and the US") == "threat of war with Israel and the US"
    assert talks.lower_first("US strikes") == "US strikes"
    assert talks.lower_first("") == ""
    assert talks.upper_first("conditional: a") == "Conditional: a"
