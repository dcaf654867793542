// Linking failures to snapshots and calibrating unit-less `free` use binary searches: each must
// give exactly what the earlier linear scans gave, on every sample bundle and on seeded random lists.
import { describe, expect, it } from 'vitest';
import { type Event, SNAPSHOT_KINDS } from '../../src/event.js';
import { linkAfter, linkBefore, linkEarlier } from '../../src/correlate/link.js';
import { nearest } from '../../src/formats/calibrate-units.js';
import { ROOT, mulberry32, run } from '../helpers.js';
import path from 'node:path';
import { readdirSync } from 'node:fs';

const latest = (e: Event) => (e.time.source === 'interval' ? (e.time.latestMs ?? e.time.ms) : e.time.ms);

/** The scans the binary searches replaced. */
function slowAfter(t: number, snaps: readonly Event[]) {
  for (const s of snaps) if (s.time.ms > t) return { event: s, gap_seconds: Math.round((s.time.ms - t) / 1000) };
  return null;
}
function slowEarlier(t: number, snaps: readonly Event[]) {
  for (let i = snaps.length - 1; i >= 0; i--) if (latest(snaps[i]) <= t) return { event: snaps[i], gap_seconds: Math.round((t - latest(snaps[i])) / 1000) };
  return null;
}
function slowNearest(known: readonly Event[], seq: number): Event {
  let ref = known[0];
  for (const k of known) if (Math.abs(k.seq - seq) < Math.abs(ref.seq - seq)) ref = k;
  return ref;
}

describe('binary searches', () => {
  it('link every failure of every sample bundle as the scans do', async () => {
    const dir = path.join(ROOT, 'samples');
    for (const b of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const a = await run([path.join(dir, b.name)], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
      const snaps = a.events.filter((e) => SNAPSHOT_KINDS.has(e.kind) && Number.isFinite(e.time.ms));
      expect(a.failures.length, b.name).toBeGreaterThan(0);
      for (const f of a.failures) {
        const t = f.event.time.ms;
        expect(linkAfter(f.event, snaps)).toEqual(slowAfter(t, snaps));
        expect(linkEarlier(f.event, snaps)).toEqual(slowEarlier(t, snaps));
        // every instant around each snapshot too, with lookbacks short and long
        for (const s of snaps) {
          for (const dt of [-1, 0, 1]) {
            const probe = { ...f.event, time: { ms: s.time.ms + dt, source: 'stamped' } } as Event;
            expect(linkAfter(probe, snaps)).toEqual(slowAfter(s.time.ms + dt, snaps));
            expect(linkEarlier(probe, snaps)).toEqual(slowEarlier(s.time.ms + dt, snaps));
          }
        }
        expect(linkBefore(f.event, snaps, 900_000)?.event ?? null).toEqual(f.before?.event ?? null);
      }
    }
  });

  it('find the nearest unit-bearing snapshot as the scan does, ties to the one listed first', () => {
    const rnd = mulberry32(18);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rnd() * 12);
      const seqs = new Set<number>();
      while (seqs.size < n) seqs.add(Math.floor(rnd() * 60));
      // listed in an arbitrary order, as a file's events may be
      const known = [...seqs].sort(() => rnd() - 0.5).map((seq) => ({ seq }) as Event);
      const bySeq = known.map((e, index) => ({ e, index })).sort((a, b) => a.e.seq - b.e.seq);
      for (let seq = -5; seq < 70; seq++) if (!seqs.has(seq)) expect(nearest(bySeq, seq).seq, `${[...seqs]} @ ${seq}`).toBe(slowNearest(known, seq).seq);
    }
  });
});
