// Places events known only by seconds since boot (dmesg's `[9876543.210]`): the boot instant comes
// from the bundle, either a `top` header's uptime at a placed frame (to the minute) or a stated
// boot time (`vmstat -s`). Without one, a file's uptimes are placed back from its mtime (the file
// was last written right after its last line), keeping their spacing and saying so; with no mtime
// either (stdin) they stay unplaced and say why.
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

export function placeUptimes(events: readonly Event[], clock: Clock, mtimes: ReadonlyMap<string, number | undefined> = new Map(), shown: (path: string) => string = (p) => p): void {
  const waiting = events.filter((e) => !Number.isFinite(e.time.ms) && e.pending?.uptime_seconds !== undefined && e.pending.stamp === undefined);
  if (waiting.length === 0) return;
  const clusters = boots(events);
  if (clusters.length === 0) {
    placeByMtime(waiting, mtimes);
    return;
  }
  const c = clusters[clusters.length - 1];
  const best = c.find((b) => b.exact) ?? c[Math.floor(c.length / 2)];
  const how = best.exact ? '`vmstat -s` boot time' : "a `top` header's uptime (±1 min)";
  const several = clusters.length > 1 ? `; ${clusters.length} boots seen, took the latest` : '';
  const note = `boot at ${clock.wall(best.ms)} from ${how} at ${shown(best.from.src.path)}:${best.from.src.line}${several}`;
  for (const e of waiting) e.time = { ms: best.ms + (e.pending?.uptime_seconds ?? 0) * 1000, source: 'inferred', note };
}

/** No boot instant known: each file's last uptime sits at the file's mtime, the rest before it. */
function placeByMtime(waiting: readonly Event[], mtimes: ReadonlyMap<string, number | undefined>): void {
  const last = new Map<string, number>();
  for (const e of waiting) last.set(e.src.path, Math.max(last.get(e.src.path) ?? 0, e.pending?.uptime_seconds ?? 0));
  for (const e of waiting) {
    const up = e.pending?.uptime_seconds ?? 0;
    const mtime = mtimes.get(e.src.path);
    if (mtime === undefined) {
      e.time = { ...e.time, note: `${up} s after boot; no boot instant known in the bundle (a dated \`top\` header or \`vmstat -s\` would give it)` };
      continue;
    }
    const lastUp = last.get(e.src.path) ?? up;
    e.time = {
      ms: mtime - (lastUp - up) * 1000,
      source: 'inferred',
      note: `${up} s after boot; no boot instant in the bundle, so placed back from the file's modification time as if its last line (${lastUp} s) was written then`,
    };
  }
}
