// One bundle, end to end, in stages: read → parse → collect (inputs → lines → events, kept as the
// keep strategy says: timeline/keep.ts) → date → order → correlate (findings). The library's entry
// point; the CLI only wires options into it and a reporter onto its result.
import { correlate } from './correlate/index.js';
import { calibrateUnits } from './formats/calibrate-units.js';
import type { Findings } from './correlate/types.js';
import type { Event } from './event.js';
import { implausibleNotes } from './plausible.js';
import { type InputStats, driveSource } from './parse/drive.js';
import type { SplitCounts } from './parse/split.js';
import { counted } from './read/counted.js';
import { expandInputs } from './read/sources.js';
import { HostWitness } from './identity/host.js';
import { BundleRoots } from './identity/bundle.js';
import { type Identity, identityOf } from './identity/identity.js';
import { Clock } from './time/clock.js';
import { dateEvents } from './time/dating.js';
import type { Collector, FoldedSummary } from './timeline/collect.js';
import { Keep } from './timeline/keep.js';
import { byTime, timeline, window } from './timeline/merge.js';
import type { ReplayPlan } from './replay.js';
import { trace } from './trace.js';

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
  /** --bundle-id: the bundle's id in stores (default: its input's own name). */
  bundleId?: string;
  /** --host: the host name (default: the bundle's own evidence, identity/host.ts). */
  host?: string;
  /** Called as each input starts (progress). */
  onSource?: (path: string, size: number | undefined) => void;
  /** Called with the bytes read (on disk) as each input is read (progress). */
  onBytes?: (n: number) => void;
  /** Called as each phase after reading starts (progress). */
  onPhase?: (phase: 'dating' | 'correlating') => void;
  /**
   * What the caller will show: 'all' keeps every event (--verbose, tests); 'report' folds routine
   * repeats on arrival (reports that fold them anyway), so memory stays flat; 'stream' folds them
   * too and plans reading the inputs again for the whole timeline in order (NDJSON, see replay.ts).
   */
  keep?: 'all' | 'report' | 'stream';
  /** The events one input may hold unfolded before it is cut (MAX_HELD_EVENTS; lower in tests). */
  maxHeldEvents?: number;
  /** --follow-links: follow symbolic links met inside folders (never by default). */
  followLinks?: boolean;
  /** With keep 'report': how a big plain log is read in parts at once (default: one per core). */
  parts?: { threads?: number; minBytes?: number; inProcess?: boolean; counts?: SplitCounts };
}

export interface Analysis extends Findings {
  clock: Clock;
  /** The bundle id, host and root every output carries (identity/identity.ts). */
  identity: Identity;
  inputs: InputStats[];
  /** The timeline, in time order: every event, or with keep 'report' all but the folded ones. */
  events: Event[];
  /** With keep 'report' or 'stream': what the routine events folded on arrival add up to. */
  folded?: FoldedSummary;
  /** With keep 'stream': how to read the inputs again for the whole timeline (replay.ts). */
  replay?: ReplayPlan;
  stats: { lines: number; blank: number; events: number; unrecognized: number; uninterpreted: number };
  /** Inputs that could not be read (also listed in `inputs` with their error). */
  errors: { path: string; reason: string }[];
  /** Things worth a line on stderr that are not errors (a link in an archive, not followed). */
  notes?: { path: string; reason: string }[];
  lookbackSeconds: number;
}

export const DEFAULT_LOOKBACK_SECONDS = 15 * 60;

/**
 * One note per input whose year-less (or date-less) stamps nothing could date: stdin has no
 * modification time to fall back on, so its times stay unknown until --year or --date is given.
 */
function undated(events: readonly Event[]): { path: string; reason: string }[] {
  const missing = new Map<string, string>();
  for (const e of events) {
    const m = Number.isFinite(e.time.ms) ? null : /^no (year|date) known for this stamp/.exec(e.time.note ?? '');
    if (m && !missing.has(e.src.path)) missing.set(e.src.path, m[1]);
  }
  return [...missing].map(([path, what]) => ({
    path,
    reason: what === 'year' ? 'its syslog stamps have no year and nothing in the bundle dates them: their times are unknown; give one with --year YYYY (or --date YYYY-MM-DD)' : 'its stamps have no date and nothing in the bundle dates them: their times are unknown; give one with --date YYYY-MM-DD',
  }));
}

/**
 * The per-input budget: the events one input may hold unfolded (routine repeats fold and cost
 * nothing). About 400 bytes each, so one runaway input (an access log in a walked /var/log) holds
 * at most ~200 MB; it is cut there with a note and the other inputs are still analysed.
 */
export const MAX_HELD_EVENTS = 500_000;

