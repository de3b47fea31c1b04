import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..', '..');
const require = createRequire(path.join(root, 'package.json'));

/** electron-builder's own schema and YAML reader come with it (transitively); skip if they moved. */
interface Validator {
  (data: unknown): boolean;
  errors?: unknown;
}
interface BuilderConfig {
  productName: string;
  files: string[];
  npmRebuild: boolean;
  asarUnpack: string[];
  extraMetadata: { main: string };
  linux: { target: string[] };
  mac: { target: string };
  win: { target: string };
  electronFuses: Record<string, boolean>;
}
type Deps = {
  yaml: { load(text: string): unknown };
  Ajv: new (opts: object) => { compile(schema: object): Validator };
  schema: object;
};

function load(): Deps | null {
  try {
    return { yaml: require('js-yaml'), Ajv: require('ajv'), schema: require('app-builder-lib/scheme.json') };
  } catch {
    return null;
  }
}
const deps = load();

describe('electron-builder.yml', () => {
  const config = () => deps!.yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

  it.skipIf(!deps)("validates against electron-builder's schema", () => {
    const validate = new deps!.Ajv({ allErrors: true, strict: false }).compile(deps!.schema);
    expect(validate(config()), JSON.stringify(validate.errors)).toBe(true);
  });

  it.skipIf(!deps)('ships the bundles, rebuilds better-sqlite3 for Electron and keeps it out of the asar', () => {
    const c = config();
    expect(c.productName).toBe('Plumbline');
    expect(c.files).toEqual(expect.arrayContaining(['dist/**', 'package.json', 'assets/**']));
    expect(c.npmRebuild).toBe(true);
    expect(c.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(c.extraMetadata.main).toBe('dist/electron/main.js');
    expect(c.linux.target).toEqual(['AppImage', 'deb']);
    expect(c.mac.target).toBe('dmg');
    expect(c.win.target).toBe('nsis');
    expect(c.electronFuses).toMatchObject({ runAsNode: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true });
  });
});
