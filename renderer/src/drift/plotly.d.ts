// plotly.js-dist-min ships no types; the few calls the drift charts make.
declare module 'plotly.js-dist-min' {
  export type Data = Record<string, unknown>;
  export type Layout = Record<string, unknown>;
  export type Config = Record<string, unknown>;
  export function react(root: HTMLElement, data: readonly Data[], layout?: Layout, config?: Config): Promise<HTMLElement>;
  export function purge(root: HTMLElement): void;
  export function relayout(root: HTMLElement, update: Layout): Promise<HTMLElement>;
  export const Plots: { resize(root: HTMLElement): Promise<void> | void };
  const Plotly: { react: typeof react; purge: typeof purge; relayout: typeof relayout; Plots: typeof Plots };
  export default Plotly;
}
