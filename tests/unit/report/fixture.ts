import { analyzeDrift } from '../../../core/analyses/drift/drift';
import type { DriftOptions } from '../../../core/analyses/drift/types';
import type { DatasetDetail, DriftRun } from '../../../core/api/types';
import type { ReportInput } from '../../../core/report/types';
import { cat, normals, num } from '../drift/helpers';

export const XSS = '<img src=x onerror=alert(1)>';

function dataset(name: string, rows: number): DatasetDetail {
  return {
    id: 1,
    name,
    rows,
    columns: 3,
    importedAt: '2026-11-01T10:00:00.000Z',
    columnInfo: [
      { index: 0, name: 'age', type: 'real', role: 'feature', nullCount: 0, widenedCount: 0 },
      { index: 1, name: 'device', type: 'categorical', role: 'feature', nullCount: 0, widenedCount: 0 },
      { index: 2, name: `col ${XSS}`, type: 'real', role: 'feature', nullCount: 0, widenedCount: 0 },
    ],
    imports: [
      {
        id: 1,
        kind: 'create',
        sourcePath: `/data/${name}<script>.csv`,
        sizeBytes: 123456,
        sha256: 'a'.repeat(64),
        modifiedAt: '2026-10-31T09:00:00.000Z',
        format: 'csv',
        parserSettings: { delimiter: ',' },
        rowsRead: rows,
        rowsAccepted: rows,
        rowsRejected: 0,
        startedAt: '2026-11-01T10:00:00.000Z',
        finishedAt: '2026-11-01T10:00:01.000Z',
        seconds: 1,
      },
    ],
  };
}

/** A drift run over synthetic data whose names and categories are hostile markup. */
export function driftRun(options: DriftOptions = {}): DriftRun {
  const n = 600;
  const devicesRef = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'mobile' : 'desktop'));
  const devicesCur = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? XSS : i % 2 === 0 ? 'mobile' : 'desktop'));
  const reference = [num('age', normals(n, 1)), cat('device', devicesRef), num(`col ${XSS}`, normals(n, 3))];
  const current = [num('age', normals(n, 2, 0.8)), cat('device', devicesCur), num(`col ${XSS}`, normals(n, 4))];
  const result = analyzeDrift({ reference, current }, options);
  return {
    result: JSON.parse(JSON.stringify(result)),
    provenance: { reference: dataset('ref', n), current: dataset('cur', n) },
    settings: { reference: 'ref', current: 'cur', where: null, options },
  };
}

/** The input a report over one drift run gets (`drift` kept alongside `runs` for the tests to read). */
export function reportInput(over: Partial<ReportInput> = {}, options: DriftOptions = {}): ReportInput & { drift: DriftRun } {
  const drift = driftRun(options);
  return {
    meta: {
      reportId: 'PLB-20261123-ABCDEF01',
      title: `Report ${XSS}`,
      author: 'Ada <Lovelace>',
      organisation: 'Acme & Co',
      createdAt: '2026-11-23T09:00:00.000Z',
      timeZone: 'Europe/Paris',
      workspace: '/tmp/ws.db',
      plumblineVersion: '0.1.0',
      software: { Plumbline: '0.1.0', 'Node.js': '20' },
    },
    runs: { drift },
    drift,
    where: null,
    charts: 'drifted',
    sections: drift.result.over_time ? ['drift', 'over-time', 'quality'] : ['drift', 'quality'],
    ...over,
  };
}
