// Places events known only by seconds since boot (dmesg's `[9876543.210]`): the boot instant comes
// from the bundle, either a `top` header's uptime at a placed frame (to the minute) or a stated
// boot time (`vmstat -s`). Without one, the event stays unplaced and says why.
import { type Event, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import type { Clock } from './clock.js';

interface Boot {
  ms: number;
  from: Event;
  exact: boolean;
}

/** Boot estimates closer than this are the same boot (top's uptime has minute precision). */
const SAME_BOOT_MS = 5 * 60_000;

function boots(events: readonly Event[]): Boot[][] {
  const found: Boot[] = [];
  for (const e of events) {
    if (!SNAPSHOT_KINDS.has(e.kind)) continue;
    const d = e.data as SnapshotData;
    const stated = d.raw?.['boot time']; // `vmstat -s`: `1687349632 boot time`
    if (stated !== undefined) found.push({ ms: stated * 1000, from: e, exact: true });
    else if (d.uptime_seconds !== undefined && Number.isFinite(e.time.ms)) found.push({ ms: e.time.ms - d.uptime_seconds * 1000, from: e, exact: false });
  }
  found.sort((a, b) => a.ms - b.ms);
  const clusters: Boot[][] = [];
  for (const b of found) {
    const c = clusters[clusters.length - 1];
    if (c && b.ms - c[c.length - 1].ms < SAME_BOOT_MS) c.push(b);
    else clusters.push([b]);
  }
  return clusters;
}

export function placeUptimes(events: readonly Event[], clock: Clock): void {
  const waiting = events.filter((e) => !Number.isFinite(e.time.ms) && e.pending?.uptime_seconds !== undefined && e.pending.stamp === undefined);
  if (waiting.length === 0) return;
  const clusters = boots(events);
  if (clusters.length === 0) {
    for (const e of waiting) e.time = { ...e.time, note: `${e.pending?.uptime_seconds} s after boot; no boot instant known in the bundle (a dated \`top\` header or \`vmstat -s\` would give it)` };
    return;
  }
  const c = clusters[clusters.length - 1];
  const best = c.find((b) => b.exact) ?? c[Math.floor(c.length / 2)];
  const how = best.exact ? '`vmstat -s` boot time' : "a `top` header's uptime (±1 min)";
  const several = clusters.length > 1 ? `; ${clusters.length} boots seen, took the latest` : '';
  const note = `boot at ${clock.wall(best.ms)} from ${how} at ${best.from.src.path}:${best.from.src.line}${several}`;
  for (const e of waiting) e.time = { ms: best.ms + (e.pending?.uptime_seconds ?? 0) * 1000, source: 'inferred', note };
}
