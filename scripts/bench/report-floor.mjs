// The report bench's anchor (scripts/bench/report.bench.mjs): the floor any Chromium-printed report
// pays, measured in the same run as Plumbline's export — playwright-core loaded, the same Chromium
// launched with the printer's flags, the same report's HTML with its charts taken out printed to
// PDF, the browser closed. `--serve`: stays up with the browser and page warm, printing once per
// "run" line on stdin and answering with {"seconds": …} (the warm anchor).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const [htmlFile, pdfFile, serve] = process.argv.slice(2);
const html = fs.readFileSync(htmlFile, 'utf8');
// core/report/pdf.ts CHROMIUM_ARGS (the bundle does not export them).
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-default-apps', '--disable-extensions', '--mute-audio', '--disable-breakpad', '--disable-crash-reporter'];
const MARGIN = { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' };

const { chromium } = require('playwright-core');
const browser = await chromium.launch({ executablePath: process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium', args: ARGS, headless: true });
const page = await (await browser.newContext({ javaScriptEnabled: false, offline: true })).newPage();
const print = async () => {
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<span></span>', printBackground: true, margin: MARGIN, outline: true, tagged: false });
  fs.writeFileSync(pdfFile, pdf);
};
if (serve !== '--serve') {
  await print();
  await browser.close();
} else {
  await print(); // warm, as the export it is paired with
  console.log('ready');
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line !== 'run') break;
    const t0 = process.hrtime.bigint();
    await print();
    console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));
  }
  await browser.close();
}
