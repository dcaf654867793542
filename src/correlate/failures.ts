// Memory failures: every mmap failure, a buffer-pool allocation failure only when no failure was
// already counted in the same start attempt, and every report of an OOM kill (one-kill.ts merges them). Start attempts are cut
// per file by server starts, mysqld_safe starts/restarts, `ready for connections` and `Aborting`
// (after `Aborting`, a failure with no start line between is a new attempt: a retrying service).
import type { Event } from '../event.js';

const ATTEMPT_BOUNDARY = new Set(['mysql.start', 'mysqld_safe.start', 'mysqld_safe.restart', 'mysql.ready', 'mysql.abort']);

export interface FailureEvent {
  event: Event;
  requested_bytes: number | null;
}

export function findFailures(timeline: readonly Event[]): FailureEvent[] {
  const out: FailureEvent[] = [];
  // per file: did this start attempt already fail, and what pool size did it ask for
  const failed = new Map<string, boolean>();
  const poolSize = new Map<string, number>();
  for (const e of timeline) {
    const file = e.src.path;
    if (ATTEMPT_BOUNDARY.has(e.kind)) {
      failed.set(file, false);
      if (e.kind !== 'mysql.ready') poolSize.delete(file);
      continue;
    }
    switch (e.kind) {
      case 'mysql.buffer_pool_init':
        poolSize.set(file, e.data.bytes);
        break;
      case 'mysql.mmap_failed':
        failed.set(file, true);
        out.push({ event: e, requested_bytes: e.data.bytes || poolSize.get(file) || null });
        break;
      case 'mysql.buffer_pool_alloc_failed':
        if (!failed.get(file)) {
          failed.set(file, true);
          out.push({ event: e, requested_bytes: e.data.bytes ?? poolSize.get(file) ?? null });
        }
        break;
      case 'kernel.oom_kill':
      case 'systemd.oom_kill':
      case 'oomd.oom_kill':
      case 'container.oom_kill':
      case 'kubelet.oom_kill':
        out.push({ event: e, requested_bytes: null });
        break;
      default:
        break;
    }
  }
  return out;
}
