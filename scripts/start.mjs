// `npm start`: build, check that the Electron binary exists, make sure better-sqlite3 has a build
// for Electron's ABI (beside, never instead of, the Node build that the CLI and tests use), then run
// Electron on the project. Without the binary it prints one line and exits 1 — nothing is downloaded.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export const NO_ELECTRON_MESSAGE =
  'Plumbline: the Electron binary is not installed and cannot be downloaded here — run "npm run serve" to use Plumbline in your browser.';

/** The Electron executable installed in node_modules, or null when it is not there. */
export function findElectronBinary(projectRoot = root) {
  const pkgDir = path.join(projectRoot, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkgDir, 'path.txt'))) return null;
  let binary;
  try {
    binary = createRequire(path.join(projectRoot, 'package.json'))('electron');
  } catch {
    return null;
  }
  return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
}

/** Electron's version and NODE_MODULE_VERSION, from its npm package (no binary needed). */
export function electronTarget(projectRoot = root) {
  const pkgDir = path.join(projectRoot, 'node_modules', 'electron');
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  const abiFile = path.join(pkgDir, 'abi_version');
  const modules = fs.existsSync(abiFile) ? fs.readFileSync(abiFile, 'utf8').trim() : null;
  return { version, modules };
}

const NATIVE_DIR = path.join(root, 'build', 'electron-native');
const NATIVE_BINARY = path.join(NATIVE_DIR, 'better_sqlite3.node');
const STAMP = path.join(NATIVE_DIR, 'stamp.json');

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
}

/** The environment for native builds: npm's nodedir (Node's own headers) must not leak into an Electron build. */
function buildEnv() {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(k)) delete env[k];
  return env;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: buildEnv(), timeout: 20 * 60 * 1000 });
  return r.status === 0;
}

/** True when plain Node can load the file: then it was built for Node's ABI, not Electron's. */
function loadsInNode(file) {
  const r = spawnSync(process.execPath, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(file)})`], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Builds better_sqlite3.node for Electron into build/electron-native/ from a scratch copy of the
 * package, so node_modules/better-sqlite3 (Node's ABI) is never touched. Tries @electron/rebuild
 * (prebuilt download, else node-gyp against Electron's headers), then node-gyp directly. Both need
 * Electron's headers (downloaded once into ~/.electron-gyp); offline they fail and we say so.
 */
export function ensureElectronNative(target) {
  if (process.env.PLUMBLINE_SKIP_NATIVE_REBUILD) return;
  if (target.modules && target.modules === process.versions.modules) return; // same ABI: Node's build works
  const sqlitePkg = path.join(root, 'node_modules', 'better-sqlite3');
  const sqliteVersion = JSON.parse(fs.readFileSync(path.join(sqlitePkg, 'package.json'), 'utf8')).version;
  const stamp = readStamp();
  if (
    fs.existsSync(NATIVE_BINARY) &&
    stamp?.electron === target.version &&
    stamp?.betterSqlite3 === sqliteVersion &&
    (!target.modules || stamp?.modules === target.modules)
  )
    return;

  console.log(`Plumbline: building better-sqlite3 ${sqliteVersion} for Electron ${target.version} into build/electron-native/ …`);
  const work = path.join(NATIVE_DIR, 'work');
  fs.rmSync(work, { recursive: true, force: true });
  const moduleCopy = path.join(work, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(path.dirname(moduleCopy), { recursive: true });
  fs.cpSync(sqlitePkg, moduleCopy, { recursive: true, filter: (src) => path.relative(sqlitePkg, src).split(path.sep)[0] !== 'build' });
  fs.writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'plumbline-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }, null, 2),
  );

  const built = path.join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
  const rebuildCli = path.join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const nodeGyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const attempts = [
    () =>
      fs.existsSync(rebuildCli) &&
      run(process.execPath, [rebuildCli, '--version', target.version, '--module-dir', work, '--only', 'better-sqlite3', '--force'], root),
    () =>
      fs.existsSync(nodeGyp) &&
      run(
        process.execPath,
        [nodeGyp, 'rebuild', '--release', `--target=${target.version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
        moduleCopy,
      ),
  ];
  for (const attempt of attempts) {
    if (!attempt() || !fs.existsSync(built)) continue;
    if (loadsInNode(built)) {
      console.warn('Plumbline: the native build loads in Node, so it was built for Node, not Electron; discarding it.');
      fs.rmSync(built, { force: true });
      continue;
    }
    fs.copyFileSync(built, NATIVE_BINARY);
    fs.writeFileSync(
      STAMP,
      JSON.stringify({ modules: target.modules ?? '', electron: target.version, betterSqlite3: sqliteVersion }, null, 2) + '\n',
    );
    fs.rmSync(work, { recursive: true, force: true });
    console.log(`Plumbline: Electron build of better-sqlite3 ready (${path.relative(root, NATIVE_BINARY)}).`);
    return;
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.warn(
    'Plumbline: could not build better-sqlite3 for Electron (Electron headers unavailable?). The window will open, but the ' +
      'workspace will not load until build/electron-native/better_sqlite3.node exists — see electron/README.md, "Native module".',
  );
}

function main() {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);

  const electron = findElectronBinary();
  if (!electron) {
    console.error(NO_ELECTRON_MESSAGE);
    process.exit(1);
  }

  ensureElectronNative(electronTarget());

  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
