// One bundle, end to end: inputs → lines → events → dates → timeline → findings. The library's
// entry point; the CLI only wires options into it and a reporter onto its result.
import { correlate } from './correlate/index.js';
import { calibrateUnits } from './formats/calibrate-units.js';
import type { Findings } from './correlate/types.js';
import type { Event } from './event.js';
import { type InputStats, driveSource } from './parse/drive.js';
import { counted } from './read/counted.js';
import { expandInputs } from './read/sources.js';
import { Clock } from './time/clock.js';
import { dateEvents } from './time/dating.js';
import { timeline, window } from './timeline/merge.js';

export interface AnalyzeOptions {
  inputs: string[];
  tz?: string;
  date?: { year: number; month: number; day: number };
  /** --year: the year for year-less (syslog) stamps when nothing in the bundle dates them. */
  year?: number;
  as?: string;
  lookbackSeconds?: number;
  since?: string;
  until?: string;
  stdin?: NodeJS.ReadableStream;
  /** Called as each input starts (progress). */
  onSource?: (path: string, size: number | undefined) => void;
  /** Called with the bytes read (on disk) as each input is read (progress). */
  onBytes?: (n: number) => void;
}

export interface Analysis extends Findings {
  clock: Clock;
  inputs: InputStats[];
  events: Event[];
  stats: { lines: number; blank: number; events: number; unrecognized: number };
  /** Inputs that could not be read (also listed in `inputs` with their error). */
  errors: { path: string; reason: string }[];
  /** Things worth a line on stderr that are not errors (a link in an archive, not followed). */
  notes?: { path: string; reason: string }[];
  lookbackSeconds: number;
}

export const DEFAULT_LOOKBACK_SECONDS = 15 * 60;

export async function analyze(opts: AnalyzeOptions): Promise<Analysis> {
  const clock = new Clock(opts.tz);
  const events: Event[] = [];
  const inputs: InputStats[] = [];
  const errors: { path: string; reason: string }[] = [];
  const notes: { path: string; reason: string }[] = [];
  let seq = 0;
  for await (const item of expandInputs(opts.inputs, opts.stdin)) {
    if ('note' in item) {
      notes.push(item.note);
      continue;
    }
    if ('failure' in item) {
      errors.push(item.failure);
      inputs.push({ path: item.failure.path, formats: [], lines: 0, blank: 0, events: 0, unrecognized: 0, error: item.failure.reason });
      continue;
    }
    opts.onSource?.(item.source.path, item.source.size);
    const source = opts.onBytes ? counted(item.source, opts.onBytes) : item.source;
    const stats = await driveSource(source, { clock, as: opts.as, seq: () => seq++, emit: (e) => events.push(e) });
    if (stats.error) errors.push({ path: stats.path, reason: stats.error });
    inputs.push(stats);
  }
  calibrateUnits(events);
  dateEvents(events, { clock, date: opts.date, year: opts.year, mtimes: new Map(inputs.map((i) => [i.path, i.mtimeMs])) });
  const since = opts.since ? clock.parseIso(opts.since) : undefined;
  const until = opts.until ? clock.parseIso(opts.until) : undefined;
  const ordered = window(timeline(events), since, until);
  const lookbackSeconds = opts.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS;
  const findings = correlate(ordered, { lookbackSeconds });
  const stats = { lines: 0, blank: 0, events: 0, unrecognized: 0 };
  for (const i of inputs) {
    stats.lines += i.lines;
    stats.blank += i.blank;
    stats.events += i.events;
    stats.unrecognized += i.unrecognized;
  }
  return { clock, inputs, events: ordered, stats, errors, notes, lookbackSeconds, ...findings };
}
