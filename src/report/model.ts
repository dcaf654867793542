// The Report: everything the reporters need from one bundle, as plain data (no Clock, no class
// instances, times already written in the report zone). Worker threads build it and post it back;
// every reporter (text, markdown, html, junit, json) is a function of Report[] alone.
import { type Analysis, kindCounts } from '../analyze.js';
import type { Event, SnapshotData } from '../event.js';
import { groupOf } from '../correlate/processes.js';
import { obtainable } from '../correlate/verdict.js';
import { type TimeAxis, timeAxis } from './axis.js';
import { foldTimeline } from './fold.js';
import { failureParagraph } from './narrative.js';
import { type Summary, summary } from './summary.js';
import { listing } from './episode-summary.js';
import { kindRow } from '../kinds.js';

export interface TimelineRow {
  /** Epoch ms, or null when the time is unknown. */
  ms: number | null;
  /** `2016-05-21 18:49:28` in the report zone, `as found` (padded) for undated config settings, or `????-??-?? ??:??:??`. */
  wall: string;
  /** Time source mark: ' ' stamped, '^' inherited, '?' inferred, '~' interval. */
  mark: ' ' | '^' | '?' | '~';
  kind: string;
  level: string | null;
  message: string;
  path: string;
  line: number;
  /** Events folded into this row (1 unless repeats were folded). */
  count: number;
  /** Wall time of the last folded repeat. */
  last_wall: string | null;
  /** A memory failure (counted in the summary). */
  failure: boolean;
}

/** One snapshot's memory figures, in bytes; absent figures are null. */
export interface MemoryPoint {
  ms: number;
  wall: string;
  kind: string;
  path: string;
  line: number;
  total: number | null;
  used: number | null;
  /** Available memory when the snapshot says it, else free + buffers + cache. */
  available: number | null;
  php_fpm: number | null;
  mysqld: number | null;
  /** RSS of the other processes the snapshot lists (a `top` lists only the largest). */
  other: number | null;
}

export interface Report {
  schema: 'oomtrail.report/1';
  /** What the bundle is called in reports: its input(s) as given. */
  bundle: string;
  zone: string;
  /** The zone named once, with its offset(s) over the bundle: `Asia/Shanghai (UTC+08:00)`. */
  zone_label: string;
  summary: Summary;
  /** One paragraph per failure, in order: what happened, what held the memory, who, what to do. */
  paragraphs: string[];
  /** Per failure, the process that failed or was killed (`mariadbd`), when the log names it. */
  victims?: (string | null)[];
  /** Events per kind (for --fail-on and overviews). */
  kinds: Record<string, number>;
  /** The timeline for people: repeats folded unless `verbose`. */
  timeline: TimelineRow[];
  folded: boolean;
  memory: MemoryPoint[];
  /** Failure instants and incident spans in epoch ms, for the chart. */
  marks: { failures: FailureMark[]; incidents: { start: number; end: number; outcome: string }[] };
  /** The chart's time span and ticks (null when nothing has a time). */
  axis: TimeAxis | null;
  errors: { path: string; reason: string }[];
  /** Not errors, worth a stderr line (a link in an archive, not followed). */
  notes?: { path: string; reason: string }[];
}

/** A failure on the chart, or an episode (a run of the same failure, correlate/episodes.ts) as one. */
export interface FailureMark {
  ms: number;
  wall: string;
  label: string;
  path: string;
  line: number;
  /** Failures it stands for (an episode's count, else 1). */
  count: number;
  /** The last member's instant and wall time (the failure's own when count is 1). */
  last_ms: number;
  last_wall: string;
}

/** One mark per failure with a time, an episode's members as one mark spanning first to last. */
function failureMarks(a: Analysis): FailureMark[] {
  const byFirst = new Map(a.episodes.map((ep) => [ep.from, ep]));
  const out: FailureMark[] = [];
  for (let i = 0; i < a.failures.length; i++) {
    const f = a.failures[i];
    const ep = byFirst.get(i);
    const last = ep ? a.failures[ep.to] : f;
    if (ep) i = ep.to;
    if (!Number.isFinite(f.event.time.ms)) continue;
    const lastMs = Number.isFinite(last.event.time.ms) ? last.event.time.ms : f.event.time.ms;
    const n = out.length + 1;
    out.push({
      ms: f.event.time.ms,
      wall: a.clock.wall(f.event.time.ms),
      label: ep ? `${n}. ${f.event.kind} ×${ep.count}, one episode` : `${n}. ${f.event.kind}`,
      path: f.event.src.path,
      line: f.event.src.line,
      count: ep ? ep.count : 1,
      last_ms: lastMs,
      last_wall: a.clock.wall(lastMs),
    });
  }
  return out;
}

export interface ReportOptions {
  bundle?: string;
  verbose?: boolean;
}

const MARK = { stamped: ' ', inherited: '^', inferred: '?', interval: '~' } as const;
/** The time column of a config file's settings that nothing in the bundle dates (time/blanks.ts). */
const AS_FOUND_WALL = 'as found';

function wallAndMark(a: Analysis, e: Event): { wall: string; mark: TimelineRow['mark'] } {
  if (!Number.isFinite(e.time.ms) && kindRow(e.kind).role === 'config') return { wall: AS_FOUND_WALL, mark: ' ' };
  return { wall: a.clock.wall(e.time.ms), mark: MARK[e.time.source] };
}

function finite(ms: number): number | null {
  return Number.isFinite(ms) ? ms : null;
}

