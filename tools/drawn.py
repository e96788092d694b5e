"""When a built page's charts have drawn: one definition for the tests, the reader benchmark and the PDF."""

#: A chart (its plotly div) has begun to draw: plotly has put an SVG in it. A chart that has not yet
#: come near the screen has none.
CHART_BEGUN = "div => div.querySelector('svg') !== null"

#: A chart (its plotly div) has drawn: plotly has computed its data and its SVG holds marks.
CHART_DRAWN = """div => !!div.calcdata && div.querySelector('svg.main-svg') !== null &&
    div.querySelector('.trace, .sankey, .heatmaplayer image, g.point, path.point') !== null"""

#: For page.wait_for_function: true once every chart of the page has drawn. A chart draws when it
#: comes near the screen, so until then this brings the first chart not yet drawn into view, as a
#: reader scrolling down would (on paper every chart draws at once).
CHARTS_DRAWN = f"""() => {{
    const drawn = {CHART_DRAWN};
    const waiting = [...document.querySelectorAll('div.plotly-graph-div')].filter(div => !drawn(div));
    if (waiting.length) waiting[0].scrollIntoView({{block: 'center'}});
    return waiting.length === 0;
}}"""
