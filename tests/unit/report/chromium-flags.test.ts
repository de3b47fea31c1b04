/**
 * The printer's `--disable-features` replaces playwright-core's own (Chromium honours the last one),
 * so it must repeat every feature playwright-core disables: read from the installed playwright-core.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, PLAYWRIGHT_DISABLED_FEATURES } from '../../../core/report/pdf';

describe('Chromium flags', () => {
  it("repeat playwright-core's disabled features and add ScriptStreaming, in one --disable-features", () => {
    const bundle = fs.readFileSync(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
    const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
    expect(list).not.toBeNull();
    const theirs = [...list![1]!.matchAll(/^\s*"([A-Za-z0-9]+)",?\s*$/gm)].map((m) => m[1]);
    expect(theirs.length).toBeGreaterThan(5);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...theirs].sort());
    const flags = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(flags).toHaveLength(1);
    expect(flags[0]!.slice('--disable-features='.length).split(',').sort()).toEqual([...theirs, 'ScriptStreaming'].sort());
  });
});
