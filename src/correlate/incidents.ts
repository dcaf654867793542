// Incidents: a memory failure or a death of the server opens one; restart attempts are counted;
// `ready for connections` closes it as recovered. If the evidence ends first it is `down`; if no
// later server line at all says what happened, `unknown`. Downtime runs from the first failure or
// death to ready. Buffer-pool sizes that change between starts are reported as config changes.
import type { Event } from '../event.js';
import type { Incident } from './types.js';

function isDeath(e: Event): boolean {
  if (e.kind === 'mysqld_safe.died' || e.kind === 'mysql.signal') return true;
  if (e.kind === 'kernel.oom_kill') return /^(?:mysqld|mariadbd|mysqld\.bin)$/.test(e.process?.name ?? '');
  return false;
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)}M`;
}

export function findIncidents(timeline: readonly Event[], failures: ReadonlySet<Event>): Incident[] {
  const out: Incident[] = [];
  let open: Incident | null = null;
  let attemptOpen = false;
  let lastPool: number | undefined;
  let lastServerEvidence = Number.NaN;
  const pendingChanges: string[] = [];

  for (const e of timeline) {
    const t = e.time.ms;
    const isFailure = failures.has(e);
    if (isFailure || isDeath(e)) {
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
        lastServerEvidence = t;
      }
      if (isFailure) open.failures++;
      else open.deaths++;
      open.end = t;
      continue;
    }
    if (e.kind === 'mysql.buffer_pool_init') {
      if (lastPool !== undefined && lastPool !== e.data.bytes) {
        const change = `innodb_buffer_pool_size ${mib(lastPool)} → ${mib(e.data.bytes)}`;
        (open ? open.config_changes : pendingChanges).push(change);
      }
      lastPool = e.data.bytes;
    }
    if (!open) continue;
    if (e.kind.startsWith('mysql') && Number.isFinite(t)) lastServerEvidence = t;
    if (e.kind === 'mysqld_safe.start' || e.kind === 'mysqld_safe.restart') {
      open.restarts++;
      attemptOpen = true;
    } else if (e.kind === 'mysql.start') {
      if (!attemptOpen) open.restarts++;
      attemptOpen = false;
    } else if (e.kind === 'mysql.ready') {
      open.outcome = 'recovered';
      open.recovered_at = t;
      open.end = t;
      open.downtime_seconds = Math.round((t - open.start) / 1000);
      out.push(open);
      open = null;
    }
  }
  if (open) {
    // No `ready` followed. If the server said anything after the incident began, it is down as far
    // as the evidence goes; if nothing at all followed, we cannot tell.
    const said = lastServerEvidence > open.start || open.restarts > 0 || open.failures + open.deaths > 1;
    open.outcome = said ? 'down' : 'unknown';
    open.end = Math.max(open.end, Number.isFinite(lastServerEvidence) ? lastServerEvidence : open.end);
    open.downtime_seconds = open.outcome === 'down' ? Math.round((open.end - open.start) / 1000) : null;
    out.push(open);
  }
  return out;
}
