// Memory failures: the kinds whose row (src/kinds.ts) has a `failure`. One marked `once: attempt`
// (a buffer-pool allocation failure) counts only when no failure was already counted in the same
// start attempt; one marked `once: starting` (the server's `Out of memory (Needed N bytes)`)
// counts once per attempt while the server starts, and gives its place to a buffer-pool failure
// of the same attempt seconds later (which says better what failed); once the server is ready,
// each counts. Every other counts. Start attempts are cut per file by the `start`, `restart`,
// `ready` and `abort` kinds (after `Aborting`, a failure with no start line between is a new
// attempt: a retrying service). A `setting` (the buffer pool size) says what the attempt asked for.
import type { Event } from '../event.js';
import { KINDS } from '../kinds.js';

export interface FailureEvent {
  event: Event;
  requested_bytes: number | null;
}

/** Bytes the failing event asked for, when its payload says. */
function bytesOf(e: Event): number | undefined {
  return (e.data as { bytes?: number }).bytes;
}

/** A buffer-pool failure this close after an allocation failure of the same attempt tells of it
 * (undated lines of one paste: next to each other). */
const SAME_START_MS = 5_000;

export function findFailures(timeline: readonly Event[]): FailureEvent[] {
  const out: FailureEvent[] = [];
  // per file: did this start attempt already fail, and what pool size did it ask for
  const failed = new Map<string, boolean>();
  const poolSize = new Map<string, number>();
  // per file: the last `once: starting` failure of this attempt (its index in `out`, its time)
  const startup = new Map<string, { at: number; ms: number }>();
  const ready = new Map<string, boolean>();
  for (const e of timeline) {
    const file = e.src.path;
    const row = KINDS[e.kind];
    switch (row.role) {
      case 'start':
      case 'restart':
      case 'abort':
        poolSize.delete(file);
        failed.set(file, false);
        startup.delete(file);
        ready.set(file, false);
        break;
      case 'ready':
        failed.set(file, false);
        startup.delete(file);
        ready.set(file, true);
        break;
      case 'setting':
        if (e.kind === 'mysql.buffer_pool_init') poolSize.set(file, e.data.bytes);
        if (ready.get(file) !== true) ready.set(file, false); // sizing its pool: the server is starting
        break;
      case 'failure': {
        const f = row.failure;
        if (!f) break;
        if (f.class === 'oom_kill') {
          out.push({ event: e, requested_bytes: null });
          break;
        }
        const starting = ready.get(file) === false; // after a start line, before ready (unknown: running)
        if (f.once === 'starting' && starting) {
          if (failed.get(file)) break;
          startup.set(file, { at: out.length, ms: e.time.ms });
          failed.set(file, true);
          out.push({ event: e, requested_bytes: bytesOf(e) ?? null });
          break;
        }
        const alloc = startup.get(file);
        const replaces = f.class === 'buffer_pool' && alloc !== undefined && !(Math.abs(e.time.ms - alloc.ms) > SAME_START_MS) ? alloc.at : undefined;
        if (f.once === 'attempt' && failed.get(file) && replaces === undefined) break;
        startup.delete(file);
        const found: FailureEvent = { event: e, requested_bytes: bytesOf(e) || poolSize.get(file) || null };
        if (replaces !== undefined) out[replaces] = found; // the pool's failure says better what failed
        else if (f.once === 'starting') {
          startup.set(file, { at: out.length, ms: e.time.ms });
          out.push({ event: e, requested_bytes: bytesOf(e) ?? null });
        } else out.push(found);
        failed.set(file, true);
        break;
      }
      default:
        break;
    }
  }
  return out;
}
