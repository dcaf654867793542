// Memory failures: the kinds whose row (src/kinds.ts) has a `failure`. One marked `once: attempt`
// (a buffer-pool allocation failure) counts only when no failure was already counted in the same
// start attempt; every other counts. Start attempts are cut per file by the `start`, `restart`,
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

export function findFailures(timeline: readonly Event[]): FailureEvent[] {
  const out: FailureEvent[] = [];
  // per file: did this start attempt already fail, and what pool size did it ask for
  const failed = new Map<string, boolean>();
  const poolSize = new Map<string, number>();
  for (const e of timeline) {
    const file = e.src.path;
    const row = KINDS[e.kind];
    switch (row.role) {
      case 'start':
      case 'restart':
      case 'abort':
        poolSize.delete(file);
        failed.set(file, false);
        break;
      case 'ready':
        failed.set(file, false);
        break;
      case 'setting':
        if (e.kind === 'mysql.buffer_pool_init') poolSize.set(file, e.data.bytes);
        break;
      case 'failure': {
        const f = row.failure;
        if (!f || (f.once === 'attempt' && failed.get(file))) break;
        if (f.class === 'oom_kill') {
          out.push({ event: e, requested_bytes: null });
          break;
        }
        failed.set(file, true);
        out.push({ event: e, requested_bytes: bytesOf(e) || poolSize.get(file) || null });
        break;
      }
      default:
        break;
    }
  }
  return out;
}
