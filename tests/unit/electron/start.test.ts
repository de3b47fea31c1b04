import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_ELECTRON_MESSAGE, electronTarget, findElectronBinary } from '../../../scripts/start.mjs';

const realIndex = path.join(__dirname, '..', '..', '..', 'node_modules', 'electron', 'index.js');

function fakeProject(opts: { pathTxt?: string; binary?: boolean }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-start-'));
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"x"}');
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"41.7.1","main":"index.js"}');
  fs.writeFileSync(path.join(pkg, 'abi_version'), '145\n');
  fs.copyFileSync(realIndex, path.join(pkg, 'index.js'));
  if (opts.pathTxt) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary) fs.writeFileSync(path.join(pkg, 'dist', 'electron'), '');
  return root;
}

describe('npm start (scripts/start.mjs)', () => {
  it('finds no Electron binary when path.txt is missing or names a missing file', () => {
    expect(findElectronBinary(fakeProject({}))).toBeNull();
    expect(findElectronBinary(fakeProject({ pathTxt: 'electron' }))).toBeNull();
  });

  it('finds the binary when it is installed', () => {
    const root = fakeProject({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(root)).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it("reads Electron's version and ABI without its binary", () => {
    expect(electronTarget(fakeProject({}))).toEqual({ version: '41.7.1', modules: '145' });
  });

  it('explains a missing binary in one line and points to browser mode', () => {
    expect(NO_ELECTRON_MESSAGE).not.toContain('\n');
    expect(NO_ELECTRON_MESSAGE).toContain('npm run serve');
  });
});
