/** Types that cross the API boundary: everything here is plain JSON. */
import type { ColumnRole, ColumnType } from '../data/column';

export type { ColumnRole, ColumnType };

/** A cell as it crosses the API: timestamps as ISO 8601 strings, booleans as true/false. */
export type CellValue = string | number | boolean | null;

export interface ColumnInfo {
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  readonly role: ColumnRole;
  readonly nullCount: number;
  /** Values that contradicted the first inferred type and widened the column. */
  readonly widenedCount: number;
}

export interface DatasetSummary {
  readonly id: number;
  readonly name: string;
  readonly rows: number;
  readonly columns: number;
  /** ISO 8601, UTC. */
  readonly importedAt: string;
}

export interface ImportRecord {
  readonly id: number;
  readonly kind: 'create' | 'append' | 'join';
  readonly sourcePath: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly modifiedAt: string | null;
  readonly format: string;
  readonly parserSettings: Record<string, unknown>;
  readonly rowsRead: number;
  readonly rowsAccepted: number;
  readonly rowsRejected: number;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
}

export interface DatasetDetail extends DatasetSummary {
  readonly columnInfo: readonly ColumnInfo[];
  readonly imports: readonly ImportRecord[];
}

export interface RowPage {
  readonly dataset: string;
  readonly offset: number;
  readonly total: number;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly CellValue[])[];
}

export interface ImportArgs {
  /** Absolute or working-directory-relative path of the file to import. */
  readonly path: string;
  /** Dataset name; defaults to the file name without extension, made unique. */
  readonly name?: string;
}

export interface ImportResult {
  readonly dataset: string;
  readonly rows: number;
  readonly rejected: number;
  readonly columns: readonly ColumnInfo[];
  readonly sha256: string;
  readonly seconds: number;
}

export interface DatasetRef {
  /** Dataset name. */
  readonly dataset: string;
}

export interface PreviewArgs extends DatasetRef {
  readonly offset?: number;
  readonly limit?: number;
}

export interface WorkspaceInfo {
  readonly path: string;
  readonly schemaVersion: number;
  readonly version: string;
}

/** Progress of a long operation, as reported to the caller while it runs. */
export interface Progress {
  readonly phase: string;
  readonly done: number;
  /** Same unit as `done`; null when unknown. */
  readonly total: number | null;
  readonly unit: 'bytes' | 'rows' | 'items';
  readonly rows?: number;
  readonly message?: string;
}
