// Runs one file through the driver (sniffing, containers, formats) WITHOUT the dating stage, so
// goldens show what the parsers themselves knew: placed times, pending stamps, uptimes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Event } from '../../src/event.js';
import { type InputStats, driveSource } from '../../src/parse/drive.js';
import { Clock } from '../../src/time/clock.js';

export interface Parsed {
  events: Event[];
  stats: InputStats;
  clock: Clock;
}

/** The zone, a forced format, and whether containers may split the input (default: yes). */
export interface ParseOptions {
  tz?: string;
  as?: string;
  containers?: boolean;
}

export async function parseFile(file: string, opts: ParseOptions = {}): Promise<Parsed> {
  return parseBytes(path.basename(file), readFileSync(file), opts);
}

export async function parseText(text: string, opts: ParseOptions = {}): Promise<Parsed> {
  return parseBytes('-', Buffer.from(text), opts);
}

async function parseBytes(name: string, bytes: Buffer, opts: ParseOptions): Promise<Parsed> {
  const clock = new Clock(opts.tz ?? 'UTC');
  const events: Event[] = [];
  let seq = 0;
  const source = {
    path: name,
    async *open() {
      yield bytes;
    },
  };
  const stats = await driveSource(source, { clock, as: opts.as, containers: opts.containers, seq: () => seq++, emit: (e) => events.push(e) });
  events.sort((a, b) => a.seq - b.seq);
  return { events, stats, clock };
}

/** One line per event: what a golden file reviews. */
export function goldenLines(p: Parsed): string {
  return `${p.events
    .map((e) =>
      JSON.stringify({
        line: e.src.line,
        lines: e.src.lines,
        kind: e.kind,
        format: e.src.format,
        time: Number.isFinite(e.time.ms) ? p.clock.iso(e.time.ms) : null,
        source: e.time.source,
        note: e.time.note,
        pending: e.pending,
        process: e.process,
        level: e.level,
        data: e.data,
        meta: e.meta,
        message: e.message,
      }),
    )
    .join('\n')}\n`;
}

/** stats.lines == stats.blank + Σ src.lines for one input. */
export function conserved(p: Parsed): boolean {
  return p.stats.blank + p.events.reduce((n, e) => n + e.src.lines, 0) === p.stats.lines;
}
