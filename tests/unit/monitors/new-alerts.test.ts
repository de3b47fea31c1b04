/** The engine announces new alerts once: a check that finds a monitor newly failing calls `notify`; the next check of the same state does not. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '../../../core/engine/engine';
import type { MonitorEvaluation } from '../../../core/monitors/types';
import { directTransport } from '../../../core/transport/direct';
import { createClient } from '../../../core/transport/transport';
import { Workspace } from '../../../core/workspace/workspace';
import { tmpDir, writeFile } from '../../helpers/tmp';
import { csv } from './fixtures';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('engine notify', () => {
  it('on a check and on an append, only for monitors that got worse', async () => {
    const ws = new Workspace(path.join(dir, 'ws.db'));
    const notify = vi.fn((_alerts: readonly MonitorEvaluation[]) => undefined);
    const client = createClient(directTransport(createEngine(ws, { notify })));
    await client.importFile({ path: writeFile(dir, 'ref.csv', csv(0)), name: 'ref' });
    await client.importFile({ path: writeFile(dir, 'cur.csv', csv(0)), name: 'cur' });
    await client.addMonitor({ monitor: { name: 'rows', analysis: 'drift', datasets: { reference: 'ref', current: 'cur' }, metric: 'current_rows', condition: '> 150', severity: 'warning' } });
    let check = await client.checkMonitors({});
    expect(check.newAlerts).toEqual([]);
    expect(notify).not.toHaveBeenCalled();
    const appended = await client.importFile({ path: writeFile(dir, 'more.csv', csv(0)), append: 'cur' });
    expect(appended.newAlerts?.map((e) => [e.monitor, e.status])).toEqual([['rows', 'warning']]);
    expect(notify).toHaveBeenCalledTimes(1);
    check = await client.checkMonitors({});
    expect(check.evaluations[0].status).toBe('warning');
    expect(check.newAlerts).toEqual([]);
    expect(notify).toHaveBeenCalledTimes(1);
    ws.close();
  });
});
