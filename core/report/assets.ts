/**
 * The report's own assets, read once per folder: the stylesheet and the bundled Inter font (SIL
 * Open Font License, assets/fonts/Inter-OFL.txt), inlined as base64 @font-face rules so the
 * document makes no request of any kind. Glyphs outside the bundled subsets fall back to the
 * system's local fonts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveAssetsDir } from '../assets';

export interface ReportAssets {
  readonly css: string;
  readonly fontCss: string;
}

const SUBSETS: readonly { file: string; range: string }[] = [
  {
    file: 'latin',
    range:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  },
  {
    file: 'latin-ext',
    range:
      'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  },
  { file: 'greek', range: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF' },
];

const cache = new Map<string, ReportAssets>();

export function loadReportAssets(assetsDir?: string): ReportAssets {
  const dir = resolveAssetsDir(assetsDir);
  const hit = cache.get(dir);
  if (hit) return hit;
  const css = fs.readFileSync(path.join(dir, 'report', 'report.css'), 'utf8');
  const faces: string[] = [];
  for (const weight of [400, 700]) {
    for (const s of SUBSETS) {
      const file = path.join(dir, 'fonts', `inter-${s.file}-${weight}-normal.woff2`);
      const b64 = fs.readFileSync(file).toString('base64');
      faces.push(
        `@font-face{font-family:'Inter Report';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${b64}) format('woff2');unicode-range:${s.range};}`,
      );
    }
  }
  const assets = { css, fontCss: faces.join('\n') };
  cache.set(dir, assets);
  return assets;
}
