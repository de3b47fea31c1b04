// Deterministic prediction log for the performance, fairness and A/B benchmarks: one row per
// scored request with a timestamp, a binary label, a score, three protected attributes, a model
// variant and three business metrics. Cached under .bench/.
import fs from 'node:fs';
import path from 'node:path';
import { rng } from './rng.mjs';
import { writeLines } from './write-lines.mjs';

export const HEADER = ['request_id', 'ts', 'label', 'score', 'race', 'sex', 'age_cat', 'region', 'variant', 'converted', 'revenue', 'latency_ms'];
const RACES = ['African-American', 'Caucasian', 'Hispanic', 'Asian', 'Other'];
const RACE_W = [0.45, 0.35, 0.12, 0.03, 0.05];
const AGES = ['Less than 25', '25 - 45', 'Greater than 45'];
const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const START = Date.UTC(2026, 8, 1);
const SPAN_MS = 56 * 86_400_000;

function pick(r, values, weights) {
  let u = r();
  for (let i = 0; i < values.length; i++) {
    u -= weights[i];
    if (u <= 0) return values[i];
  }
  return values[values.length - 1];
}

/** The log's CSV path for `rows` rows (written once). */
export function modelLogData(root, rows) {
  const dir = path.join(root, '.bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `model-log-${rows}.csv`);
  if (fs.existsSync(file)) return file;
  const r = rng(7);
  const normal = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  writeLines(file, HEADER.join(','), rows, (i) => {
    const race = pick(r, RACES, RACE_W);
    const sex = r() < 0.8 ? 'Male' : 'Female';
    const age = pick(r, AGES, [0.25, 0.55, 0.2]);
    const region = REGIONS[Math.floor(r() * REGIONS.length)];
    const treatment = r() < 0.5;
    const label = r() < (race === 'African-American' ? 0.5 : 0.4) ? 1 : 0;
    // The score separates the classes imperfectly and is shifted for one group (a disparity to find).
    const logit = 1.6 * (label - 0.5) + 0.9 * normal() + (race === 'African-American' ? 0.25 : 0);
    const score = (1 / (1 + Math.exp(-logit))).toFixed(4);
    const converted = r() < (treatment ? 0.105 : 0.1) ? 1 : 0;
    const revenue = converted ? (20 + 15 * Math.abs(normal()) + (treatment ? 0.5 : 0)).toFixed(2) : '0';
    const latency = (80 + 25 * Math.abs(normal()) + (treatment ? 3 : 0) + (r() < 0.01 ? 400 * r() : 0)).toFixed(1);
    const ts = new Date(START + Math.floor((i / rows) * SPAN_MS)).toISOString().slice(0, 19) + 'Z';
    // A label arrives for 90% of requests; the rest are still waiting.
    const labelCell = r() < 0.9 ? String(label) : '';
    return `r${i},${ts},${labelCell},${score},${race},${sex},${age},${region},${treatment ? 'treatment' : 'control'},${converted},${revenue},${latency}`;
  });
  return file;
}
