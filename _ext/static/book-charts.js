/* The book's charts: drawn when they come near the screen, and on a phone with their phone layout.

   A chart is drawn once it comes within half a screen of the viewport (an IntersectionObserver),
   so a page's text is never held up by charts the reader has not reached; every chart not yet
   drawn is drawn at once for print. Until then its box already has the height it will be drawn
   at (book.css gives a phone the phone layout's), so nothing moves when it is.

   A chart narrower than PHONE_WIDTH is drawn with its phone layout, which the book writes into
   the figure (layout.meta.phone: smaller type, the title in short lines, the legend below the
   plot, labels that fit) and lays over the wide one, and with its traces changed as
   layout.meta.phone_traces says (one change, or none, per trace); a chart is drawn again when its
   width crosses that line (a ResizeObserver: the window, the sidebar, dark mode's padding).
   Runs after plotly.js, before the charts' own scripts. */
(() => {
  const PHONE_WIDTH = 600;
  const NEAR = "50% 0px";
  const drawn = new WeakMap();
  const waiting = new Map();
  const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value);
  const merged = (base, patch) => {
    const out = {...base};
    for (const [key, value] of Object.entries(patch))
      out[key] = isObject(value) && isObject(out[key]) ? merged(out[key], value) : value;
    return out;
  };
  // Laid out for print (the PDF), a chart keeps its wide layout whatever the page's width.
  const printing = () => matchMedia("print").matches;
  const narrow = div => div.getBoundingClientRect().width < PHONE_WIDTH && !printing();
  // A chart drawn with its phone layout marks its box, which book.css keeps that tall on paper too
  // (a page printed from a phone).
  const draw = (plot, div, chart) => {
    const {phone, phone_traces: changes} = chart.layout.meta || {};
    chart.phone = narrow(div);
    div.parentElement.classList.toggle("book-phone-drawn", chart.phone);
    const layout = chart.phone && phone ? merged(chart.layout, phone) : chart.layout;
    const data = chart.phone && changes
      ? chart.data.map((trace, i) => changes[i] ? merged(trace, changes[i]) : trace) : chart.data;
    return plot(div, data, layout, chart.config);
  };
  const newPlot = Plotly.newPlot;
  const resized = "ResizeObserver" in window ? new ResizeObserver(entries => {
    for (const {target: div} of entries) {
      const chart = drawn.get(div);
      if (chart && chart.phone !== narrow(div)) draw(Plotly.react, div, chart);
    }
  }) : null;
  // Each chart on its own: one that fails to draw leaves the others drawn.
  const drawNow = div => {
    const chart = waiting.get(div);
    if (!chart) return;
    waiting.delete(div);
    observer?.unobserve(div);
    drawn.set(div, chart);
    try {
      chart.done(draw(newPlot, div, chart));
      resized?.observe(div);
    } catch (error) {
      chart.fail(error);
    }
  };
  const drawAll = () => [...waiting.keys()].forEach(drawNow);
  const observer = "IntersectionObserver" in window ? new IntersectionObserver(
    entries => entries.filter(entry => entry.isIntersecting).forEach(entry => drawNow(entry.target)),
    {rootMargin: NEAR}) : null;
  Plotly.newPlot = (id, data, layout, config) => {
    const div = typeof id === "string" ? document.getElementById(id) : id;
    return new Promise((done, fail) => {
      waiting.set(div, {data, layout, config, done, fail});
      if (observer && !printing()) observer.observe(div);
      else drawNow(div);
    });
  };
  addEventListener("beforeprint", drawAll);
  matchMedia("print").addEventListener("change", event => event.matches && drawAll());
})();
