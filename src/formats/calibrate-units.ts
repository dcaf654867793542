// A `free` printed without its command says no unit; the parser assumes KiB and says so. When
// another snapshot of the same file printed its unit (a watcher's `top` says `MiB Mem :` next to
// `free -m`), the assumed unit is corrected to the one that makes the totals agree. Runs over a
// whole file's events, since containers parse each snapshot of a round as its own block. The
// nearest is found by binary search over the file's unit-bearing snapshots sorted by sequence.
import { type Event, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import { calibrate } from './snapshot-family.js';

export function calibrateUnits(events: readonly Event[]): void {
  const byPath = new Map<string, Event[]>();
  for (const e of events) {
    if (!SNAPSHOT_KINDS.has(e.kind) || !(e.data as SnapshotData).memory?.total_bytes) continue;
    const list = byPath.get(e.src.path);
    if (list) list.push(e);
    else byPath.set(e.src.path, [e]);
  }
  for (const list of byPath.values()) {
    const known = list.filter((e) => !(e.data as SnapshotData).unit_assumed);
    if (known.length === 0) continue;
    const bySeq = known.map((e, index) => ({ e, index })).sort((a, b) => a.e.seq - b.e.seq);
    for (const e of list) {
      const d = e.data as SnapshotData;
      if (d.unit_assumed !== 'KiB') continue;
      calibrate(d, (nearest(bySeq, e.seq).data as SnapshotData).memory!.total_bytes!);
    }
  }
}

/**
 * The snapshot nearest in file order that printed its unit: of equal distances, the one listed
 * first (what a scan of the list in order keeps).
 */
export function nearest(bySeq: readonly { e: Event; index: number }[], seq: number): Event {
  let lo = 0;
  let hi = bySeq.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bySeq[mid].e.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  const below = bySeq[lo - 1];
  const above = bySeq[lo];
  if (!below) return above.e;
  if (!above) return below.e;
  const db = seq - below.e.seq;
  const da = above.e.seq - seq;
  if (db !== da) return db < da ? below.e : above.e;
  return below.index < above.index ? below.e : above.e;
}
