// The timeline: events from all inputs in time order; ties (and events of unknown time, last)
// keep input order. Interval-dated events sort by their earliest instant.
import type { Event } from '../event.js';

export function byTime(a: Event, b: Event): number {
  const am = a.time.ms;
  const bm = b.time.ms;
  const af = Number.isFinite(am);
  const bf = Number.isFinite(bm);
  if (af && bf && am !== bm) return am - bm;
  if (af !== bf) return af ? -1 : 1;
  return a.seq - b.seq;
}

export function timeline(events: Event[]): Event[] {
  return events.sort(byTime);
}

/** Whether an event is inside [since, until] (either bound optional); unknown times and configs are
 * (a config file's time is only when it was last written, not when it applied). */
export function inWindow(e: Event, since?: number, until?: number): boolean {
  const t = e.time.ms;
  if (!Number.isFinite(t) || e.kind.startsWith('config.')) return true;
  if (since !== undefined && (e.time.latestMs ?? t) < since) return false;
  if (until !== undefined && t > until) return false;
  return true;
}

/** Keep events inside [since, until] (either bound optional). */
export function window(events: Event[], since?: number, until?: number): Event[] {
  if (since === undefined && until === undefined) return events;
  return events.filter((e) => inWindow(e, since, until));
}
