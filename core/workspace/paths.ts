import os from 'node:os';
import path from 'node:path';

/**
 * Where the default workspace lives. The app, browser mode and the CLI agree on it, so a dataset
 * imported from the terminal shows up in the window. Mirrors Electron's app.getPath('userData')
 * for an app named "Plumbline" so the Electron shell does not need to pass it down.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Plumbline');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Plumbline');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Plumbline');
}

/** `--db PATH` wins, then PLUMBLINE_DB, then the default. */
export function resolveWorkspacePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.PLUMBLINE_DB) return path.resolve(env.PLUMBLINE_DB);
  return path.join(defaultDataDir(env), 'workspace.db');
}
