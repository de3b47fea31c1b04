import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeType, resolveAssetPath } from '../../../electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security';

let root: string;
let outside: string;
beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-protocol-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Plumbline</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(outside, 'secret');
  fs.symlinkSync(outside, path.join(root, 'assets', 'link.txt'));
});

describe('app:// protocol', () => {
  it('maps app://plumbline/ URLs into the renderer directory, / to index.html', () => {
    expect(resolveAssetPath(root, 'app://plumbline/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'app://plumbline/assets/index-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'index-abc.js'));
  });

  it('refuses other hosts, schemes and every traversal', () => {
    for (const url of [
      'app://other/index.html',
      'file:///etc/passwd',
      'app://plumbline/..%2f..%2fetc/passwd',
      'app://plumbline/..%5csecret.txt',
      'app://plumbline/%00index.html',
      'app://plumbline/C:%2fWindows/win.ini',
      'app://plumbline/%E0%A4%A',
    ]) {
      expect(resolveAssetPath(root, url), url).toBeNull();
    }
  });

  it('keeps dot segments that the URL parser resolves inside the root', () => {
    // The WHATWG parser turns %2e%2e into .. and resolves it at the origin's root, never above it.
    expect(resolveAssetPath(root, 'app://plumbline/assets/%2e%2e/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
  });

  it('knows the MIME types the renderer needs', () => {
    expect(mimeType('a.html')).toMatch(/^text\/html/);
    expect(mimeType('a.js')).toMatch(/^text\/javascript/);
    expect(mimeType('a.css')).toMatch(/^text\/css/);
    expect(mimeType('a.svg')).toBe('image/svg+xml');
    expect(mimeType('a.woff2')).toBe('font/woff2');
    expect(mimeType('a.unknown')).toBe('application/octet-stream');
  });

  it('serves files with their MIME type, the CSP header and nosniff', async () => {
    const handler = createAppProtocolHandler(root);
    const res = await handler(new Request('app://plumbline/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Plumbline</title>');
    const js = await handler(new Request('app://plumbline/assets/index-abc.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for missing files, directories, traversal and symlinks out of the root; 405 for writes', async () => {
    const handler = createAppProtocolHandler(root);
    expect((await handler(new Request('app://plumbline/nope.js'))).status).toBe(404);
    expect((await handler(new Request('app://plumbline/assets'))).status).toBe(404);
    expect((await handler(new Request('app://plumbline/..%2fsecret.txt'))).status).toBe(404);
    expect((await handler(new Request('app://plumbline/assets/link.txt'))).status).toBe(404);
    expect((await handler(new Request('app://plumbline/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
