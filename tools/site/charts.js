// Draws every chart of the page with vega-embed; the stored picture stays if drawing fails.
for (const target of document.querySelectorAll(".vega[data-spec]")) {
  const spec = JSON.parse(document.getElementById(target.dataset.spec).textContent);
  const fallback = target.parentElement.querySelector(".fallback");
  vegaEmbed(target, spec, { renderer: "svg", actions: { export: true, source: false, compiled: false, editor: false } })
    .then(() => fallback && fallback.remove())
    .catch((error) => {
      target.remove();
      console.error("chart not drawn:", error);
    });
}
