import { describe, expect, it } from 'vitest';
import { API_METHODS, METHOD_NAMES, isMethodName } from '../../../core/api/api';
import { ARG_SCHEMAS } from '../../../core/api/schemas';
import { PlumblineError, toErrorPayload } from '../../../core/api/errors';
import { createClient, type Transport } from '../../../core/transport/transport';

describe('the one API', () => {
  it('has a schema for every method and no schema without a method', () => {
    expect(Object.keys(ARG_SCHEMAS).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('generates one client method per API method, each forwarding name and argument', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = { call: async (m, a) => (calls.push([m, a]), `${m}!`) };
    const client = createClient(transport) as unknown as Record<string, (a: unknown) => Promise<unknown>>;
    for (const m of METHOD_NAMES) expect(await client[m]({ x: 1 })).toBe(`${m}!`);
    expect(calls.map(([m]) => m)).toEqual(METHOD_NAMES);
    expect(Object.keys(client).sort()).toEqual(Object.keys(API_METHODS).sort());
  });

  it('recognises only listed method names (no prototype keys)', () => {
    expect(isMethodName('listDatasets')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  it('turns unknown errors into INTERNAL payloads without stacks and keeps typed ones', () => {
    expect(toErrorPayload(new PlumblineError('NOT_FOUND', 'gone'))).toEqual({ code: 'NOT_FOUND', message: 'gone' });
    const p = toErrorPayload(new Error('boom'));
    expect(p).toEqual({ code: 'INTERNAL', message: 'boom' });
    expect(JSON.stringify(p)).not.toContain('at ');
  });
});
