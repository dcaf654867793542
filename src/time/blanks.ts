// Places one file's events that carry no time at all (a `free` pasted between two `top` frames, a
// prompt line, a pt-stalk sample, an unrecognized line): after a `date` / TS anchor, at the latest
// time known since it; otherwise between the nearest times around it in the same file (an
// interval), else at the pt-stalk collection start, else at the file's modification time. A config
// file's settings are a state, not an event: with no time from the bundle's own evidence they stay
// undated, "as found in the bundle" (a copy's mtime is when it was copied, not when it applied).
import { type Event, SNAPSHOT_KINDS } from '../event.js';
import { KINDS } from '../kinds.js';
import type { Clock } from './clock.js';
import { hostOffsetNote, prefixInstant } from './prefix.js';

/** Kinds whose stamped time dates what follows them in their file. */
export const ANCHORS: ReadonlySet<string> = new Set(['watcher.date', 'ptstalk.sample']);
/** Kinds whose time is when they were printed, so they bound what was printed before them. */
const LIVE = new Set<string>([...SNAPSHOT_KINDS, ...ANCHORS, 'ptstalk.data', 'ptstalk.log', 'report.section', 'shell.command']);

function unplaced(e: Event): boolean {
  return !Number.isFinite(e.time.ms) && e.pending?.stamp === undefined && e.pending?.uptime_seconds === undefined;
}

/** Why a config file's settings carry no time: they are a state, as found in the bundle. */
export const AS_FOUND = 'as found in the bundle: a config file has no time of its own, and its copy\'s modification time says when it was copied, not when it applied';

/** `the \`date\` line at line 3`, `the TS line at line 1`: for notes. */
export function anchorName(a: Event): string {
  if (a.kind === 'ptstalk.sample') return `the TS line at line ${a.src.line}`;
  return a.kind === 'watcher.date' && a.data.form === 'watch' ? `the \`watch\` header at line ${a.src.line}` : `the \`date\` line at line ${a.src.line}`;
}

/** `list` is one file's events in line order. */
export function placeBlanks(list: readonly Event[], mtime: number | undefined, clock: Clock, offsets: Map<string, number>): void {
  if (!list.some(unplaced)) return;
  // The tightest later bound of each event: the nearest later live event, or a later event of the
  // same format (lines of one log are written in order; a pasted log's stamps bound nothing after it).
  const upper: (Event | undefined)[] = new Array(list.length);
  let live: Event | undefined;
  const sameFormat = new Map<string, Event>();
  for (let i = list.length - 1; i >= 0; i--) {
    const e = list[i];
    const f = sameFormat.get(e.src.format);
    upper[i] = !live ? f : !f ? live : f.time.ms < live.time.ms ? f : live;
    if (Number.isFinite(e.time.ms)) {
      sameFormat.set(e.src.format, e);
      if (LIVE.has(e.kind)) live = e;
    }
  }
  let lower: Event | undefined; // the latest time seen so far in the file
  let anchor: Event | undefined;
  const prefix = list.find((e) => e.meta?.['ptstalk.prefix'])?.meta?.['ptstalk.prefix'];
  const prefixMs = prefixInstant(prefix, clock);
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (!unplaced(e)) {
      if (Number.isFinite(e.time.ms)) {
        if (!lower || e.time.ms >= lower.time.ms) lower = e;
        if (ANCHORS.has(e.kind)) anchor = e;
      }
      continue;
    }
    const hi = upper[i];
    if (anchor && lower) {
      const by = lower === anchor ? '' : ` (the latest time since, line ${lower.src.line})`;
      e.time = { ms: lower.time.ms, source: 'inferred', note: `dated by ${anchorName(anchor)}${by}` };
    } else if (lower && hi && lower.time.ms < hi.time.ms) {
      e.time = { ms: lower.time.ms, latestMs: hi.time.ms, source: 'interval', note: `no time of its own; between line ${lower.src.line} and line ${hi.src.line}` };
    } else if (lower && hi) {
      e.time = { ms: hi.time.ms, source: 'inferred', note: `no time of its own; at line ${hi.src.line}'s time (line ${lower.src.line} before it says ${lower.time.ms === hi.time.ms ? 'the same' : 'later'})` };
    } else if (lower) {
      e.time = { ms: lower.time.ms, source: 'inferred', note: `no time of its own; after line ${lower.src.line}, nothing later in the file bounds it` };
    } else if (hi) {
      e.time = { ms: hi.time.ms, source: 'inferred', note: `no time of its own; at or before line ${hi.src.line}, nothing earlier in the file dates it` };
    } else if (prefix && prefixMs !== undefined) {
      const host = hostOffsetNote(offsets, prefix, prefixMs, clock);
      e.time = { ms: prefixMs, source: 'inferred', note: `no time of its own; the pt-stalk collection start (file name prefix ${prefix})${host}` };
    } else if (KINDS[e.kind].role === 'config') {
      e.time = { ms: Number.NaN, source: 'inferred', note: AS_FOUND };
    } else if (mtime !== undefined) {
      e.time = { ms: mtime, source: 'inferred', note: 'no time in the file; placed at the file modification time' };
    }
  }
}
