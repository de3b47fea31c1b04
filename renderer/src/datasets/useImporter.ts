/**
 * Runs imports one file after another, with progress, speed and cancellation. Lives at the app
 * level so an import keeps running (and stays cancellable) while the user looks at another screen.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { readParts, renderParts } from '../../../core/api/controls';
import { PlumblineError } from '../../../core/api/errors';
import type { DatasetSummary, ImportArgs, ImportProblem, ImportResult, InspectResult, Progress } from '../../../core/api/types';
import type { PlumblineClient } from '../../../core/transport/transport';
import { loadDemo } from '../demo';
import { errorMessage, onScreen } from '../errors';
import { RateMeter, datasetNameFor, uniqueName } from '../format';
import { baseName, type FileSource } from '../platform/platform';
import { datasetsChangedBy, type CancelledImport } from './cancelOutcome';

export interface ImportJob {
  /** What is being imported, as the user would name it. */
  readonly label: string;
  /** 1-based position in a batch of `count` files. */
  readonly index: number;
  readonly count: number;
  /** 'upload' | 'import' | 'starting', or the engine's own phase names. */
  readonly phase: string;
  readonly done: number;
  readonly total: number | null;
  readonly unit: Progress['unit'];
  readonly rows: number | null;
  /** Units of `unit` per second. */
  readonly rate: number | null;
  readonly rowRate: number | null;
  readonly cancelling: boolean;
}

export type ImportOutcome =
  | { readonly kind: 'imported'; readonly results: readonly ImportResult[] }
  | { readonly kind: 'demo'; readonly datasets: readonly string[] }
  | ({ readonly kind: 'cancelled' } & CancelledImport)
  | {
      readonly kind: 'failed';
      readonly label: string;
      readonly message: string;
      readonly code: string;
      readonly imported: number;
      /** Problems the engine listed (bad rows), when it did. */
      readonly problems: readonly ImportProblem[];
      /** Set when importing again without the bad rows can succeed. */
      readonly canSkipBadRows: boolean;
      /** Every row was refused by this column's chosen type: importing it as text is the way out. */
      readonly refusedByType?: { readonly column: string; readonly type: string };
    };

export interface Importer {
  readonly job: ImportJob | null;
  readonly outcome: ImportOutcome | null;
  importFiles(files: readonly FileSource[]): Promise<void>;
  importDemo(): Promise<void>;
  /** After a failure over bad rows: imports the same file again, leaving those rows out (counted and sampled). */
  retrySkippingBadRows(): Promise<void>;
  /** After every row was refused by one column's chosen type: imports again with that column as text. */
  retryAsText(column: string): Promise<void>;
  /**
   * For the import dialog: makes the file readable by the engine (an upload in browser mode, with
   * progress) and reads its start. Resolves null when that failed or was cancelled (the outcome says which).
   */
  inspect(file: FileSource, delimiter?: string): Promise<PreparedFile | null>;
  /** Re-reads the start of an already prepared file, e.g. with another delimiter. */
  reinspect(prepared: PreparedFile, delimiter?: string): Promise<PreparedFile>;
  /** Imports a prepared file with the options chosen in the dialog. */
  importPrepared(prepared: PreparedFile, args: Omit<ImportArgs, 'path'>): Promise<void>;
  cancel(): void;
  dismiss(): void;
}

export interface PreparedFile {
  /** The file's name as the user knows it. */
  readonly label: string;
  /** Where the engine reads it. */
  readonly path: string;
  /** The dataset name the engine would choose, made unique. */
  readonly suggestedName: string;
  /** Browser mode: the name of the file the user uploaded (`path` is the server's copy). */
  readonly uploadedAs?: string;
  readonly inspection: InspectResult;
}

export interface ImporterOptions {
  /** Dataset names already taken, so an uploaded copy gets the name the user expects. */
  readonly takenNames: () => Iterable<string>;
  /** Called after each dataset lands, to refresh lists. */
  readonly onChanged: () => void;
  readonly now?: () => number;
}

