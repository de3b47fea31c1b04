/**
 * dist/engine/worker.js: the engine worker thread's entry, which only loads the engine bundle
 * (worker.bundle.js, built from core/transport/worker-entry.ts) through the code cache.
 */
import path from 'node:path';
import { loadBundle } from './code-cache';

loadBundle(path.join(__dirname, 'worker.bundle.js'), { write: 'loaded' });
