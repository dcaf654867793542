// The dating stage stays linear on a long year-less syslog (a fast path through the clock's
// per-hour cache): 200k stamps place in well under the time the parsers take to read them.
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { Clock } from '../../src/time/clock.js';
import { dateEvents } from '../../src/time/dating.js';

describe('dating speed', () => {
  it('places 200k year-less stamps in under 2 s', () => {
    const events: Event[] = [];
    for (let i = 0; i < 200_000; i++) {
      const sec = i * 7;
      const stamp = { month: 12, day: 30 + Math.floor(sec / 86400), hour: Math.floor(sec / 3600) % 24, minute: Math.floor(sec / 60) % 60, second: sec % 60 };
      if (stamp.day > 31) Object.assign(stamp, { month: 1, day: stamp.day - 31 });
      events.push({ kind: 'kernel.log', data: {}, message: '', time: { ms: Number.NaN, source: 'inferred' }, pending: { stamp }, src: { path: 'messages', line: i + 1, lines: 1, offset: 0, format: 'syslog' }, seq: i } as Event);
    }
    const t0 = performance.now();
    dateEvents(events, { clock: new Clock('America/New_York'), year: 2016, mtimes: new Map() });
    const took = performance.now() - t0;
    expect(events.every((e) => Number.isFinite(e.time.ms))).toBe(true);
    expect(new Clock('America/New_York').iso(events[events.length - 1].time.ms).slice(0, 4)).toBe('2017');
    expect(took).toBeLessThan(2000);
  });
});
