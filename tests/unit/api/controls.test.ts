import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ctl, guide, readParts, renderParts, type ControlRef } from '../../../core/api/controls';
import { PlumblineError, type ErrorPayload } from '../../../core/api/errors';
import { newClient } from '../../helpers/engine';
import { fixture } from '../import/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const { client, ws, dir } = newClient();
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function failure(args: Parameters<typeof client.importFile>[0]): Promise<PlumblineError> {
  return client.importFile(args).then(
    () => expect.fail('the import should fail'),
    (e: unknown) => e as PlumblineError,
  );
}

const mark = (ref: ControlRef) => `<${ref.control}${ref.value ? `=${ref.value}` : ''}>`;

describe('messages that point to a setting', () => {
  it('read with CLI flags as the message and keep the control as data', () => {
    const e = new PlumblineError('BAD_INPUT', guide`check the delimiter (${'";"'}; choose another ${ctl('delimiter')}); or import it ${ctl('format', 'parquet')}.`);
    expect(e.message).toBe('check the delimiter (";"; choose another with --delimiter); or import it with --format parquet.');
    expect(renderParts(e.parts!, mark)).toBe('check the delimiter (";"; choose another <delimiter>); or import it <format=parquet>.');
  });

  it('cross a transport as JSON and come back whole; malformed parts fall back to the message', () => {
    const e = new PlumblineError('CONFLICT', guide`Choose another name ${ctl('name')}.`, { x: 1 });
    const back = PlumblineError.fromPayload(JSON.parse(JSON.stringify(e.toPayload())) as ErrorPayload);
    expect(back).toMatchObject({ code: 'CONFLICT', message: 'Choose another name with --name.', details: { x: 1 } });
    expect(back.parts).toEqual(e.parts);
    const forged = PlumblineError.fromPayload({ code: 'BAD_INPUT', message: 'as sent', parts: [{ control: 'rm -rf' }] } as unknown as ErrorPayload);
    expect(forged.message).toBe('as sent');
    expect(forged.parts).toBeUndefined();
    expect(readParts(['a', { control: 'type', value: 3 }])).toBeUndefined();
    // A plain message stays plain: no parts in its payload.
    expect(new PlumblineError('NOT_FOUND', 'No such dataset.').toPayload()).toEqual({ code: 'NOT_FOUND', message: 'No such dataset.' });
  });

  it('a ragged file names the delimiter and the skip option as controls, in the error and in each problem', async () => {
    const e = await failure({ path: fixture('ragged.csv') });
    expect(e.message).toMatch(/choose another with --delimiter[\s\S]*import with --on-error skip/);
    const controls = e.parts!.filter((p): p is ControlRef => typeof p !== 'string').map((p) => p.control);
    expect(controls).toEqual(['delimiter', 'delimiter', 'skipBadRows']);
    const problems = (e.details as { problems: { message: string; parts?: unknown }[] }).problems;
    expect(problems[0].message).toMatch(/where the header has 3\. .*choose another with --delimiter\)\.$/);
    expect(renderParts(readParts(problems[0].parts)!, mark)).toMatch(/choose another <delimiter>\)\.$/);
  });

  it('a binary file, a taken name, a role for a missing column and a missing join key each name their control', async () => {
    const binary = await failure({ path: fixture('binary.csv') });
    expect(binary.parts).toContainEqual({ control: 'format', value: 'parquet' });
    await client.importFile({ path: fixture('day1.csv'), name: 'taken' });
    expect((await failure({ path: fixture('day1.csv'), name: 'taken' })).parts).toContainEqual({ control: 'name' });
    expect((await failure({ path: fixture('day1.csv'), name: 'r', roles: { nope: 'label' } })).parts).toContainEqual({ control: 'role' });
    expect((await failure({ path: fixture('labels.csv'), join: { dataset: 'taken', on: 'no_such_key' } })).parts).toContainEqual({ control: 'joinOn' });
  });

  it('no engine message outside the CLI spells a flag itself (they go through controls.ts)', () => {
    // Chromium's own switches and the report's sentence about the `plumbline report --verify` command are not advice to a screen;
    // an analysis's cli.ts is its command line (flags, parsing them), read only by core/cli.
    // core/format/monitor-command.ts builds a `plumbline monitor add` line for the user to copy, not advice in a message.
    const allowed = new Set(['core/report/pdf.ts', 'core/report/html.ts', 'core/api/controls.ts', 'core/format/monitor-command.ts']);
    const isCliOnly = (rel: string) => /^core\/analyses\/[^/]+\/cli\.ts$/.test(rel);
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const f of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
        const rel = `${d}/${f.name}`;
        if (f.isDirectory()) {
          if (rel !== 'core/cli') walk(rel);
        } else if (rel.endsWith('.ts') && !allowed.has(rel) && !isCliOnly(rel)) {
          fs.readFileSync(path.join(ROOT, rel), 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = line.trim();
              if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
              if (/(^|[\s('"`(])--[a-z]/.test(code.replace(/\/\/.*$/, ''))) offenders.push(`${rel}:${i + 1}: ${code}`);
            });
        }
      }
    };
    walk('core');
    expect(offenders).toEqual([]);
  });
});
