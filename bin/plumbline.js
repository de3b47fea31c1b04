#!/usr/bin/env node
'use strict';
// Entry for `npx plumbline`: runs the CLI bundle that `npm install` (prepare) builds, through the
// V8 code cache loader (core/boot/code-cache.ts) so a start-up does not parse the whole bundle.
const path = require('node:path');
const fs = require('node:fs');
const dist = path.join(__dirname, '..', 'dist');
const entry = path.join(dist, 'cli', 'main.js');
const loader = path.join(dist, 'boot', 'code-cache.js');
if (!fs.existsSync(entry) || !fs.existsSync(loader)) {
  process.stderr.write('plumbline: not built yet — run "npm run build" in the Plumbline folder first.\n');
  process.exit(1);
}
// Drift's pool threads load their code while this thread loads the CLI's (bin/prestart-pool.js).
// So does the decoding thread of a Parquet import.
const prestart = require('./prestart-pool');
prestart.prestartPool(dist, process.argv.slice(2));
prestart.prestartParquetDecoder(dist, process.argv.slice(2));
require(loader)
  .loadBundle(entry, { write: 'exit' })
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