export function useImporter(client: PlumblineClient, options: ImporterOptions): Importer {
  const [job, setJob] = useState<ImportJob | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  /** The import that is running, or that failed last: what a retry repeats. */
  const lastImport = useRef<{ label: string; args: ImportArgs } | null>(null);
  const optsRef = useRef(options);
  useLayoutEffect(() => {
    optsRef.current = options;
  });

  const run = useCallback(
    async (
      steps: { label: string; size: number | null; work: (track: ProgressSink) => Promise<void> }[],
      finish: () => ImportOutcome | null,
      changes = true,
    ) => {
      if (abortRef.current) return; // one import at a time; the button is disabled meanwhile
      lastImport.current = null;
      const ac = new AbortController();
      abortRef.current = ac;
      setOutcome(null);
      const now = optsRef.current.now ?? (() => performance.now());
      let completed = 0;
      /** The dataset list before the running step, to tell after a cancel what the step saved anyway. */
      let listBefore: DatasetSummary[] | null = null;
      const list = () => client.listDatasets({}).catch(() => null);
      try {
        for (let i = 0; i < steps.length; i++) {
          if (changes) listBefore = await list();
          const step = steps[i];
          const bytes = new RateMeter();
          const rows = new RateMeter();
          let phase = '';
          const base: ImportJob = {
            label: step.label,
            index: i + 1,
            count: steps.length,
            phase: 'starting',
            done: 0,
            total: step.size,
            unit: 'bytes',
            rows: null,
            rate: null,
            rowRate: null,
            cancelling: false,
          };
          setJob(base);
          const sink: ProgressSink = (p) => {
            if (p.phase !== phase) {
              phase = p.phase;
              bytes.reset();
              rows.reset();
            }
            const t = now();
            bytes.add(p.done, t);
            if (p.rows !== undefined) rows.add(p.rows, t);
            setJob((j) => ({
              ...(j ?? base),
              phase: p.phase,
              done: p.done,
              total: p.total,
              unit: p.unit,
              rows: p.rows ?? null,
              rate: bytes.rate(),
              rowRate: p.rows !== undefined ? rows.rate() : null,
            }));
          };
          await step.work(sink);
          completed++;
          if (changes) optsRef.current.onChanged();
        }
        setOutcome(finish());
      } catch (e) {
        const err = e instanceof PlumblineError ? e : new PlumblineError('INTERNAL', e instanceof Error ? e.message : String(e));
        if (err.code === 'CANCELLED' || ac.signal.aborted) {
          const listAfter = changes ? await list() : [];
          const landed = !changes ? [] : listBefore && listAfter ? datasetsChangedBy(listBefore, listAfter) : null;
          setOutcome({ kind: 'cancelled', imported: completed, landed });
          if (landed?.length && completed === 0) optsRef.current.onChanged();
        }
        else {
          const problems = problemsIn(err.details);
          const refusedByType = refusedByTypeIn(err.details);
          setOutcome({
            kind: 'failed',
            label: steps[completed]?.label ?? '',
            message: errorMessage(err),
            code: err.code,
            imported: completed,
            problems,
            // When every row is bad, leaving bad rows out would leave nothing: no such offer.
            canSkipBadRows: err.code === 'BAD_INPUT' && problems.length > 0 && lastImport.current !== null && !allRowsBadIn(err.details),
            ...(refusedByType && lastImport.current !== null ? { refusedByType } : {}),
          });
        }
        if (completed > 0 && changes) optsRef.current.onChanged();
      } finally {
        abortRef.current = null;
        setJob(null);
      }
    },
    [client],
  );

  const importFiles = useCallback(
    async (files: readonly FileSource[]) => {
      if (files.length === 0) return;
      const results: ImportResult[] = [];
      const taken = new Set(optsRef.current.takenNames());
      await run(
        files.map((f) => ({
          label: f.name,
          size: f.size,
          work: async (sink) => {
            const signal = abortRef.current!.signal;
            const { path, fileName } = await f.prepare({ signal, onProgress: sink });
            // An upload's provenance names the user's file, not the server's copy.
            const args: ImportArgs = fileName ? { path, name: uniqueName(datasetNameFor(fileName), taken), uploadedAs: fileName } : { path };
            lastImport.current = { label: f.name, args };
            const result = await client.importFile(args, { signal, onProgress: sink });
            taken.add(result.dataset);
            results.push(result);
          },
        })),
        () => ({ kind: 'imported', results }),
      );
    },
    [client, run],
  );

  const importDemo = useCallback(async () => {
    let datasets: string[] = [];
    await run(
      [
        {
          label: 'Demo data',
          size: null,
          work: async (sink) => {
            datasets = (await loadDemo(client, { signal: abortRef.current!.signal, onProgress: sink })).datasets;
          },
        },
      ],
      () => ({ kind: 'demo', datasets }),
    );
  }, [client, run]);

  const retrySkippingBadRows = useCallback(async () => {
    const last = lastImport.current;
    if (!last) return;
    const results: ImportResult[] = [];
    await run(
      [
        {
          label: last.label,
          size: null,
          work: async (sink) => {
            const signal = abortRef.current!.signal;
            results.push(await client.importFile({ ...last.args, onError: 'skip' }, { signal, onProgress: sink }));
          },
        },
      ],
      () => ({ kind: 'imported', results }),
    );
  }, [client, run]);

  const retryAsText = useCallback(
    async (column: string) => {
      const last = lastImport.current;
      if (!last) return;
      const { [column]: _dropped, ...formats } = last.args.timestampFormats ?? {};
      const args: ImportArgs = {
        ...last.args,
        types: { ...(last.args.types ?? {}), [column]: 'text' },
        ...(last.args.timestampFormats ? { timestampFormats: formats } : {}),
      };
      const results: ImportResult[] = [];
      await run(
        [
          {
            label: last.label,
            size: null,
            work: async (sink) => {
              lastImport.current = { label: last.label, args };
              results.push(await client.importFile(args, { signal: abortRef.current!.signal, onProgress: sink }));
            },
          },
        ],
        () => ({ kind: 'imported', results }),
      );
    },
    [client, run],
  );

  const inspect = useCallback(
    async (file: FileSource, delimiter?: string) => {
      let prepared: PreparedFile | null = null;
      await run(
        [
          {
            label: file.name,
            size: file.size,
            work: async (sink) => {
              const signal = abortRef.current!.signal;
              const { path, fileName } = await file.prepare({ signal, onProgress: sink });
              const inspection = await client.inspectFile(delimiter ? { path, delimiter } : { path }, { signal, onProgress: sink });
              const taken = new Set(optsRef.current.takenNames());
              prepared = {
                label: file.name,
                path,
                suggestedName: uniqueName(datasetNameFor(fileName ?? baseName(path)), taken),
                inspection,
                ...(fileName ? { uploadedAs: fileName } : {}),
              };
            },
          },
        ],
        () => null,
        false,
      );
      return prepared;
    },
    [client, run],
  );

  const reinspect = useCallback(
    async (prepared: PreparedFile, delimiter?: string) => {
      const inspection = await client.inspectFile(delimiter ? { path: prepared.path, delimiter } : { path: prepared.path });
      return { ...prepared, inspection };
    },
    [client],
  );

  const importPrepared = useCallback(
    async (prepared: PreparedFile, chosen: Omit<ImportArgs, 'path'>) => {
      const results: ImportResult[] = [];
      const args: ImportArgs = { ...chosen, path: prepared.path, ...(prepared.uploadedAs ? { uploadedAs: prepared.uploadedAs } : {}) };
      await run(
        [
          {
            label: prepared.label,
            size: null,
            work: async (sink) => {
              lastImport.current = { label: prepared.label, args };
              results.push(await client.importFile(args, { signal: abortRef.current!.signal, onProgress: sink }));
            },
          },
        ],
        () => ({ kind: 'imported', results }),
      );
    },
    [client, run],
  );

  const cancel = useCallback(() => {
    const ac = abortRef.current;
    if (!ac || ac.signal.aborted) return;
    ac.abort();
    setJob((j) => (j ? { ...j, cancelling: true } : j));
  }, []);

  const dismiss = useCallback(() => setOutcome(null), []);

  return { job, outcome, importFiles, importDemo, retrySkippingBadRows, retryAsText, inspect, reinspect, importPrepared, cancel, dismiss };
}

