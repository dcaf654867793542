// The dating stage on a long year-less syslog crossing New Year: 200k stamps all placed, the year
// rolling forward. (How fast is the benchmark's business, not a test's: no time is asserted.)
import { describe, expect, it } from 'vitest';
import type { Event } from '../../src/event.js';
import { Clock } from '../../src/time/clock.js';
import { dateEvents } from '../../src/time/dating.js';

describe('dating speed', () => {
  it('places 200k year-less stamps across New Year', () => {
    const events: Event[] = [];
    for (let i = 0; i < 200_000; i++) {
      const sec = i * 7;
      const stamp = { month: 12, day: 30 + Math.floor(sec / 86400), hour: Math.floor(sec / 3600) % 24, minute: Math.floor(sec / 60) % 60, second: sec % 60 };
      if (stamp.day > 31) Object.assign(stamp, { month: 1, day: stamp.day - 31 });
      events.push({ kind: 'kernel.log', data: {}, message: '', time: { ms: Number.NaN, source: 'inferred' }, pending: { stamp }, src: { path: 'messages', line: i + 1, lines: 1, offset: 0, format: 'syslog' }, seq: i } as Event);
    }
    dateEvents(events, { clock: new Clock('America/New_York'), year: 2016, mtimes: new Map() });
    expect(events.every((e) => Number.isFinite(e.time.ms))).toBe(true);
    expect(new Clock('America/New_York').iso(events[events.length - 1].time.ms).slice(0, 4)).toBe('2017');
  });
});
