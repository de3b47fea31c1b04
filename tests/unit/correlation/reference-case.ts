/** One case of tests/reference/correlation_reference.json (written by its pandas script). */
export interface CorrelationCase {
  name: string;
  columns: string[];
  reference: Record<string, (number | null)[]>;
  current: Record<string, (number | null)[]>;
  pearson: { reference: (number | null)[][]; current: (number | null)[][] };
  spearman: { reference: (number | null)[][]; current: (number | null)[][] };
}
