// Incidents: the server's own memory failure or death opens one (an mmap or buffer-pool failure,
// `mysqld_safe` finding no server, `got signal`, the OOM killer killing mysqld; a kill of another
// process is a memory failure but not a database incident); restart attempts are counted;
// `ready for connections` closes it as recovered. If the evidence goes on past it with no ready
// line, it is `down` (for at least as long as the database's own log goes on: unknown after its
// last line); if nothing of it follows, we cannot tell (`unknown`). Buffer-pool sizes that change between starts are config changes.
// What each kind is (death, failure, start, restart, ready, abort) is its row in src/kinds.ts.
import type { Event } from '../event.js';
import { isEvidenceKind, KINDS } from '../kinds.js';
import type { Incident } from './types.js';

const SERVER = /^(?:mysqld|mariadbd|mysqld\.bin|mysqld-debug)$/;
const SERVER_UNIT = /^(?:mysql|mysqld|mariadb)(?:@[^.]{0,64})?\.service$/;

/** Does this event take the database down (or keep it from coming up)? Read from its row. */
function opens(e: Event, failures: ReadonlySet<Event>): boolean {
  const row = KINDS[e.kind];
  if (row.role === 'death') return true;
  if (row.role !== 'failure') return false;
  // a kill takes the database down when the victim is the server, whoever killed
  // (a unit's report names the unit: `mariadb.service`; only the failure kept, not a merged report)
  if (row.failure?.class === 'oom_kill') return SERVER.test(e.process?.name ?? '') || (failures.has(e) && SERVER_UNIT.test(e.process?.name ?? ''));
  return failures.has(e);
}

/**
 * Events that say the database's own log still runs at their time: its lines and its supervisor's
 * (not configs, not noise). Another file's later lines (a `top` months on) say nothing of whether
 * the server came back, so a downtime ends at the database's own last line, "unknown after".
 */
function isEvidence(e: Event): boolean {
  return Number.isFinite(e.time.ms) && isEvidenceKind(e.kind) && KINDS[e.kind].server === true;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)}M`;
}

export function findIncidents(timeline: readonly Event[], failures: ReadonlySet<Event>): Incident[] {
  const out: Incident[] = [];
  let open: Incident | null = null;
  let attemptOpen = false;
  /** An attempt ended in `Aborting` and no start line has been seen since (Windows logs none). */
  let aborted = false;
  let lastPool: number | undefined;
  let lastEvidence = Number.NaN;

  for (const e of timeline) {
    const t = e.time.ms;
    if (isEvidence(e)) lastEvidence = Number.isFinite(lastEvidence) ? Math.max(lastEvidence, t) : t;
    if (opens(e, failures)) {
      if (!open) {
        open = {
          start: t,
          end: t,
          failures: 0,
          deaths: 0,
          restarts: 0,
          outcome: 'unknown',
          recovered_at: null,
          downtime_seconds: null,
          config_changes: [],
          first: e,
        };
        attemptOpen = false;
      } else if (aborted && failures.has(e)) open.restarts++; // a new attempt that logged no start line
      aborted = false;
      if (failures.has(e)) open.failures++;
      else open.deaths++;
      open.end = t;
      continue;
    }
    if (e.kind === 'mysql.buffer_pool_init') {
      if (lastPool !== undefined && lastPool !== e.data.bytes && open) {
        open.config_changes.push(`innodb_buffer_pool_size ${mib(lastPool)} → ${mib(e.data.bytes)}`);
      }
      lastPool = e.data.bytes;
    }
    if (!open) continue;
    const role = KINDS[e.kind].role;
    if (role === 'restart') {
      open.restarts++;
      attemptOpen = true;
      aborted = false;
    } else if (role === 'start') {
      if (!attemptOpen) open.restarts++;
      attemptOpen = false;
      aborted = false;
    } else if (role === 'abort') {
      attemptOpen = false; // the attempt is over; a later start without mysqld_safe is a new one
      aborted = true;
    } else if (role === 'ready') {
      open.outcome = 'recovered';
      open.recovered_at = t;
      open.end = t;
      open.downtime_seconds = Math.round((t - open.start) / 1000);
      out.push(open);
      open = null;
    }
  }
  if (open) {
    // No `ready` followed. Evidence after the incident began means the server was still down when
    // it ends; nothing after it at all means we cannot tell.
    if (Number.isFinite(lastEvidence) && lastEvidence > open.start) {
      open.outcome = 'down';
      open.end = lastEvidence;
      open.downtime_seconds = Math.round((lastEvidence - open.start) / 1000);
    } else if ((open.restarts > 0 || open.failures + open.deaths > 1) && Number.isFinite(open.end - open.start)) {
      open.outcome = 'down'; // it kept failing, within the last second of the evidence
      open.downtime_seconds = Math.round((open.end - open.start) / 1000);
    }
    out.push(open);
  }
  return out;
}
