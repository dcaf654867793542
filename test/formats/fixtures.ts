// The one fixture harness's pieces: a format's fixture folder (`test/formats/<id>/`), its cases
// (`<case>.log`), how a folder asks to be read (`read.json`, optional), one case read through the
// driver as the CLI would (sniffed, containers and all; no dating stage, so no file time enters a
// golden), and the analysis of a case read as stdin for the format tests that look at failures.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../../src/analyze.js';
import { ROOT, runText } from '../helpers.js';
import { type Parsed, parseFile } from './parse-file.js';

export function fixtureDir(format: string): string {
  return path.join(ROOT, 'test', 'formats', format);
}

/** The `.log` cases of a fixture folder, sorted (none when there is no folder). */
export function fixtures(format: string): string[] {
  const dir = fixtureDir(format);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort();
}

/**
 * How a folder's cases are read (`read.json` beside them, every field optional): the zone of their
 * zoneless stamps (`tz`, UTC), whether the format is forced (`forced`: anchor formats no sniffer
 * claims alone), whether containers may split a case (`containers`, true; the snapshot formats'
 * cases are read format-level, test/containers/ covers the splitting), and whether the format
 * routes lines to others rather than claiming the case itself (`routes`: syslog).
 */
export interface ReadAs {
  tz: string;
  forced: boolean;
  containers: boolean;
  routes: boolean;
}

export function readAs(format: string): ReadAs {
  const file = path.join(fixtureDir(format), 'read.json');
  const given = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<ReadAs>) : {};
  return { tz: given.tz ?? 'UTC', forced: given.forced ?? false, containers: given.containers ?? true, routes: given.routes ?? false };
}

/** Whether a case forces its folder's format: `bad-` cases (broken on purpose), or the whole folder. */
export function forcedCase(format: string, name: string): boolean {
  return name.startsWith('bad-') || readAs(format).forced;
}

/** One case through the driver, as its folder asks; the golden beside it is `<case>.golden.ndjson`. */
export function parseCase(format: string, name: string): Promise<Parsed> {
  const { tz, containers } = readAs(format);
  return parseFile(path.join(fixtureDir(format), name), { tz, containers, as: forcedCase(format, name) ? format : undefined });
}

export function goldenOf(format: string, name: string): string {
  return path.join(fixtureDir(format), name.replace(/\.log$/, '.golden.ndjson'));
}

/** One case analysed whole (read as stdin, so no file time), for tests of failures and dating. */
export function runFixture(format: string, name: string, tz = 'UTC'): Promise<Analysis> {
  const text = readFileSync(path.join(fixtureDir(format), name), 'utf8');
  return runText(text, name.startsWith('bad-') ? { tz, as: format } : { tz });
}
