/** Deterministic uniform(0,1) generator (mulberry32); shared by the bench generators and the tests. */
export function rng(seed: number): () => number;
