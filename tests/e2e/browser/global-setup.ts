// Builds the app once before the browser-mode tests (skip with PLUMBLINE_E2E_NO_BUILD=1 when
// dist/ is already fresh).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CHROMIUM_MISSING } from '../../../playwright.config';

export default function globalSetup(): void {
  if (CHROMIUM_MISSING) return;
  const root = path.resolve(__dirname, '../../..');
  if (process.env.PLUMBLINE_E2E_NO_BUILD && fs.existsSync(path.join(root, 'dist/cli/main.js'))) return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } });
}