type ProgressSink = (p: Progress) => void;

/** Import errors may carry `details.problems`: a list of { line, column?, message }. Anything else is ignored. */
export function problemsIn(details: unknown): ImportProblem[] {
  const list = (details as { problems?: unknown } | null | undefined)?.problems;
  if (!Array.isArray(list)) return [];
  return list
    .filter((p): p is ImportProblem => typeof p === 'object' && p !== null && typeof (p as ImportProblem).message === 'string')
    .map((p) => {
      // A problem that points to a setting names it as the import dialog shows it, not by its CLI flag.
      const parts = readParts(p.parts);
      return { line: Number(p.line), column: typeof p.column === 'string' ? p.column : undefined, message: parts ? renderParts(parts, onScreen) : p.message };
    });
}

/** Import errors say when every row was bad (`details.allRowsBad`): skipping bad rows cannot help then. */
export function allRowsBadIn(details: unknown): boolean {
  return (details as { allRowsBad?: unknown } | null | undefined)?.allRowsBad === true;
}

/** The column whose chosen type refused every row (`details.column`, `details.type`), if that is what happened. */
export function refusedByTypeIn(details: unknown): { column: string; type: string } | undefined {
  const d = details as { allRowsBad?: unknown; column?: unknown; type?: unknown } | null | undefined;
  return d?.allRowsBad === true && typeof d.column === 'string' && typeof d.type === 'string' ? { column: d.column, type: d.type } : undefined;
}
