// A `free` printed without its command says no unit; the parser assumes KiB and says so. When
// another snapshot of the same file printed its unit (a watcher's `top` says `MiB Mem :` next to
// `free -m`), the assumed unit is corrected to the one that makes the totals agree. Runs over a
// whole file's events, since containers parse each snapshot of a round as its own block.
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
    for (const e of list) {
      const d = e.data as SnapshotData;
      if (d.unit_assumed !== 'KiB') continue;
      // the nearest snapshot, in file order, that printed its unit
      let ref = known[0];
      for (const k of known) if (Math.abs(k.seq - e.seq) < Math.abs(ref.seq - e.seq)) ref = k;
      calibrate(d, (ref.data as SnapshotData).memory!.total_bytes!);
    }
  }
}
