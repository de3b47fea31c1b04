/**
 * better-sqlite3 is a native module: the copy in node_modules is built for Node's ABI so the CLI,
 * browser mode and tests work. Electron has its own ABI (process.versions.modules differs), so in
 * development the app loads a second build made for Electron by `npm start` (scripts/start.mjs)
 * into build/electron-native/, next to a stamp recording the ABI it was built for. Packaged apps
 * need nothing: electron-builder rebuilds node_modules for Electron (npmRebuild: true).
 */
import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_DIR = path.join('build', 'electron-native');
export const NATIVE_FILE = 'better_sqlite3.node';
export const STAMP_FILE = 'stamp.json';

/** Written by scripts/start.mjs beside the binary. */
export interface NativeStamp {
  /** NODE_MODULE_VERSION the binary was built for. */
  readonly modules: string;
  readonly electron: string;
  readonly betterSqlite3: string;
}

export interface NativeBindingOptions {
  /** The project root (where package.json and build/ live). */
  readonly appRoot: string;
  readonly isPackaged: boolean;
  /** process.versions.modules of the running Electron. */
  readonly modules: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly exists?: (p: string) => boolean;
  readonly readText?: (p: string) => string;
}

export type NativeBindingChoice =
  | { readonly kind: 'override'; readonly path: string }
  | { readonly kind: 'electron-build'; readonly path: string }
  | { readonly kind: 'default'; readonly reason: string };

/**
 * Which better_sqlite3.node the engine worker should load. `PLUMBLINE_NATIVE_BINDING` wins; a
 * packaged app uses the default (already rebuilt); in development the Electron build is used when
 * its stamp matches the running ABI, otherwise the default is tried and the reason reported.
 */
export function chooseNativeBinding(opts: NativeBindingOptions): NativeBindingChoice {
  const env = opts.env ?? process.env;
  const exists = opts.exists ?? ((p: string) => fs.existsSync(p));
  const readText = opts.readText ?? ((p: string) => fs.readFileSync(p, 'utf8'));
  if (env.PLUMBLINE_NATIVE_BINDING) return { kind: 'override', path: path.resolve(env.PLUMBLINE_NATIVE_BINDING) };
  if (opts.isPackaged) return { kind: 'default', reason: 'packaged app: node_modules was rebuilt for Electron' };
  const dir = path.join(opts.appRoot, NATIVE_DIR);
  const binary = path.join(dir, NATIVE_FILE);
  if (!exists(binary)) return { kind: 'default', reason: `no Electron build at ${binary} (run npm start to make one)` };
  let stamp: Partial<NativeStamp>;
  try {
    stamp = JSON.parse(readText(path.join(dir, STAMP_FILE))) as Partial<NativeStamp>;
  } catch {
    return { kind: 'default', reason: `${binary} has no readable ${STAMP_FILE}` };
  }
  if (String(stamp.modules) !== String(opts.modules)) {
    return { kind: 'default', reason: `${binary} was built for ABI ${stamp.modules}, Electron needs ${opts.modules}` };
  }
  return { kind: 'electron-build', path: binary };
}

/** The path to pass as `nativeBinding`, or undefined for better-sqlite3's own lookup. */
export function resolveNativeBinding(opts: NativeBindingOptions): string | undefined {
  const choice = chooseNativeBinding(opts);
  return choice.kind === 'default' ? undefined : choice.path;
}
