/**
 * dist/engine/pool-worker.js: a column-pool thread's entry, which only loads the pool bundle
 * (pool-worker.bundle.js, built from core/engine/pool/pool-worker.ts) through the code cache.
 * Every analysis that uses the pool pays a thread's start-up, so it should not parse the bundle.
 */
import path from 'node:path';
import { loadBundle } from './code-cache';

loadBundle(path.join(__dirname, 'pool-worker.bundle.js'), { write: 'loaded' });
