/**
 * The built renderer as app:// serves it: index.html and everything it references load, with the
 * right MIME types, and nothing in it needs more than the CSP allows (no inline or remote scripts).
 * Runs after `npm run build`; skipped when dist/renderer has not been built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/protocol';

const rendererRoot = path.resolve(__dirname, '../../../dist/renderer');
const built = fs.existsSync(path.join(rendererRoot, 'index.html'));

describe.skipIf(!built)('the built renderer over app://', () => {
  const handler = createAppProtocolHandler(rendererRoot);
  const html = built ? fs.readFileSync(path.join(rendererRoot, 'index.html'), 'utf8') : '';

  it('has no inline scripts, remote URLs or inline event handlers (script-src self)', () => {
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1], 'every script has a src').toMatch(/\bsrc=/);
      expect(m[2]!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('serves index.html and every file it references with its MIME type and the CSP', async () => {
    const index = await handler(new Request('app://plumbline/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    const refs = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const res = await handler(new Request(new URL(ref, 'app://plumbline/index.html').href));
      expect(res.status, ref).toBe(200);
      const type = res.headers.get('content-type');
      if (ref.endsWith('.js')) expect(type, ref).toMatch(/^text\/javascript/);
      if (ref.endsWith('.css')) expect(type, ref).toMatch(/^text\/css/);
    }
  });
});