function memoryPoint(a: Analysis, e: Event): MemoryPoint | null {
  if (!e.kind.startsWith('snapshot.') || !Number.isFinite(e.time.ms)) return null;
  const d = e.data as SnapshotData;
  const rss = new Map<string, number>();
  if (d.groups && d.groups.length > 0) {
    for (const g of d.groups) rss.set(groupOf(g.command), (rss.get(groupOf(g.command)) ?? 0) + g.rss_bytes);
  } else {
    for (const r of d.rows ?? []) rss.set(groupOf(r.command), (rss.get(groupOf(r.command)) ?? 0) + r.rss_bytes);
  }
  const m = d.memory;
  const p: MemoryPoint = {
    ms: e.time.ms,
    wall: a.clock.wall(e.time.ms),
    kind: e.kind,
    path: e.src.path,
    line: e.src.line,
    total: m?.total_bytes ?? null,
    used: m?.used_bytes ?? null,
    available: m ? obtainable(m) : null,
    php_fpm: rss.get('php-fpm') ?? null,
    mysqld: rss.get('mysqld') ?? null,
    other: null,
  };
  for (const [group, bytes] of rss) if (group !== 'php-fpm' && group !== 'mysqld') p.other = (p.other ?? 0) + bytes;
  return [p.total, p.used, p.available, p.php_fpm, p.mysqld].some((v) => v !== null) ? p : null;
}

/** `Asia/Shanghai (UTC+08:00)`, or both offsets when the bundle spans a DST change. */
function zoneLabel(a: Analysis): string {
  // each offset with the earliest time it is seen at: the order they appear in on the timeline
  const offsets = new Map<string, number>(a.folded?.offsets);
  for (const e of a.events) {
    if (!Number.isFinite(e.time.ms)) continue;
    const name = a.clock.offsetName(e.time.ms);
    const had = offsets.get(name);
    if (had === undefined || e.time.ms < had) offsets.set(name, e.time.ms);
  }
  if (offsets.size === 0) offsets.set(a.clock.offsetName(0), 0);
  const names = [...offsets.entries()].sort((x, y) => x[1] - y[1]).map(([name]) => `UTC${name}`);
  return `${a.clock.zone} (${names.join(' / ')})`;
}

function* instantsOf(memory: MemoryPoint[], failures: FailureMark[], incidents: { start: number; end: number }[]): Generator<number> {
  for (const p of memory) yield p.ms;
  for (const f of failures) yield* [f.ms, f.last_ms];
  for (const i of incidents) yield* [i.start, i.end];
}

/** One paragraph per listed failure, an episode's told once (by its first member, with its count). */
function paragraphsOf(a: Analysis, listed: readonly number[]): string[] {
  const out: string[] = [];
  const byFirst = new Map(a.episodes.map((ep) => [ep.from, ep]));
  const lasts = new Set(a.episodes.map((ep) => ep.to));
  for (const i of listed) {
    if (lasts.has(i) && !byFirst.has(i)) continue;
    const ep = byFirst.get(i);
    const p = failureParagraph(a, a.failures[i]);
    out.push(ep ? `${ep.count} failures like this one, the last at ${a.clock.wall(a.failures[ep.to].event.time.ms)}. ${p}` : p);
  }
  return out;
}

export function buildReport(a: Analysis, opts: ReportOptions = {}): Report {
  const { listed } = listing(a);
  const failureEvents = new Set(a.failures.map((f) => f.event));
  const kinds = kindCounts(a);
  const timeline = foldTimeline(a.events, opts.verbose, a.folded?.groups).map(({ event: e, count, lastMs }): TimelineRow => ({
    ms: finite(e.time.ms),
    ...wallAndMark(a, e),
    kind: e.kind,
    level: e.level ?? null,
    message: e.message,
    path: e.src.path,
    line: e.src.line,
    count,
    last_wall: count > 1 && Number.isFinite(lastMs) ? a.clock.wall(lastMs) : null,
    failure: failureEvents.has(e),
  }));
  const memory: MemoryPoint[] = [];
  for (const e of a.events) {
    const p = memoryPoint(a, e);
    if (p) memory.push(p);
  }
  const report: Report = {
    schema: 'oomtrail.report/1',
    bundle: opts.bundle ?? (a.inputs.map((i) => i.path).join(', ') || '-'),
    zone: a.clock.zone,
    zone_label: zoneLabel(a),
    summary: summary(a),
    paragraphs: paragraphsOf(a, listed),
    victims: listed.map((i) => a.failures[i].event.process?.name ?? null),
    kinds,
    timeline,
    folded: !opts.verbose,
    memory,
    marks: {
      failures: failureMarks(a),
      incidents: a.incidents.filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end)).map((i) => ({ start: i.start, end: i.end, outcome: i.outcome })),
    },
    axis: null,
    errors: a.errors,
    notes: a.notes,
  };
  const { failures, incidents } = report.marks;
  report.axis = timeAxis(a.clock, instantsOf(memory, failures, incidents));
  return report;
}

/** `2016-05-21T18:49:28.000+08:00` → `2016-05-21 18:49:28` (the ISO is already in the zone). */
export function wallOf(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : 'time unknown';
}

/** A path as people read it in a bundle's section: relative to the bundle folder when inside it. */
export function shortPath(r: Report, path: string): string {
  const base = r.bundle.endsWith('/') ? r.bundle : `${r.bundle}/`;
  return path.startsWith(base) && path.length > base.length ? path.slice(base.length) : path;
}
