/**
 * A chart, described once: a Plotly figure (data traces + layout, plain JSON). The screen hands it
 * to Plotly; the report has the same Plotly draw it to a static SVG. So a chart cannot look
 * different in the two places.
 */
export interface ChartSpec {
  /** Stable within one result, e.g. `distribution:age`; the report places charts by it. */
  readonly id: string;
  readonly title: string;
  /** Plotly traces. */
  readonly data: readonly Record<string, unknown>[];
  /** Plotly layout (sizes in px; the report prints them at its own size). */
  readonly layout: Record<string, unknown>;
}

/**
 * Plotly reads a few HTML tags in chart text (<b>, <br>, <a href>) and decodes entities; column
 * names and cell values are hostile, so their markup characters are written as entities, which
 * Plotly shows literally — on screen and in the report's static SVG alike.
 */
export function chartText(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
