#!/usr/bin/env node
'use strict';
// Entry for `npx plumbline`: runs the CLI bundle that `npm install` (prepare) builds.
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('plumbline: not built yet — run "npm run build" in the Plumbline folder first.\n');
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
