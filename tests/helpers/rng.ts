export { rng } from '../../scripts/bench/rng.mjs';
