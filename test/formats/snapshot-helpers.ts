// Helpers for the snapshot formats' tests: parse a fixture through the driver (sniffing included,
// no dating stage, so goldens do not depend on file times), or one block through a format with
// a container's metadata; check line conservation (goldens: the one harness, fixtures.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Event, SnapshotData } from '../../src/event.js';
import { formatById } from '../../src/formats/index.js';
import { type InputStats, driveSource } from '../../src/parse/drive.js';
import { LineSplitter, isBlank } from '../../src/read/lines.js';
import { Clock } from '../../src/time/clock.js';

export const FIXTURES = path.dirname(new URL(import.meta.url).pathname);

export interface Parsed {
  events: Event[];
  stats: InputStats;
}

/** Parse text as the driver does (the format is sniffed unless `as` forces one). */
export async function parseText(text: string, opts: { path?: string; as?: string; tz?: string } = {}): Promise<Parsed> {
  const events: Event[] = [];
  let seq = 0;
  const source = {
    path: opts.path ?? 'input.log',
    async *open() {
      yield Buffer.from(text);
    },
  };
  // Format-level: no container splits the fixture (test/containers/ covers transcripts and pt-stalk).
  const stats = await driveSource(source, { clock: new Clock(opts.tz ?? 'UTC'), as: opts.as, containers: false, seq: () => seq++, emit: (e) => events.push(e) });
  return { events, stats };
}

export function parseFixture(file: string, opts: { as?: string; tz?: string } = {}): Promise<Parsed> {
  const full = path.isAbsolute(file) ? file : path.join(FIXTURES, file);
  return parseText(readFileSync(full, 'utf8'), { ...opts, path: path.basename(full) });
}

/** One block through one format, with the metadata a container would give it. */
export function parseBlock(id: string, text: string, meta?: Record<string, string>, tz = 'UTC'): Parsed {
  const f = formatById(id);
  if (!f) throw new Error(`no format ${id}`);
  const events: Event[] = [];
  let seq = 0;
  const stats: InputStats = { path: 'block', formats: [id], lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0, error: null };
  const p = f.create({ path: 'block', clock: new Clock(tz), emit: (e) => events.push(e), seq: () => seq++, meta });
  const split = new LineSplitter();
  for (const l of [...split.push(Buffer.from(text)), ...split.end()]) {
    stats.lines++;
    if (isBlank(l.text)) stats.blank++;
    p.line(l);
  }
  p.end();
  stats.events = events.length;
  stats.unrecognized = events.filter((e) => e.kind === 'line.unrecognized').reduce((n, e) => n + e.src.lines, 0);
  return { events, stats };
}

/** Every line is blank or in exactly one event. */
export function expectConserved(p: Parsed): void {
  const folded = p.events.reduce((n, e) => n + e.src.lines, 0);
  expect(p.stats.blank + folded).toBe(p.stats.lines);
}

export function unrecognizedLines(p: Parsed): number[] {
  return p.events.filter((e) => e.kind === 'line.unrecognized').map((e) => e.src.line);
}

/** The snapshot data of the events of one kind. */
export function snapshots(p: Parsed, kind: string): SnapshotData[] {
  return p.events.filter((e) => e.kind === kind).map((e) => e.data as SnapshotData);
}
