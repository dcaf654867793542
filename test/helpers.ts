// Shared test helpers: run the analysis on files, check the line-conservation invariant, find the
// shared corpus (tests that need it skip with a visible note when it is absent).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type Analysis, type AnalyzeOptions, analyze } from '../src/analyze.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const HAS_CORPUS = existsSync(CORPUS);
export const SEED = path.join(ROOT, 'samples', '2016-05-21-php-fpm-starves-mysqld');

/** Long property and fault runs (CI sets OOMTRAIL_LONG_TESTS=1); the default runs fit a small machine. */
export const LONG_TESTS = process.env.OOMTRAIL_LONG_TESTS === '1';
// When ../shared is absent (a user's clone), test/global-setup.ts says so once for the whole run.

export function run(inputs: string[], opts: Partial<AnalyzeOptions> = {}): Promise<Analysis> {
  return analyze({ tz: 'UTC', ...opts, inputs });
}

export function runText(text: string, opts: Partial<AnalyzeOptions> = {}): Promise<Analysis> {
  return analyze({ tz: 'UTC', ...opts, inputs: ['-'], stdin: Readable.from([Buffer.from(text)]) });
}

/** stats.lines == stats.blank + Σ oomtrail.lines, overall and per input. */
export function expectConserved(a: Analysis): void {
  const perPath = new Map<string, number>();
  for (const e of a.events) perPath.set(e.src.path, (perPath.get(e.src.path) ?? 0) + e.src.lines);
  for (const i of a.inputs) {
    if (i.error && i.lines === 0) continue;
    expect(i.blank + (perPath.get(i.path) ?? 0), `lines of ${i.path}`).toBe(i.lines);
  }
  const sum = a.events.reduce((n, e) => n + e.src.lines, 0);
  expect(a.stats.blank + sum).toBe(a.stats.lines);
}

/** Files under a corpus folder (empty when the corpus is absent). */
export function corpusFiles(folder: string): string[] {
  const dir = path.join(CORPUS, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile())
    .sort();
}

/** The formats that read a file's content, without the containers and anchors around them. */
const WRAPPERS = new Set(['transcript', 'shell-prompt', 'syslog', 'watcher', 'watcher-date', 'pt-stalk']);
export function contentFormats(formats: readonly string[]): string[] {
  return formats.filter((f) => !WRAPPERS.has(f));
}

/** A seeded PRNG (mulberry32): the same lines on every run (the benchmark's generator uses it too). */
export { mulberry32 } from '../bench/generate.mjs';

/** Every file under a folder, in sorted order, but those whose name matches `skip`. */
export function filesUnder(dir: string, skip?: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, skip));
    else if (!skip?.test(name)) out.push(p);
  }
  return out;
}

/** Reads NDJSON as a reference reader does (the `ndjson` package, strict: a line that is not one
 * JSON document is an error), so a U+2028 or a stray newline in our output cannot hide. */
export async function parseNdjson(text: string): Promise<unknown[]> {
  const { default: ndjson } = await import('ndjson');
  const rows: unknown[] = [];
  const parser = ndjson.parse({ strict: true });
  return new Promise((resolve, reject) => {
    parser.on('data', (row: unknown) => rows.push(row));
    parser.on('error', reject);
    parser.on('end', () => resolve(rows));
    parser.end(text);
  });
}
