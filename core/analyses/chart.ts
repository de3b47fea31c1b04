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
