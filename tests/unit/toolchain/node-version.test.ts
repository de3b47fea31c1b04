import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(ROOT, f), 'utf8')) as Record<string, unknown>;
const engines = (pkg: Record<string, unknown>) => (pkg.engines as { node?: string } | undefined)?.node;

/** "x.y.z" against a range made of `^a.b.c` / `>=a.b.c` alternatives joined by `||` (all engines here use only these). */
function satisfies(version: string, range: string): boolean {
  const v = version.split('.').map(Number);
  const cmp = (a: number[], b: number[]) => (a[0] - b[0]) * 1e6 + ((a[1] ?? 0) - (b[1] ?? 0)) * 1e3 + ((a[2] ?? 0) - (b[2] ?? 0));
  return range.split('||').some((alt) => {
    const m = /^\s*(\^|>=)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(alt);
    if (!m) throw new Error(`unhandled range ${alt}`);
    const floor = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    return cmp(v, floor) >= 0 && (m[1] === '>=' || v[0] === floor[0]);
  });
}

describe('the Node version the toolchain needs, stated once', () => {
  const range = engines(json('package.json'))!;

  it('package.json and the lockfile root say the same', () => {
    expect((json('package-lock.json').packages as Record<string, Record<string, unknown>>)['']!.engines).toEqual({ node: range });
  });

  it('admits the CI Node (20.20) and excludes the 22.x releases that Vite and ESLint refuse', () => {
    expect(satisfies('20.20.0', range)).toBe(true);
    expect(satisfies('20.18.0', range)).toBe(false);
    expect(satisfies('22.11.0', range)).toBe(false);
    for (const dep of ['vite', 'rolldown', '@vitejs/plugin-react', 'eslint']) {
      const theirs = engines(json(`node_modules/${dep}/package.json`))!;
      for (const probe of ['20.19.0', '20.20.0', '22.13.0', '24.0.0']) {
        if (satisfies(probe, range)) expect(satisfies(probe, theirs.replace(/\^(\d+)(?=\s|$)/g, '^$1.0.0')), `${dep} on ${probe}`).toBe(true);
      }
    }
  });

  it('.nvmrc names a Node that runs everything, packaging (@electron/rebuild) included', () => {
    const nvm = fs.readFileSync(path.join(ROOT, '.nvmrc'), 'utf8').trim();
    // `22` means the newest 22.x, which is past 22.13: check the oldest one this project admits.
    const oldest = nvm.split('.').length === 1 ? `${nvm}.13.0` : nvm;
    expect(satisfies(oldest, range)).toBe(true);
    expect(satisfies(oldest, engines(json('node_modules/@electron/rebuild/package.json'))!)).toBe(true);
  });

  it('the Vite config is an ES module file (no config-loader warning) and turns off the timing dump', () => {
    expect(fs.existsSync(path.join(ROOT, 'vite.config.ts'))).toBe(false);
    expect(fs.readFileSync(path.join(ROOT, 'vite.config.mts'), 'utf8')).toMatch(/checks:\s*\{\s*bundlerTimings:\s*false\s*\}/);
  });
});
