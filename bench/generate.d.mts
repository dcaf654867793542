// Types of the benchmark's log generator (generate.mjs), for the tests that use it.
export function mulberry32(seed: number): () => number;
export function generate(out: string, lines: number, seed?: number): Promise<void>;
