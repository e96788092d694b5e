/* The book's charts on a phone. A chart narrower than PHONE_WIDTH is drawn with its phone layout,
   which the book writes into the figure (layout.meta.phone: smaller type, the title in short
   lines, the legend below the plot, labels that fit) and lays over the wide one, and with its
   traces changed as layout.meta.phone_traces says (one change, or none, per trace); a chart is
   drawn again when a change of width crosses that line. Runs after plotly.js, before the
   charts' own scripts. */
(() => {
  const PHONE_WIDTH = 600;
  const drawn = new WeakMap();
  const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value);
  const merged = (base, patch) => {
    const out = {...base};
    for (const [key, value] of Object.entries(patch))
      out[key] = isObject(value) && isObject(out[key]) ? merged(out[key], value) : value;
    return out;
  };
  // Laid out for print (the PDF), a chart keeps its wide layout whatever the page's width.
  const narrow = div => div.clientWidth < PHONE_WIDTH && !matchMedia("print").matches;
  const meta = layout => layout.meta || {};
  const layoutFor = (div, layout) => narrow(div) && meta(layout).phone ? merged(layout, meta(layout).phone) : layout;
  const dataFor = (div, data, layout) => {
    const changes = meta(layout).phone_traces;
    return narrow(div) && changes ? data.map((trace, i) => changes[i] ? merged(trace, changes[i]) : trace) : data;
  };
  // The chart's box (the element plotly.py gave a height) is as tall as the layout it is drawn
  // with: plotly.py sized it for the wide one.
  const box = div => (div.parentElement.style.height.endsWith("px") ? div.parentElement : div);
  const draw = (plot, div, data, layout, config) => {
    const chosen = layoutFor(div, layout);
    if (chosen.height) box(div).style.height = `${chosen.height}px`;
    return plot(div, dataFor(div, data, layout), chosen, config);
  };
  const newPlot = Plotly.newPlot;
  Plotly.newPlot = (id, data, layout, config) => {
    const div = typeof id === "string" ? document.getElementById(id) : id;
    drawn.set(div, {data, layout, config, phone: narrow(div)});
    return draw(newPlot, div, data, layout, config);
  };
  let timer;
  addEventListener("resize", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const div of document.querySelectorAll(".plotly-graph-div")) {
        const chart = drawn.get(div);
        if (chart && chart.phone !== narrow(div)) {
          chart.phone = narrow(div);
          draw(Plotly.react, div, chart.data, chart.layout, chart.config);
        }
      }
    }, 150);
  });
})();
