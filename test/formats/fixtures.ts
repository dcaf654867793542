// Shared by the format fixture tests: read a fixture folder's inputs, run each through the
// analysis as stdin (no file mtime, so goldens do not depend on the checkout), render NDJSON.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../../src/analyze.js';
import { ndjsonLines } from '../../src/report/index.js';
import { ROOT, runText } from '../helpers.js';

export function fixtureDir(format: string): string {
  return path.join(ROOT, 'test', 'formats', format);
}

/** The `.log` inputs of a fixture folder, sorted. */
export function fixtures(format: string): string[] {
  return readdirSync(fixtureDir(format))
    .filter((f) => f.endsWith('.log'))
    .sort();
}

/** Run one fixture; bad-line fixtures force the format, the others must be sniffed right. */
export function runFixture(format: string, name: string, tz = 'UTC'): Promise<Analysis> {
  const text = readFileSync(path.join(fixtureDir(format), name), 'utf8');
  return runText(text, name.startsWith('bad-') ? { tz, as: format } : { tz });
}

export function ndjson(a: Analysis): string {
  let out = '';
  for (const o of ndjsonLines(a)) out += `${JSON.stringify(o)}\n`;
  return out;
}