/** Stages 1-3, read → parse → collect: every input read, parsed and kept as the strategy keeps it. */
async function readInputs(opts: AnalyzeOptions, clock: Clock, keep: Keep, seq: { next: number }) {
  const inputs: InputStats[] = [];
  const errors: { path: string; reason: string }[] = [];
  const notes: { path: string; reason: string }[] = [];
  const host = new HostWitness(opts.host);
  const { collector } = keep;
  for await (const item of expandInputs(opts.inputs, opts.stdin, { followLinks: opts.followLinks })) {
    if ('note' in item) {
      notes.push(item.note);
      continue;
    }
    if ('failure' in item) {
      errors.push(item.failure);
      inputs.push({ path: item.failure.path, formats: [], lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0, error: item.failure.reason });
      continue;
    }
    opts.onSource?.(item.source.path, item.source.size);
    const source = opts.onBytes ? counted(item.source, opts.onBytes) : item.source;
    const kept = keep.startInput(item.source);
    const held = collector.events.length;
    const most = opts.maxHeldEvents ?? MAX_HELD_EVENTS;
    const cut = () => (collector.events.length - held > most ? `holds over ${most} events unfolded, the most one input may (a runaway input?)` : undefined);
    const stats = await driveSource(source, {
      clock,
      as: opts.as,
      seq: () => seq.next++,
      emit: (e) => {
        host.see(e);
        kept(e);
      },
      cut,
      split: keep.split,
    });
    if (stats.cut) notes.push({ path: stats.path, reason: stats.cut });
    keep.endInput(stats);
    if (stats.error) errors.push({ path: stats.path, reason: stats.error });
    inputs.push(stats);
  }
  return { inputs, errors, notes, host: host.host };
}

/** Stage 4, date: units for unit-less `free`, then a time for every event its parser left without one. */
function dateAll(events: Event[], inputs: readonly InputStats[], opts: AnalyzeOptions, clock: Clock, roots: BundleRoots): { path: string; reason: string }[] {
  calibrateUnits(events);
  const shown = (p: string) => roots.relative(p);
  dateEvents(events, { clock, date: opts.date, year: opts.year, mtimes: new Map(inputs.map((i) => [i.path, i.mtimeMs])), shown });
  return [...undated(events), ...implausibleNotes(events)];
}

/**
 * Stage 5, order: the timeline (witnesses left out, inside --since/--until), and what the
 * correlator reads besides it of the folded events: the latest server line (the server still
 * spoke), the latest evidence of any kind (where the bundle's evidence ends, for incidents) and the
 * earliest folded event of each kind it reads as evidence, per pool (php-fpm's max_children warnings).
 */
function order(collector: Collector, since: number | undefined, until: number | undefined): { ordered: Event[]; folded: FoldedSummary | undefined; correlated: Event[] } {
  const { events, witnesses } = collector;
  const kept = witnesses.size > 0 ? events.filter((e) => !witnesses.has(e)) : events;
  const ordered = window(timeline(kept), since, until);
  const folded = collector.folded();
  const inTimeline = new Set(ordered);
  const extra = [...new Set([folded?.latestServerLine, folded?.latestEvidence, ...(folded?.firsts ?? [])])].filter((e): e is Event => e !== undefined && !inTimeline.has(e));
  return { ordered, folded, correlated: extra.length > 0 ? timeline([...ordered, ...extra]) : ordered };
}

function totals(inputs: readonly InputStats[]): Analysis['stats'] {
  const stats = { lines: 0, blank: 0, events: 0, unrecognized: 0, uninterpreted: 0 };
  for (const i of inputs) {
    stats.lines += i.lines;
    stats.blank += i.blank;
    stats.events += i.events;
    stats.unrecognized += i.unrecognized;
    stats.uninterpreted += i.uninterpreted;
  }
  return stats;
}

/** The stages in order: read → parse → collect (readInputs, with the keep strategy) → date → order → correlate. */
export async function analyze(opts: AnalyzeOptions): Promise<Analysis> {
  const clock = new Clock(opts.tz);
  const since = opts.since ? clock.parseIso(opts.since) : undefined;
  const until = opts.until ? clock.parseIso(opts.until) : undefined;
  const seq = { next: 0 };
  const keep = new Keep(opts.keep ?? 'all', { clock, since, until, as: opts.as, parts: opts.parts, seq });
  const read = await readInputs(opts, clock, keep, seq);
  trace('inputs read');
  opts.onPhase?.('dating');
  // the bundle's root: dating's notes and the outputs name files relative to it
  const roots = new BundleRoots(opts.inputs);
  const notes = [...read.notes, ...dateAll(keep.collector.events, read.inputs, opts, clock, roots)];
  keep.settle();
  const { ordered, folded, correlated } = order(keep.collector, since, until);
  trace('dated and ordered');
  opts.onPhase?.('correlating');
  const lookbackSeconds = opts.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS;
  const findings = correlate(correlated, { lookbackSeconds });
  trace('correlated');
  const identity = identityOf(opts.inputs, read.host, opts.bundleId, roots);
  return { clock, identity, inputs: read.inputs, events: ordered, folded, replay: keep.plan, stats: totals(read.inputs), errors: read.errors, notes, lookbackSeconds, ...findings };
}

/** Events per kind over the whole timeline, folded events included. */
export function kindCounts(a: Pick<Analysis, 'events' | 'folded'>): Record<string, number> {
  const kinds: Record<string, number> = {};
  const pre = a.folded ? [...a.folded.kinds.entries()].sort((x, y) => byTime(x[1].first, y[1].first)) : [];
  let p = 0;
  for (const e of a.events) {
    while (p < pre.length && byTime(pre[p][1].first, e) < 0) {
      const [kind, k] = pre[p++];
      kinds[kind] = (kinds[kind] ?? 0) + k.count;
    }
    kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  }
  for (; p < pre.length; p++) kinds[pre[p][0]] = (kinds[pre[p][0]] ?? 0) + pre[p][1].count;
  return kinds;
}
