import type { Readable } from 'node:stream';
import { PlumblineError, cancelled } from '../../api/errors';
import type { ReadContext, ReadOutcome, RowSink } from './sink';

/**
 * JSON Lines: one object per line. Nested objects become dotted columns (`features.amount`),
 * arrays are kept as JSON text, keys first seen later in the file become new columns.
 */
export async function readJsonl(text: Readable, sink: RowSink, rc: ReadContext): Promise<ReadOutcome> {
  const { ctx, problems, displayName } = rc;
  const root = keyNode('');
  const names = new Map<string, number>();
  let rowsRead = 0;
  let lineNo = 0;
  let rest = '';
  let started = false;
  const handle = (raw: string) => {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (BLANK.test(line)) return;
    rowsRead++;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      problems.reject(lineNo, `not valid JSON (${(e as Error).message}).`, line);
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.reject(lineNo, 'each line must be a JSON object ({"column": value, …}).', line);
      return;
    }
    const added: string[] = [];
    const cells: (string | null | undefined)[] = [];
    flattenInto(value as Record<string, unknown>, root, cells, names, added);
    if (!started || added.length) {
      started = true;
      sink.columns(added);
    }
    sink.row(cells, lineNo);
  };
  for await (const piece of text as AsyncIterable<string>) {
    if (ctx.signal.aborted) throw cancelled();
    const s = rest + piece;
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      handle(s.slice(from, nl));
      from = nl + 1;
    }
    rest = s.slice(from);
    rc.progress(rowsRead);
  }
  if (rest.length) handle(rest);
  if (!started) {
    if (rowsRead > 0) return { rowsRead, settings: {} };
    throw new PlumblineError('BAD_INPUT', `${displayName}: the file has no JSON objects. JSON Lines needs one object per line, e.g. {"id": 1, "score": 0.4}.`);
  }
  return { rowsRead, settings: { flatten: '.', arrays: 'json' } };
}

const BLANK = /^\s*$/;

/**
 * Column lookup by key path, one level per object: keys coming out of JSON.parse are interned
 * strings with cached hashes, so no "a.b" name is built except when a column is first seen.
 */
interface KeyNode {
  readonly prefix: string;
  readonly columns: Map<string, number>;
  readonly children: Map<string, KeyNode>;
}

function keyNode(prefix: string): KeyNode {
  return { prefix, columns: new Map(), children: new Map() };
}

/** Flattens one object straight into its row, registering columns first seen here. */
function flattenInto(obj: Record<string, unknown>, node: KeyNode, cells: (string | null | undefined)[], names: Map<string, number>, added: string[]): void {
  for (const key in obj) {
    const v = obj[key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      let child = node.children.get(key);
      if (!child) {
        child = keyNode(`${node.prefix}${key}.`);
        node.children.set(key, child);
      }
      flattenInto(v as Record<string, unknown>, child, cells, names, added);
      continue;
    }
    let i = node.columns.get(key);
    if (i === undefined) {
      // {"a.b": 1} and {"a": {"b": 2}} name the same column.
      const name = node.prefix + key;
      i = names.get(name);
      if (i === undefined) {
        i = names.size;
        names.set(name, i);
        added.push(name);
      }
      node.columns.set(key, i);
    }
    cells[i] = v === null || v === undefined ? null : typeof v === 'string' ? v : Array.isArray(v) ? JSON.stringify(v) : String(v);
  }
}

export function flatten(obj: Record<string, unknown>, prefix: string, out: [string, string | null][]): void {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const name = prefix + key;
    if (v === null || v === undefined) out.push([name, null]);
    else if (typeof v === 'string') out.push([name, v]);
    else if (typeof v === 'number' || typeof v === 'boolean') out.push([name, String(v)]);
    else if (Array.isArray(v)) out.push([name, JSON.stringify(v)]);
    else if (typeof v === 'object') flatten(v as Record<string, unknown>, `${name}.`, out);
  }
}
